import FactumSchema
import Foundation

// The view model the templates render: every decision about the generated code is made here,
// in Swift that unit tests can read, so that the templates stay logic-less and read like the
// code they produce. Types, events and initializers are given as names, types, literals, doc
// lines and flags, and their templates spell the Swift; the histories, entities and registry
// still hand the templates whole lines (issue 16 goes on with them).

/// One generated Swift file: everything declared by one domain file.
struct FileView: Sendable {
    var header: [String]
    var imports: [String]
    var types: [TypeView]
    var events: [EventView]
    var entities: [EntityView]
    var registry: RegistryView
}

/// A case, a requirement: doc lines and one declaration line.
struct MemberView: Sendable {
    var docLines: [String]
    var declaration: String
}

/// A stored property: `{{access}}var {{name}}: {{type}}`.
struct PropertyView: Sendable {
    var docLines: [String]
    /// `public `, `package ` or nothing.
    var access: String
    var name: String
    var type: String
}

/// A memberwise initializer: its parameters in declaration order.
struct InitializerView: Sendable {
    var docLines: [String]
    var access: String
    /// Whether the signature fits on one line of 100 characters; else a parameter per line.
    var oneLine: Bool
    var parameters: [ParameterView]
}

/// `{{label}}: {{type}}` with ` = {{defaultValue}}`, then `self.{{property}} = {{argument}}`.
struct ParameterView: Sendable {
    var label: String
    var type: String
    /// The default's Swift literal (`nil` for an optional without one), or nil for none.
    var defaultValue: String?
    var property: String
    var argument: String
}

struct TypeView: Sendable {
    var structure: StructView?
    var enumeration: EnumView?
}

struct StructView: Sendable {
    var docLines: [String]
    var access: String
    var name: String
    var properties: [PropertyView]
    var initializer: InitializerView
}

struct EnumView: Sendable {
    var docLines: [String]
    var access: String
    var name: String
    /// Case names, spelled as Swift identifiers.
    var cases: [String]
}

struct EventView: Sendable {
    var name: String
    var docLines: [String]
    var access: String
    /// `Foundation.UUID(uuid: (…))`.
    var idLiteral: String
    var generation: Int
    /// `public` or `private`.
    var visibility: String
    var entityNameLiteral: String
    var eventNameLiteral: String
    /// The stored generations, `1, 2, 3`, for an event with a history.
    var storedGenerations: String?
    var retired: Bool
    var properties: [PropertyView]
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
    var access: String
    var properties: [PropertyView]
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

/// One entity: its key struct, its event enum and its aggregate protocol.
struct EntityView: Sendable {
    var access: String
    /// The entity's name, which the key, enum and protocol names begin with.
    var entity: String
    var entityNameLiteral: String
    var keyDocLines: [String]
    /// The key's raw value type, and which of the three kinds of key it is.
    var rawType: String
    var stringKey: Bool
    var uuidKey: Bool
    var intKey: Bool
    var enumDocLines: [String]
    var events: [EntityEventView]
}

/// One event of an entity, as its event enum names it.
struct EntityEventView: Sendable {
    var name: String
    var caseName: String
}

struct RegistryView: Sendable {
    var access: String
    var domain: String
    var events: [String]
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
                access: accessPrefix,
                name: declaration.name,
                properties: fields.map(property),
                initializer: initializer(fields, docLines: [])
            ))
        case .enumeration(let cases):
            return TypeView(enumeration: EnumView(
                docLines: docLines,
                access: accessPrefix,
                name: declaration.name,
                cases: cases.map { SwiftSpelling.identifier($0.name) }
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

    func property(_ field: SpelledField) -> PropertyView {
        PropertyView(docLines: SwiftSpelling.docLines(field.field.description), access: accessPrefix, name: field.name, type: field.type)
    }

    /// The memberwise initializer: fields in declaration order, defaults and optionals defaulted.
    func initializer(_ fields: [SpelledField], docLines: [String], access: String? = nil) -> InitializerView {
        let prefix = access ?? accessPrefix
        let parameters = fields.map { spelled -> ParameterView in
            let field = spelled.field
            // A parameter called `self` would hide `self` inside the initializer.
            let isSelf = field.name == "self"
            let defaultValue = field.defaultValue.map { SwiftSpelling.literal($0, type: field.type, declared: declared) } ?? (field.type.isOptional ? "nil" : nil)
            return ParameterView(label: isSelf ? "`self` self_" : spelled.name, type: spelled.type, defaultValue: defaultValue,
                                 property: spelled.name, argument: isSelf ? "self_" : spelled.name)
        }
        // The one-line signature's length: `init(` + `label: type = default` joined by `, ` + `) {`.
        var length = prefix.count + 5 + 3
        for (index, parameter) in parameters.enumerated() {
            length += parameter.label.count + 2 + parameter.type.count + (parameter.defaultValue.map { 3 + $0.count } ?? 0) + (index > 0 ? 2 : 0)
        }
        return InitializerView(docLines: docLines, access: prefix, oneLine: length <= 100, parameters: parameters)
    }

    // MARK: Events

    func event(_ event: Event) -> EventView {
        let generation = event.current.number
        var docLines = SwiftSpelling.docLines(event.description)
        if !docLines.isEmpty { docLines.append("///") }
        docLines.append(concat("/// Event type `", event.id.map(SwiftSpelling.uuidText) ?? "", "`, generation ", String(generation), ", ", event.visibility.rawValue, "."))
        if event.retired {
            docLines.append("/// Retired: stored events are read and replayed, new ones cannot be constructed or appended.")
        }
        let fields = event.current.fields.map(SpelledField.init)
        return EventView(
            name: event.name,
            docLines: docLines,
            access: accessPrefix,
            idLiteral: SwiftSpelling.uuidLiteral(event.id ?? UUID()),
            generation: generation,
            visibility: event.visibility == .public ? "public" : "private",
            entityNameLiteral: SwiftSpelling.stringLiteral(entityName(of: event)),
            eventNameLiteral: SwiftSpelling.stringLiteral(event.name),
            storedGenerations: event.history.isEmpty ? nil : event.generations.map { String($0.number) }.joined(separator: ", "),
            retired: event.retired,
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
                access: accessPrefix,
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
        let rawType: String
        switch entity.key {
        case .string: rawType = "Swift.String"
        case .uuid: rawType = "Foundation.UUID"
        case .int: rawType = "Swift.Int"
        }
        var enumDocs = ["/// The events of `\(entity.name)`, one case each."]
        let entityDocs = SwiftSpelling.docLines(entity.description)
        if !entityDocs.isEmpty { enumDocs = entityDocs + ["///"] + enumDocs }
        return EntityView(
            access: accessPrefix,
            entity: entity.name,
            entityNameLiteral: SwiftSpelling.stringLiteral(entity.name),
            keyDocLines: ["/// The key of one `\(entity.name)`: the event source id of its events."],
            rawType: rawType,
            stringKey: entity.key == .string,
            uuidKey: entity.key == .uuid,
            intKey: entity.key == .int,
            enumDocLines: enumDocs,
            events: entity.events.map { EntityEventView(name: $0.name, caseName: SwiftSpelling.caseName($0.name)) }
        )
    }

    // MARK: Registry

    func registry(_ domain: Domain) -> RegistryView {
        RegistryView(access: accessPrefix, domain: domain.name, events: domain.entities.flatMap { $0.events.map(\.name) })
    }
}

extension SwiftSpelling {
    /// Text safe inside a `//` comment: one line, no control characters.
    static func sanitizedComment(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }
}
