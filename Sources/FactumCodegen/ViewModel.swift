import FactumSchema
import Foundation

// The view model the templates render: every decision about the generated code is made here,
// in Swift that unit tests can read, so that the templates stay logic-less and read like the
// code they produce. Lines are given without their indentation; the templates indent them.

/// One generated Swift file: everything declared by one domain file.
struct FileView: Sendable {
    var header: [String]
    var imports: [String]
    var types: [TypeView]
    var events: [EventView]
    var entities: [EntityView]
    var registry: RegistryView
}

/// A stored property, a case, a requirement: doc lines and one declaration line.
struct MemberView: Sendable {
    var docLines: [String]
    var declaration: String
}

/// An initializer: its signature lines (one, or several when long) and its assignments.
struct InitializerView: Sendable {
    var docLines: [String]
    var signature: [String]
    var assignments: [String]
}

struct TypeView: Sendable {
    var structure: StructView?
    var enumeration: EnumView?
}

struct StructView: Sendable {
    var docLines: [String]
    var declaration: String
    var properties: [MemberView]
    var initializer: InitializerView
}

struct EnumView: Sendable {
    var docLines: [String]
    var declaration: String
    var cases: [String]
}

struct EventView: Sendable {
    var name: String
    var docLines: [String]
    var declaration: String
    var staticLines: [String]
    var properties: [MemberView]
    var initializer: InitializerView
    var history: HistoryView?
}

/// An event's older generations, its decoding switch and its upcasts.
struct HistoryView: Sendable {
    var eventName: String
    var generations: [GenerationView]
    var decodeSignature: String
    var decodeCases: [String]
    /// `upcastToCurrent(fromGenerationN:)`, one per older generation.
    var chains: [UpcastView]
    var derivedUpcasts: [UpcastView]
    var handWritten: HandWrittenView?
}

struct GenerationView: Sendable {
    var number: Int
    var declaration: String
    var properties: [MemberView]
    /// Only generations that an upcast constructs need one. (Named apart from the event's
    /// `initializer`: a missing key would otherwise be looked up in the enclosing event.)
    var generationInitializer: InitializerView?
}

struct UpcastView: Sendable {
    var docLines: [String]
    var signature: String
    var body: [String]
}

/// The upcasts the user writes: requirements of a protocol the event conforms to, so that the
/// code does not compile until they exist, and the compiler names each one.
struct HandWrittenView: Sendable {
    var declaration: String
    var requirements: [MemberView]
    var conformance: String
}

struct EntityView: Sendable {
    var key: KeyView
    var enumeration: EntityEnumView
    var aggregate: AggregateView
}

struct KeyView: Sendable {
    var docLines: [String]
    var declaration: String
    var rawValueDeclaration: String
    var initializer: String
    var sourceIDInitializer: String
    var sourceIDInitializerBody: [String]
    var sourceIDDeclaration: String
    var descriptionDeclaration: String
}

struct EntityEnumView: Sendable {
    var docLines: [String]
    var declaration: String
    var keyAlias: String
    var entityNameLine: String
    var cases: [MemberView]
    var initializer: String
    var wrapCases: [String]
    var eventDeclaration: String
    var unwrapCases: [String]
}

struct AggregateView: Sendable {
    var docLines: [String]
    var declaration: String
    var requirements: [MemberView]
    var dispatchDeclaration: String
    var dispatchCases: [String]
    var protocolName: String
}

struct RegistryView: Sendable {
    var docLines: [String]
    var declaration: String
    var registrationsDeclaration: String
    var registrations: [String]
    var makeRegistryDeclaration: String
}

/// Builds the view of one domain file.
struct ViewModelBuilder {
    let access: AccessLevel
    /// Every declared type of every file read together, for defaults of enum types.
    let declared: [String: TypeDeclaration]

    var accessPrefix: String {
        access == .internal ? "" : access.rawValue + " "
    }

    func file(_ file: DomainFile, relativePath: String) -> FileView {
        let domain = file.domain
        let importKeyword = access == .internal ? "import" : "\(access.rawValue) import"
        var header = [
            "\(generatedFileMarker) from \(SwiftSpelling.sanitizedComment(relativePath)). Do not edit: change the domain file.",
        ]
        header.append(contentsOf: SwiftSpelling.docLines(domain.description).map { "//" + $0.dropFirst(3) })
        return FileView(
            header: header,
            imports: ["\(importKeyword) Foundation", "\(importKeyword) Factum"],
            types: domain.types.map(type),
            events: domain.entities.flatMap(\.events).map(event),
            entities: domain.entities.map(entity),
            registry: registry(domain)
        )
    }

