import Foundation
import FactumYAML

/// The keys each mapping of a domain file may hold. The JSON Schema in `Schemas/` is checked
/// against these by a test, so that the two never drift apart.
public enum DomainKeys {
    public static let document = ["domain", "description", "types", "entities"]
    public static let type = ["description", "fields", "cases"]
    public static let entity = ["description", "key", "events"]
    public static let event = ["id", "visibility", "description", "generation", "fields", "history", "retired"]
    public static let historyGeneration = ["description", "fields"]
    public static let field = ["type", "default", "description", "renamedFrom"]
}

/// Loads one domain file into the model, reporting every problem it meets at the line and
/// column of the offending node, and going on past each one so that a single run reports all.
///
/// Checks that need every file read together (names, ids, types, defaults) are the
/// validator's; the loader checks what one file can tell on its own.
public struct DomainLoader: Sendable {
    /// Files larger than this are not read.
    public static let maximumFileSize = 16 * 1024 * 1024

    public var reader: Reader

    /// Why a file over `maximumFileSize` is not read.
    public static func tooLargeMessage(size: Int) -> String {
        "the file is \(size) bytes, larger than the \(maximumFileSize) bytes a domain file may have; split the domain into several files"
    }

    public init(reader: Reader = Reader()) {
        self.reader = reader
    }

    public func load(path: String, text: String) -> (file: WrittenFile?, findings: [Finding]) {
        var bytes = Array(text.utf8)
        return load(path: path, bytes: &bytes)
    }

    public func load(path: String, bytes: inout [UInt8]) -> (file: WrittenFile?, findings: [Finding]) {
        var loading = Loading(collector: FindingCollector(path: path))
        guard bytes.count <= Self.maximumFileSize else {
            loading.collector.report(.fileUnreadable, at: Mark(line: 1, column: 1), Self.tooLargeMessage(size: bytes.count))
            return (nil, loading.collector.findings)
        }
        let document = reader.read(bytes: &bytes)
        for problem in document.problems {
            switch problem.kind {
            case .syntax: loading.collector.report(.yamlSyntax, at: problem.mark, problem.message)
            case .duplicateKey: loading.collector.report(.duplicateKey, at: problem.mark, problem.message)
            }
        }
        // A syntax error leaves a partial tree; loading it would report follow-on noise.
        if document.problems.contains(where: { $0.kind == .syntax }) {
            return (nil, loading.collector.findings)
        }
        guard let root = document.root, !(root.scalar?.isNull ?? false) else {
            loading.collector.report(.missingKey, at: Mark(line: 1, column: 1), "the file is empty; a domain file needs at least 'domain' and 'entities'")
            return (nil, loading.collector.findings)
        }
        let domain = loading.domain(root)
        return (domain.map { WrittenFile(path: path, domain: $0) }, loading.collector.findings)
    }
}

/// The state of loading one file.
struct Loading {
    var collector: FindingCollector

    // MARK: Document

    mutating func domain(_ root: Node) -> WrittenDomain? {
        guard let pairs = mapping(root, what: "a domain file", example: "domain: Kitchen") else { return nil }
        let keys = keyed(pairs, allowed: DomainKeys.document, in: "a domain file")

        var name = ""
        var nameMark = root.mark
        if let pair = keys["domain"] {
            nameMark = pair.value.mark
            if let text = text(pair.value, what: "the domain name") {
                name = text
                pascalCaseName(text, at: pair.value.mark, what: "domain")
            }
        } else {
            collector.report(.missingKey, at: root.mark, "the file has no 'domain' key; name the domain, as in 'domain: Kitchen'")
        }

        let description = keys["description"].flatMap { self.description($0.value) }

        var types: [WrittenType] = []
        if let pair = keys["types"], !isNull(pair.value), let typePairs = mapping(pair.value, what: "'types'", example: "Money: {fields: {amount: Decimal}}") {
            for typePair in typePairs {
                if let type = typeDeclaration(typePair) { types.append(type) }
            }
        }

        var entities: [WrittenEntity] = []
        if let pair = keys["entities"] {
            if let entityPairs = mapping(pair.value, what: "'entities'", example: "Kitchen: {events: {...}}", nullIsEmpty: true) {
                if entityPairs.isEmpty {
                    collector.report(.missingKey, at: pair.key.mark, "'entities' is empty; a domain declares at least one entity")
                }
                for pair in entityPairs {
                    if let entity = entity(pair) { entities.append(entity) }
                }
            }
        } else {
            collector.report(.missingKey, at: root.mark, "the file has no 'entities' key; a domain declares at least one entity with its events")
        }
        return WrittenDomain(name: name, nameMark: nameMark, description: description, types: types, entities: entities)
    }

