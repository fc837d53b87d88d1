import Foundation
import FactumYAML

/// The keys each mapping of a domain file may hold. The JSON Schema in `Schemas/` is checked
/// against these by a test, so that the two never drift apart.
public enum DomainKeys {
    public static let document = ["domain", "description", "types", "entities", "projections"]
    public static let type = ["description", "fields", "cases"]
    public static let entity = ["description", "key", "events"]
    public static let event = ["id", "visibility", "description", "generation", "fields", "history", "retired"]
    public static let historyGeneration = ["description", "fields"]
    public static let field = ["type", "default", "description", "renamedFrom"]
    public static let projection = ["description", "version", "events"]
}

/// Loads one domain file into the written model, reporting every problem it meets at the line
/// and column of the offending node, and going on past each one so that a single run reports all.
///
/// Checks that need every file read together (names, ids, types, defaults) are the
/// validator's; the loader checks what one file can tell on its own. This file only walks the
/// document; each check is in its rule's file (`Rules/Loading/`), as an extension of `Loading`.
public struct DomainLoader: Sendable {
    public var reader: Reader

    public init(reader: Reader = Reader()) {
        self.reader = reader
    }

    public func load(path: String, text: String, into sink: inout FindingSink) -> WrittenFile? {
        var bytes = Array(text.utf8)
        return load(path: path, bytes: &bytes, into: &sink)
    }

    public func load(path: String, bytes: inout [UInt8], into sink: inout FindingSink) -> WrittenFile? {
        // The findings move into the loading state and back, so that reporting never copies them.
        var loading = Loading(path: path, sink: sink)
        sink = FindingSink()
        defer { sink = loading.sink }
        guard loading.readable(size: bytes.count) else { return nil }
        let document = reader.read(bytes: &bytes)
        for problem in document.problems {
            switch problem.kind {
            case .syntax: loading.yamlSyntax(problem)
            case .duplicateKey: loading.duplicateKey(problem)
            }
        }
        // A syntax error leaves a partial tree; loading it would report follow-on noise.
        if document.problems.contains(where: { $0.kind == .syntax }) {
            return nil
        }
        guard let root = document.root, !(root.scalar?.isNull ?? false) else {
            loading.missingKey(at: Mark(line: 1, column: 1), "the file is empty; a domain file needs at least 'domain' and 'entities'")
            return nil
        }
        return loading.domain(root).map { WrittenFile(path: path, domain: $0) }
    }
}

/// The state of loading one file.
struct Loading {
    let path: String
    var sink: FindingSink

    // MARK: Document

    mutating func domain(_ root: Node) -> WrittenDomain? {
        guard let pairs = mapping(root, what: "a domain file", example: "domain: Kitchen") else { return nil }
        let keys = keyed(pairs, allowed: DomainKeys.document, in: "a domain file")

        var name = ""
        var nameMark = root.mark
        if let pair = required(keys, "domain", at: root.mark, "the file has no 'domain' key; name the domain, as in 'domain: Kitchen'") {
            nameMark = pair.value.mark
            if let text = text(pair.value, what: "the domain name") {
                name = text
                pascalCaseName(text, at: pair.value.mark, what: "domain")
            }
        }

        let description = keys["description"].flatMap { self.description($0.value) }

        var types: [WrittenType] = []
        if let pair = keys["types"], !isNull(pair.value), let typePairs = mapping(pair.value, what: "'types'", example: "Money: {fields: {amount: Decimal}}") {
            for typePair in typePairs {
                if let type = typeDeclaration(typePair) { types.append(type) }
            }
        }

        var entities: [WrittenEntity] = []
        if let pair = required(keys, "entities", at: root.mark, "the file has no 'entities' key; a domain declares at least one entity with its events"),
           let entityPairs = mapping(pair.value, what: "'entities'", example: "Kitchen: {events: {...}}", nullIsEmpty: true) {
            if entityPairs.isEmpty {
                missingKey(at: pair.key.mark, "'entities' is empty; a domain declares at least one entity")
            }
            for pair in entityPairs {
                if let entity = entity(pair) { entities.append(entity) }
            }
        }
        var projections: [Projection] = []
        if let pair = keys["projections"], !isNull(pair.value),
           let projectionPairs = mapping(pair.value, what: "'projections'", example: "DishesWaiting: {version: 1, events: [DishOrdered]}") {
            for projectionPair in projectionPairs {
                if let projection = projection(projectionPair) { projections.append(projection) }
            }
        }
        return WrittenDomain(name: name, nameMark: nameMark, description: description, types: types, entities: entities, projections: projections)
    }