    // MARK: Declared types

    func type(_ declaration: TypeDeclaration) -> TypeView {
        let docLines = SwiftSpelling.docLines(declaration.description)
        switch declaration.kind {
        case .structure(let fields):
            let fields = fields.map(SpelledField.init)
            return TypeView(structure: StructView(
                docLines: docLines,
                declaration: "\(accessPrefix)nonisolated struct \(declaration.name): Swift.Codable, Swift.Hashable, Swift.Sendable",
                properties: fields.map(property),
                initializer: initializer(fields, docLines: [])
            ))
        case .enumeration(let cases):
            return TypeView(enumeration: EnumView(
                docLines: docLines,
                declaration: "\(accessPrefix)nonisolated enum \(declaration.name): Swift.String, Swift.Codable, Swift.Hashable, Swift.Sendable, Swift.CaseIterable",
                cases: cases.map { "case \(SwiftSpelling.identifier($0.name))" }
            ))
        }
    }

    /// A field with its name and type spelled in Swift once, for its property and its parameter.
    struct SpelledField {
        var field: Field
        var name: String
        var type: String

        init(_ field: Field) {
            self.field = field
            name = SwiftSpelling.identifier(field.name)
            type = SwiftSpelling.type(field.type)
        }
    }

    func property(_ field: SpelledField) -> MemberView {
        MemberView(
            docLines: SwiftSpelling.docLines(field.field.description),
            declaration: concat(accessPrefix, "var ", field.name, ": ", field.type)
        )
    }

    /// The memberwise initializer: fields in declaration order, defaults and optionals defaulted.
    func initializer(_ fields: [SpelledField], docLines: [String], access: String? = nil) -> InitializerView {
        let prefix = access ?? accessPrefix
        let parameters = fields.map { spelled -> String in
            let field = spelled.field
            // A parameter called `self` would hide `self` inside the initializer.
            let name = field.name == "self" ? "`self` self_" : spelled.name
            if let value = field.defaultValue {
                return concat(name, ": ", spelled.type, " = ", SwiftSpelling.literal(value, type: field.type, declared: declared))
            } else if field.type.isOptional {
                return concat(name, ": ", spelled.type, " = nil")
            }
            return concat(name, ": ", spelled.type)
        }
        let oneLine = concat(prefix, "init(", concat(parameters, separator: ", "), ") {")
        let signature: [String]
        // Bytes bound characters from above, so most lines need no character count.
        if oneLine.utf8.count <= 100 || oneLine.count <= 100 {
            signature = [oneLine]
        } else {
            signature = [concat(prefix, "init(")] + parameters.enumerated().map { concat("    ", $0.element, $0.offset == parameters.count - 1 ? "" : ",") } + [") {"]
        }
        let assignments = fields.map { spelled -> String in
            concat("self.", spelled.name, " = ", spelled.field.name == "self" ? "self_" : spelled.name)
        }
        return InitializerView(docLines: docLines, signature: signature, assignments: assignments)
    }

    // MARK: Events

    func event(_ event: Event) -> EventView {
        let generation = String(event.current.number)
        var staticLines = [
            concat(accessPrefix, "static let eventType = Factum.EventType(id: ", SwiftSpelling.uuidLiteral(event.id ?? UUID()), ", generation: ", generation, ")"),
            concat(accessPrefix, "static let visibility = Factum.EventVisibility.", event.visibility == .public ? "public" : "private"),
            concat(accessPrefix, "static let entityName = ", SwiftSpelling.stringLiteral(entityName(of: event))),
            concat(accessPrefix, "static let eventName = ", SwiftSpelling.stringLiteral(event.name)),
        ]
        if !event.history.isEmpty {
            staticLines.append("\(accessPrefix)static let storedGenerations = [\(event.generations.map { String($0.number) }.joined(separator: ", "))]")
        }
        if event.retired {
            staticLines.append("\(accessPrefix)static let isRetired = true")
        }
        var docLines = SwiftSpelling.docLines(event.description)
        if !docLines.isEmpty { docLines.append("///") }
        docLines.append(concat("/// Event type `", event.id.map(SwiftSpelling.uuidText) ?? "", "`, generation ", generation, ", ", event.visibility.rawValue, "."))
        if event.retired {
            docLines.append("/// Retired: stored events are read and replayed, new ones cannot be constructed or appended.")
        }
        let fields = event.current.fields.map(SpelledField.init)
        return EventView(
            name: event.name,
            docLines: docLines,
            declaration: concat(accessPrefix, "nonisolated struct ", event.name, ": Factum.DomainEvent"),
            staticLines: staticLines,
            properties: fields.map(property),
            // A retired event's initializer serves only the upcasts in this file.
            initializer: initializer(fields, docLines: [], access: event.retired ? "fileprivate " : nil),
            history: event.history.isEmpty ? nil : history(event)
        )
    }