    // MARK: Types

    mutating func typeDeclaration(_ pair: Pair) -> WrittenType? {
        guard let name = pascalCaseKey(pair.key, what: "type") else { return nil }
        guard let pairs = mapping(pair.value, what: "type '\(name)'", example: "fields: {...} or cases: [...]") else { return nil }
        let keys = keyed(pairs, allowed: DomainKeys.type, in: "type '\(name)'")
        let description = keys["description"].flatMap { self.description($0.value) }
        switch (keys["fields"], keys["cases"]) {
        case (nil, nil):
            collector.report(.missingKey, at: pair.key.mark, "type '\(name)' has neither 'fields' (a struct) nor 'cases' (an enum)")
            return nil
        case (.some, .some(let cases)):
            collector.report(.invalidValue, at: cases.key.mark, "type '\(name)' has both 'fields' and 'cases'; a type is either a struct (fields) or an enum (cases)")
            return nil
        case (.some(let fields), nil):
            return WrittenType(name: name, mark: pair.key.mark, description: description, kind: .structure(self.fields(fields.value, owner: "type '\(name)'")))
        case (nil, .some(let cases)):
            return WrittenType(name: name, mark: pair.key.mark, description: description, kind: .enumeration(enumCases(cases, owner: name)))
        }
    }

    mutating func enumCases(_ pair: Pair, owner: String) -> [EnumCase] {
        guard let items = pair.value.sequence else {
            collector.report(.invalidValue, at: pair.value.mark, "the cases of enum '\(owner)' are a list of names, as in 'cases: [mild, medium, hot]'")
            return []
        }
        if items.isEmpty {
            collector.report(.invalidValue, at: pair.value.mark, "enum '\(owner)' has no cases; list at least one")
        }
        var cases: [EnumCase] = []
        var seen: [String: Mark] = [:]
        for item in items {
            guard let name = text(item, what: "an enum case") else { continue }
            guard Names.isIdentifier(name), name.utf8.count <= Names.maximumLength else {
                collector.report(.invalidName, at: item.mark, "enum case \(quoted(name)) of '\(owner)' is not an identifier; use lowerCamelCase letters and digits")
                continue
            }
            if let first = seen[name] {
                collector.report(.duplicateName, at: item.mark, "enum '\(owner)' lists case '\(name)' twice; the first is at line \(first.line)")
                continue
            }
            seen[name] = item.mark
            cases.append(EnumCase(name: name, mark: item.mark))
        }
        return cases
    }

    // MARK: Entities and events

    mutating func entity(_ pair: Pair) -> WrittenEntity? {
        guard let name = pascalCaseKey(pair.key, what: "entity") else { return nil }
        guard let pairs = mapping(pair.value, what: "entity '\(name)'", example: "events: {...}", nullIsEmpty: true) else { return nil }
        let keys = keyed(pairs, allowed: DomainKeys.entity, in: "entity '\(name)'")
        let description = keys["description"].flatMap { self.description($0.value) }
        var key = KeyType.string
        if let keyPair = keys["key"], let text = text(keyPair.value, what: "an entity key type") {
            if let parsed = KeyType(rawValue: text) {
                key = parsed
            } else {
                let choices = KeyType.allCases.map(\.rawValue)
                collector.report(.invalidValue, at: keyPair.value.mark, "entity key type \(quoted(text)) is not one of \(choices.joined(separator: ", "))\(suggestion(for: text, among: choices))")
            }
        }
        var events: [WrittenEvent] = []
        if let eventsPair = keys["events"], let eventPairs = mapping(eventsPair.value, what: "the events of entity '\(name)'", example: "KitchenOpened: {id: ...}", nullIsEmpty: true) {
            if eventPairs.isEmpty {
                collector.report(.missingKey, at: eventsPair.key.mark, "entity '\(name)' has no events; declare at least one")
            }
            for eventPair in eventPairs {
                if let event = event(eventPair) { events.append(event) }
            }
        } else if keys["events"] == nil {
            collector.report(.missingKey, at: pair.key.mark, "entity '\(name)' has no 'events' key; declare the events that happen to it")
        }
        return WrittenEntity(name: name, mark: pair.key.mark, description: description, key: key, events: events)
    }