    // MARK: Projections

    mutating func projection(_ pair: Pair) -> Projection? {
        guard let name = pascalCaseKey(pair.key, what: "projection") else { return nil }
        guard let pairs = mapping(pair.value, what: "projection '\(name)'", example: "version: 1") else { return nil }
        let keys = keyed(pairs, allowed: DomainKeys.projection, in: "projection '\(name)'")
        let description = keys["description"].flatMap { self.description($0.value) }
        var version = 1
        var versionMark = pair.key.mark
        if let versionPair = required(keys, "version", at: pair.key.mark, "projection '\(name)' has no 'version'; start at 'version: 1', and raise it whenever its events or its meaning change: a new version is rebuilt from the first event") {
            versionMark = versionPair.value.mark
            guard let number = generation(versionPair.value, what: "version") else { return nil }
            version = number
        }
        var events: [ProjectionEvent] = []
        if let eventsPair = required(keys, "events", at: pair.key.mark, "projection '\(name)' has no 'events'; list the events it reads, as in 'events: [DishOrdered, DishServed]'") {
            guard let items = eventsPair.value.sequence, !items.isEmpty else {
                invalidValue(at: eventsPair.value.mark, "the events of projection '\(name)' are a list of at least one event name, as in 'events: [DishOrdered, DishServed]'")
                return nil
            }
            var seen: Set<String> = []
            for item in items {
                guard let event = text(item, what: "an event name"), pascalCaseName(event, at: item.mark, what: "event") else { continue }
                guard seen.insert(event).inserted else {
                    invalidValue(at: item.mark, "projection '\(name)' lists event '\(event)' twice")
                    continue
                }
                events.append(ProjectionEvent(name: event, mark: item.mark))
            }
        }
        return Projection(name: name, mark: pair.key.mark, description: description, version: version, versionMark: versionMark, events: events)
    }

    // MARK: Types

    mutating func typeDeclaration(_ pair: Pair) -> WrittenType? {
        guard let name = pascalCaseKey(pair.key, what: "type") else { return nil }
        guard let pairs = mapping(pair.value, what: "type '\(name)'", example: "fields: {...} or cases: [...]") else { return nil }
        let keys = keyed(pairs, allowed: DomainKeys.type, in: "type '\(name)'")
        let description = keys["description"].flatMap { self.description($0.value) }
        switch (keys["fields"], keys["cases"]) {
        case (nil, nil):
            missingKey(at: pair.key.mark, "type '\(name)' has neither 'fields' (a struct) nor 'cases' (an enum)")
            return nil
        case (.some, .some(let cases)):
            invalidValue(at: cases.key.mark, "type '\(name)' has both 'fields' and 'cases'; a type is either a struct (fields) or an enum (cases)")
            return nil
        case (.some(let fields), nil):
            return WrittenType(name: name, mark: pair.key.mark, description: description, kind: .structure(self.fields(fields.value, owner: "type '\(name)'")))
        case (nil, .some(let cases)):
            return WrittenType(name: name, mark: pair.key.mark, description: description, kind: .enumeration(enumCases(cases, owner: name)))
        }
    }