    /// The entity of each event, by event name.
    let eventEntities: [String: String]

    func entityName(of event: Event) -> String {
        eventEntities[event.name] ?? ""
    }

    func history(_ event: Event) -> HistoryView {
        let current = event.current.number
        let generationName = { (number: Int) in number == current ? event.name : "Generation\(number)" }
        var generations: [GenerationView] = []
        for generation in event.history {
            let isUpcastTarget = generation.number > 1
            let fields = generation.fields.map(SpelledField.init)
            generations.append(GenerationView(
                number: generation.number,
                declaration: "\(accessPrefix)nonisolated struct Generation\(generation.number): Swift.Decodable, Swift.Sendable",
                properties: fields.map(property),
                generationInitializer: isUpcastTarget ? initializer(fields, docLines: []) : nil
            ))
        }
        // Each older generation reaches the current one through one chain function per
        // generation, each calling the next: the code grows with the generation count, not
        // with its square.
        var decodeCases: [String] = []
        var chains: [UpcastView] = []
        for generation in event.history {
            let number = generation.number
            decodeCases.append("case \(number): return try upcastToCurrent(fromGeneration\(number): decoder.decode(Generation\(number).self, from: payload))")
            let step = "upcast(fromGeneration\(number): old)"
            chains.append(UpcastView(
                docLines: ["/// Generation \(number) upcast step by step to the current generation, \(current)."],
                signature: "\(accessPrefix)nonisolated static func upcastToCurrent(fromGeneration\(number) old: Generation\(number)) -> Self",
                body: [number + 1 == current ? step : "upcastToCurrent(fromGeneration\(number + 1): \(step))"]
            ))
        }
        decodeCases.append("case \(current): return try decoder.decode(Self.self, from: payload)")
        decodeCases.append("default: throw Factum.RegistryError.unknownGeneration(eventName: eventName, eventType: eventType.id, generation: generation, known: storedGenerations)")

        var derived: [UpcastView] = []
        var requirements: [MemberView] = []
        let all = event.generations
        for index in 1..<all.count {
            let old = all[index - 1]
            let new = all[index]
            let signature = "static func upcast(fromGeneration\(old.number) old: Generation\(old.number)) -> \(generationName(new.number))"
            switch Upcast.derive(from: old, to: new) {
            case .derived(let arguments):
                let call = generationName(new.number) == event.name ? event.name : "Generation\(new.number)"
                let body: [String]
                let oneLine = "\(call)(\(arguments.map { "\($0.label): \($0.expression)" }.joined(separator: ", ")))"
                if oneLine.count <= 100 {
                    body = [oneLine]
                } else {
                    body = ["\(call)("] + arguments.enumerated().map { "    \($0.element.label): \($0.element.expression)" + ($0.offset == arguments.count - 1 ? "" : ",") } + [")"]
                }
                derived.append(UpcastView(
                    docLines: ["/// Generation \(old.number) to \(new.number), derived from the schema: \(Upcast.summary(from: old, to: new))."],
                    signature: "\(accessPrefix)nonisolated \(signature)",
                    body: body
                ))
            case .needsHandWriting(let reasons):
                requirements.append(MemberView(
                    docLines: [
                        "/// Write `\(signature.replacingOccurrences(of: "static func ", with: ""))` in an extension of `\(event.name)`:",
                        "/// the generator cannot derive generation \(new.number) from \(old.number) because \(reasons.joined(separator: "; ")).",
                    ],
                    declaration: signature
                ))
            }
        }
        let handWritten = requirements.isEmpty ? nil : HandWrittenView(
            declaration: "\(accessPrefix)nonisolated protocol HandWrittenUpcasts",
            requirements: requirements,
            conformance: "extension \(event.name): \(event.name).HandWrittenUpcasts {}"
        )
        return HistoryView(
            eventName: event.name,
            generations: generations,
            decodeSignature: "\(accessPrefix)nonisolated static func decode(generation: Swift.Int, from payload: Foundation.Data, using decoder: Foundation.JSONDecoder) throws -> Self",
            decodeCases: decodeCases,
            chains: chains,
            derivedUpcasts: derived,
            handWritten: handWritten
        )
    }

    // MARK: Entities