    mutating func event(_ pair: Pair) -> WrittenEvent? {
        guard let name = pascalCaseKey(pair.key, what: "event") else { return nil }
        guard let pairs = mapping(pair.value, what: "event '\(name)'", example: "id: <a UUID>", nullIsEmpty: true) else { return nil }
        let keys = keyed(pairs, allowed: DomainKeys.event, in: "event '\(name)'")

        var id: UUID?
        var idMark = pair.key.mark
        if let idPair = keys["id"] {
            idMark = idPair.value.mark
            id = eventID(idPair.value, event: name)
        } else {
            collector.report(.missingKey, at: pair.key.mark, "event '\(name)' has no 'id'; give it a permanent event type id, a new UUID such as \(UUID().uuidString.lowercased())")
        }

        var visibility = Visibility.private
        if let visibilityPair = keys["visibility"], let text = text(visibilityPair.value, what: "a visibility") {
            if let parsed = Visibility(rawValue: text) {
                visibility = parsed
            } else {
                let choices = Visibility.allCases.map(\.rawValue)
                collector.report(.invalidValue, at: visibilityPair.value.mark, "visibility \(quoted(text)) is neither 'public' nor 'private'\(suggestion(for: text, among: choices))")
            }
        }

        var generationNumber = 1
        var generationMark = pair.key.mark
        if let generationPair = keys["generation"] {
            generationMark = generationPair.value.mark
            if let number = positiveInteger(generationPair.value) {
                generationNumber = number
            } else {
                collector.report(.invalidValue, at: generationPair.value.mark, "generation \(quoted(generationPair.value.scalar?.text ?? generationPair.value.kindDescription)) is not a whole number from 1 to \(Loading.maximumGeneration)")
            }
        }

        var retired = false
        if let retiredPair = keys["retired"], let text = text(retiredPair.value, what: "'retired'") {
            if text == "true" || text == "false" {
                retired = text == "true"
            } else {
                collector.report(.invalidValue, at: retiredPair.value.mark, "'retired' is true or false, not \(quoted(text))")
            }
        }
        let description = keys["description"].flatMap { self.description($0.value) }
        let currentFields = keys["fields"].map { fields($0.value, owner: "event '\(name)'") } ?? []
        let current = WrittenGeneration(number: generationNumber, mark: generationMark, fields: currentFields)
        let history = self.history(keys["history"], generation: generationNumber, generationMark: generationMark, event: name)
        return WrittenEvent(name: name, mark: pair.key.mark, id: id, idMark: idMark, visibility: visibility, description: description, current: current, history: history, retired: retired)
    }

    /// The highest generation number: the generated code is linear in it (one struct, one upcast
    /// step and one chain function per generation), and at 1,000 generations it already takes
    /// the compiler about 12 s to type-check one event (docs/schema-format.md).
    static let maximumGeneration = 1_000