    mutating func enumCases(_ pair: Pair, owner: String) -> [EnumCase] {
        guard let items = caseList(pair, owner: owner) else { return [] }
        var cases: [EnumCase] = []
        var seen: [String: Mark] = [:]
        for item in items {
            guard let name = text(item, what: "an enum case"),
                  identifier(name, at: item.mark, "enum case \(quoted(name)) of '\(owner)' is not an identifier; use lowerCamelCase letters and digits"),
                  !duplicateCase(name, at: item.mark, of: owner, among: &seen) else { continue }
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
        let key = keys["key"].flatMap { choice($0.value, what: "an entity key type", as: KeyType.self) { text, choices in
            "entity key type \(quoted(text)) is not one of \(choices.joined(separator: ", "))"
        } } ?? .string
        var events: [WrittenEvent] = []
        if let eventsPair = required(keys, "events", at: pair.key.mark, "entity '\(name)' has no 'events' key; declare the events that happen to it"),
           let eventPairs = mapping(eventsPair.value, what: "the events of entity '\(name)'", example: "KitchenOpened: {id: ...}", nullIsEmpty: true) {
            if eventPairs.isEmpty {
                missingKey(at: eventsPair.key.mark, "entity '\(name)' has no events; declare at least one")
            }
            for eventPair in eventPairs {
                if let event = event(eventPair) { events.append(event) }
            }
        }
        return WrittenEntity(name: name, mark: pair.key.mark, description: description, key: key, events: events)
    }

    mutating func event(_ pair: Pair) -> WrittenEvent? {
        guard let name = pascalCaseKey(pair.key, what: "event") else { return nil }
        guard let pairs = mapping(pair.value, what: "event '\(name)'", example: "id: <a UUID>", nullIsEmpty: true) else { return nil }
        let keys = keyed(pairs, allowed: DomainKeys.event, in: "event '\(name)'")

        var id: UUID?
        var idMark = pair.key.mark
        if let idPair = required(keys, "id", at: pair.key.mark, "event '\(name)' has no 'id'; give it a permanent event type id, a new UUID such as \(UUID().uuidString.lowercased())") {
            idMark = idPair.value.mark
            id = eventID(idPair.value, event: name)
        }
        let visibility = keys["visibility"].flatMap { choice($0.value, what: "a visibility", as: Visibility.self) { text, _ in
            "visibility \(quoted(text)) is neither 'public' nor 'private'"
        } } ?? .private
        var generationNumber = 1
        var generationMark = pair.key.mark
        if let generationPair = keys["generation"] {
            generationMark = generationPair.value.mark
            generationNumber = generation(generationPair.value) ?? 1
        }
        let retired = keys["retired"].flatMap { flag($0.value, what: "'retired'") } ?? false
        let description = keys["description"].flatMap { self.description($0.value) }
        let currentFields = keys["fields"].map { fields($0.value, owner: "event '\(name)'") } ?? []
        let current = WrittenGeneration(number: generationNumber, mark: generationMark, fields: currentFields)
        let history = self.history(keys["history"], generation: generationNumber, generationMark: generationMark, event: name)
        return WrittenEvent(name: name, mark: pair.key.mark, id: id, idMark: idMark, visibility: visibility, description: description, current: current, history: history, retired: retired)
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
        guard let name = text(pair.key, what: "a field name"),
              identifier(name, at: pair.key.mark, "field name \(quoted(name)) of \(owner()) is not an identifier of at most \(Names.maximumLength) characters; use lowerCamelCase letters and digits, as in 'openedAt'")
        else { return nil }
        var typeNode = pair.value
        var description: String?
        var defaultNode: Node?
        var renamedFrom: String?
        var renamedFromMark: Mark?
        if let specPairs = pair.value.mapping {
            let keys = keyed(specPairs, allowed: DomainKeys.field, in: "field '\(name)'")
            guard let typePair = required(keys, "type", at: pair.key.mark, "field '\(name)' of \(owner()) has no 'type'") else { return nil }
            typeNode = typePair.value
            description = keys["description"].flatMap { self.description($0.value) }
            defaultNode = keys["default"]?.value
            if let renamedPair = keys["renamedFrom"], let old = text(renamedPair.value, what: "a field name"),
               identifier(old, at: renamedPair.value.mark, "'renamedFrom' names \(quoted(old)), which is not a field name") {
                renamedFrom = old
                renamedFromMark = renamedPair.value.mark
            }
        } else if isNull(pair.value) {
            missingKey(at: pair.key.mark, "field '\(name)' of \(owner()) has no type; write it after the colon, as in '\(name): String'")
            return nil
        }
        guard let type = typeReference(typeNode, field: name) else { return nil }
        return WrittenField(name: name, mark: pair.key.mark, type: type, typeMark: typeNode.mark, description: description, defaultNode: defaultNode, renamedFrom: renamedFrom, renamedFromMark: renamedFromMark)
    }

    func isNull(_ node: Node) -> Bool {
        node.scalar?.isNull ?? false
    }
}