    func entity(_ entity: Entity) -> EntityView {
        let keyName = entity.name + "Key"
        let eventsName = entity.name + "Event"
        let rawType: String
        let sourceIDBody: [String]
        let sourceID: String
        switch entity.key {
        case .string:
            rawType = "Swift.String"
            sourceIDBody = ["self.init(sourceID)"]
            sourceID = "rawValue"
        case .uuid:
            rawType = "Foundation.UUID"
            sourceIDBody = ["guard let value = Foundation.UUID(uuidString: sourceID) else { return nil }", "self.init(value)"]
            sourceID = "rawValue.uuidString.lowercased()"
        case .int:
            rawType = "Swift.Int"
            sourceIDBody = ["guard let value = Swift.Int(sourceID) else { return nil }", "self.init(value)"]
            sourceID = "Swift.String(rawValue)"
        }
        let key = KeyView(
            docLines: ["/// The key of one `\(entity.name)`: the event source id of its events."],
            declaration: "\(accessPrefix)nonisolated struct \(keyName): Factum.EntityKey, Swift.CustomStringConvertible",
            rawValueDeclaration: "\(accessPrefix)var rawValue: \(rawType)",
            initializer: "\(accessPrefix)init(_ rawValue: \(rawType)) {",
            sourceIDInitializer: "\(accessPrefix)init?(sourceID: Swift.String) {",
            sourceIDInitializerBody: sourceIDBody,
            sourceIDDeclaration: "\(accessPrefix)var sourceID: Swift.String { \(sourceID) }",
            descriptionDeclaration: "\(accessPrefix)var description: Swift.String { sourceID }"
        )
        let caseNames = entity.events.map { SwiftSpelling.caseName($0.name) }
        var enumDocs = ["/// The events of `\(entity.name)`, one case each."]
        let entityDocs = SwiftSpelling.docLines(entity.description)
        if !entityDocs.isEmpty { enumDocs = entityDocs + ["///"] + enumDocs }
        let enumeration = EntityEnumView(
            docLines: enumDocs,
            declaration: "\(accessPrefix)nonisolated enum \(eventsName): Factum.EntityEvent",
            keyAlias: "\(accessPrefix)typealias Key = \(keyName)",
            entityNameLine: "\(accessPrefix)static let entityName = \(SwiftSpelling.stringLiteral(entity.name))",
            cases: zip(entity.events, caseNames).map { MemberView(docLines: [], declaration: concat("case ", $1, "(", $0.name, ")")) },
            initializer: "\(accessPrefix)init?(_ event: any Factum.DomainEvent) {",
            wrapCases: zip(entity.events, caseNames).map { concat("case let event as ", $0.name, ": self = .", $1, "(event)") } + ["default: return nil"],
            eventDeclaration: "\(accessPrefix)var event: any Factum.DomainEvent {",
            unwrapCases: caseNames.map { concat("case .", $0, "(let event): return event") }
        )
        let aggregateName = entity.name + "Aggregate"
        let aggregate = AggregateView(
            docLines: [
                "/// State rebuilt from the events of `\(entity.name)`: conform a struct with `init()` and",
                "/// one `apply` per event. A new event is a compile error here until it is handled.",
            ],
            declaration: "\(accessPrefix)nonisolated protocol \(aggregateName): Factum.Aggregate where Event == \(eventsName)",
            requirements: entity.events.map { MemberView(docLines: [], declaration: concat("mutating func apply(_ event: ", $0.name, ")")) },
            dispatchDeclaration: "nonisolated \(accessPrefix)mutating func apply(_ event: \(eventsName)) {",
            dispatchCases: caseNames.map { concat("case .", $0, "(let event): apply(event)") },
            protocolName: aggregateName
        )
        return EntityView(key: key, enumeration: enumeration, aggregate: aggregate)
    }

    // MARK: Registry

    func registry(_ domain: Domain) -> RegistryView {
        RegistryView(
            docLines: ["/// The event types of domain `\(domain.name)`, for a `Factum.EventRegistry`."],
            declaration: "\(accessPrefix)nonisolated enum \(domain.name)Registry",
            registrationsDeclaration: "\(accessPrefix)static let registrations: [Factum.EventRegistration] = [",
            registrations: domain.entities.flatMap { $0.events.map { concat("Factum.EventRegistration(", $0.name, ".self),") } },
            makeRegistryDeclaration: "\(accessPrefix)static func makeRegistry() throws -> Factum.EventRegistry {"
        )
    }
}

extension SwiftSpelling {
    /// Text safe inside a `//` comment: one line, no control characters.
    static func sanitizedComment(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }
}