    mutating func eventID(_ node: Node, event: String) -> UUID? {
        guard let text = node.scalar?.text else {
            collector.report(.invalidEventID, at: node.mark, "the id of event '\(event)' is \(node.kindDescription), not a UUID")
            return nil
        }
        guard let uuid = Loading.uuid(text) else {
            collector.report(.invalidEventID, at: node.mark, "the id of event '\(event)', \(quoted(text)), is not a UUID; write 32 hexadecimal digits grouped 8-4-4-4-12, such as \(UUID().uuidString.lowercased())")
            return nil
        }
        if uuid == UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) {
            collector.report(.invalidEventID, at: node.mark, "the id of event '\(event)' is the nil UUID, which identifies nothing; use a new UUID such as \(UUID().uuidString.lowercased())")
            return nil
        }
        return uuid
    }

    /// 8-4-4-4-12 hexadecimal digits, nothing else (Foundation alone would accept less strict forms on some platforms).
    static func isUUIDText(_ text: String) -> Bool {
        uuid(text) != nil
    }

    /// The UUID that `text` writes in the 8-4-4-4-12 form, read on its bytes.
    static func uuid(_ text: String) -> UUID? {
        guard text.utf8.count == 36 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 16)
        var nibbles = 0
        for (index, byte) in text.utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                if byte != 45 { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case 48...57: value = byte - 48
            case 65...70: value = byte - 55
            case 97...102: value = byte - 87
            default: return nil
            }
            bytes[nibbles / 2] |= nibbles % 2 == 0 ? value << 4 : value
            nibbles += 1
        }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    mutating func history(_ pair: Pair?, generation: Int, generationMark: Mark, event: String) -> [WrittenGeneration] {
        var generations: [Int: WrittenGeneration] = [:]
        if let pair, !isNull(pair.value) {
            if generation == 1 {
                collector.report(.generationHistory, at: pair.key.mark, "event '\(event)' is at generation 1, so it has no earlier generations; remove 'history' or raise 'generation'")
            }
            if let entries = mapping(pair.value, what: "the history of event '\(event)'", example: "1: {fields: {...}}") {
                for entry in entries {
                    let keyText = entry.key.scalar?.text ?? ""
                    guard let number = Int(keyText), String(number) == keyText, number >= 1 else {
                        collector.report(.generationHistory, at: entry.key.mark, "history key \(quoted(keyText)) of event '\(event)' is not a generation number; key each earlier generation by its number, 1 to \(max(1, generation - 1))")
                        continue
                    }
                    guard number < generation else {
                        if generation > 1 {
                            collector.report(.generationHistory, at: entry.key.mark, "history of event '\(event)' holds generation \(number), but the current generation is \(generation); the history holds only generations 1 to \(generation - 1)")
                        }
                        continue
                    }
                    var fields: [WrittenField] = []
                    if let entryPairs = mapping(entry.value, what: "generation \(number) of event '\(event)'", example: "fields: {...}", nullIsEmpty: true) {
                        let keys = keyed(entryPairs, allowed: DomainKeys.historyGeneration, in: "generation \(number) of event '\(event)'")
                        if let description = keys["description"] { _ = self.description(description.value) }
                        fields = keys["fields"].map { self.fields($0.value, owner: "generation \(number) of event '\(event)'") } ?? []
                    }
                    generations[number] = WrittenGeneration(number: number, mark: entry.key.mark, fields: fields)
                }
            }
        }
        if generation > 1 {
            let missing = (1..<generation).filter { generations[$0] == nil }
            if !missing.isEmpty {
                let mark = pair?.key.mark ?? generationMark
                let list = missing.count > 5 ? "\(missing.prefix(5).map(String.init).joined(separator: ", ")) and \(missing.count - 5) more" : missing.map(String.init).joined(separator: ", ")
                collector.report(.generationHistory, at: mark, "event '\(event)' is at generation \(generation) but its history lacks generation\(missing.count == 1 ? "" : "s") \(list); every earlier generation keeps its recorded shape so that stored events stay readable")
            }
        }
        return generations.keys.sorted().compactMap { generations[$0] }
    }

    // MARK: Fields

    // Messages name where a finding is ("event 'X'", "the fields of type 'Y'"); those words are
    // passed as autoclosures, so that they are built only when there is something to report.

    mutating func fields(_ node: Node, owner: @autoclosure () -> String) -> [WrittenField] {
        guard let pairs = mapping(node, what: "the fields of \(owner())", example: "chef: String", nullIsEmpty: true) else { return [] }
        var fields: [WrittenField] = []
        fields.reserveCapacity(pairs.count)
        for pair in pairs {
            if let field = field(pair, owner: owner()) { fields.append(field) }
        }
        return fields
    }

    mutating func field(_ pair: Pair, owner: @autoclosure () -> String) -> WrittenField? {
        guard let name = text(pair.key, what: "a field name") else { return nil }
        guard Names.isIdentifier(name), name.utf8.count <= Names.maximumLength else {
            collector.report(.invalidName, at: pair.key.mark, "field name \(quoted(name)) of \(owner()) is not an identifier of at most \(Names.maximumLength) characters; use lowerCamelCase letters and digits, as in 'openedAt'")
            return nil
        }
        var typeNode = pair.value
        var description: String?
        var defaultNode: Node?
        var renamedFrom: String?
        var renamedFromMark: Mark?
        if let specPairs = pair.value.mapping {
            let keys = keyed(specPairs, allowed: DomainKeys.field, in: "field '\(name)'")
            guard let typePair = keys["type"] else {
                collector.report(.missingKey, at: pair.key.mark, "field '\(name)' of \(owner()) has no 'type'")
                return nil
            }
            typeNode = typePair.value
            description = keys["description"].flatMap { self.description($0.value) }
            defaultNode = keys["default"]?.value
            if let renamedPair = keys["renamedFrom"], let old = text(renamedPair.value, what: "a field name") {
                if Names.isIdentifier(old) {
                    renamedFrom = old
                    renamedFromMark = renamedPair.value.mark
                } else {
                    collector.report(.invalidName, at: renamedPair.value.mark, "'renamedFrom' names \(quoted(old)), which is not a field name")
                }
            }
        } else if isNull(pair.value) {
            collector.report(.missingKey, at: pair.key.mark, "field '\(name)' of \(owner()) has no type; write it after the colon, as in '\(name): String'")
            return nil
        }
        switch TypeReferenceParser.parse(typeNode) {
        case .failure(let failure):
            collector.report(.invalidValue, at: typeNode.mark, "the type of field '\(name)' is malformed: \(failure.message)")
            return nil
        case .success(let type):
            return WrittenField(name: name, mark: pair.key.mark, type: type, typeMark: typeNode.mark, description: description, defaultNode: defaultNode, renamedFrom: renamedFrom, renamedFromMark: renamedFromMark)
        }
    }

    // MARK: Node helpers

    func isNull(_ node: Node) -> Bool {
        node.scalar?.isNull ?? false
    }

    /// The node's pairs, or a finding when it is not a mapping. A YAML null counts as an empty
    /// mapping where `nullIsEmpty` says so (`fields:` with nothing after it).
    mutating func mapping(_ node: Node, what: @autoclosure () -> String, example: String, nullIsEmpty: Bool = false) -> [Pair]? {
        if let pairs = node.mapping { return pairs }
        if nullIsEmpty, isNull(node) { return [] }
        collector.report(.invalidValue, at: node.mark, "\(what()) must be a mapping (as in '\(example)'), not \(node.kindDescription)")
        return nil
    }

    /// The pairs by key text; unknown keys (and non-scalar keys) are reported.
    mutating func keyed(_ pairs: [Pair], allowed: [String], in context: @autoclosure () -> String) -> KeyedPairs {
        var result = KeyedPairs()
        result.pairs.reserveCapacity(pairs.count)
        for pair in pairs {
            guard let key = pair.keyText, pair.key.scalar != nil else {
                collector.report(.invalidValue, at: pair.key.mark, "a key in \(context()) is \(pair.key.kindDescription); keys are plain names")
                continue
            }
            guard allowed.contains(key) else {
                collector.report(.unknownKey, at: pair.key.mark, "unknown key \(quoted(key)) in \(context()) (allowed: \(allowed.joined(separator: ", ")))\(suggestion(for: key, among: allowed))")
                continue
            }
            result.pairs.append((key, pair))
        }
        return result
    }

    /// A mapping's pairs by key. A mapping here has a handful of keys, so a search along them
    /// costs less than hashing; the last pair with a key wins, as in a dictionary.
    struct KeyedPairs {
        var pairs: [(key: String, pair: Pair)] = []

        subscript(key: String) -> Pair? {
            pairs.last { $0.key == key }?.pair
        }
    }

    /// A scalar's text, or a finding when the node is a list or mapping.
    mutating func text(_ node: Node, what: @autoclosure () -> String) -> String? {
        guard let scalar = node.scalar else {
            collector.report(.invalidValue, at: node.mark, "\(what()) must be a single value, not \(node.kindDescription)")
            return nil
        }
        return scalar.text
    }

    /// A description: any text; a YAML null means none.
    mutating func description(_ node: Node) -> String? {
        if isNull(node) { return nil }
        return text(node, what: "a description")
    }

    func positiveInteger(_ node: Node) -> Int? {
        guard let text = node.scalar?.text, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), text.utf8.count <= 6,
              let number = Int(text), number >= 1, number <= Loading.maximumGeneration else { return nil }
        return number
    }

    /// A mapping key that must be a PascalCase name; nil (with a finding) when it is not.
    mutating func pascalCaseKey(_ key: Node, what: String) -> String? {
        guard let name = text(key, what: withArticle(what) + " name") else { return nil }
        return pascalCaseName(name, at: key.mark, what: what) ? name : nil
    }

    @discardableResult
    mutating func pascalCaseName(_ name: String, at mark: Mark, what: String) -> Bool {
        if name.utf8.count > Names.maximumLength {
            collector.report(.invalidName, at: mark, "\(what) name \(quoted(name)) is longer than \(Names.maximumLength) characters")
            return false
        }
        if Names.isPascalCase(name) { return true }
        var advice = "use ASCII letters and digits starting with a capital"
        if Names.isIdentifier(name) {
            let camel = Names.pascalCased(name)
            if Names.isPascalCase(camel) { advice += ", as in '\(camel)'" }
        }
        collector.report(.invalidName, at: mark, "\(what) name \(quoted(name)) is not PascalCase; \(advice)")
        return false
    }
}

extension Names {
    /// `order_placed` → `OrderPlaced`, `orderPlaced` → `OrderPlaced`.
    static func pascalCased(_ name: String) -> String {
        name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
