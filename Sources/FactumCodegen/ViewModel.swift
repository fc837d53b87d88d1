import FactumSchema
import Foundation

// The view model the templates render: every decision about the generated code is made here,
// in Swift that unit tests can read, so that the templates stay logic-less and read like the
// code they produce: views give names, types, literals, doc lines and flags, and the
// templates spell the Swift.

/// One generated Swift file: everything declared by one domain file.
struct FileView: Sendable {
    /// The file's first line, which marks it as generated: `factum generate` removes only the
    /// files that begin with it, so it is not the templates' to change.
    var marker: String
    /// The domain's description, as `//` comment lines.
    var descriptionLines: [String]
    /// `public `, `package ` or nothing, before `import`.
    var importAccess: String
    /// The same before `import Foundation`, or nothing when no visible declaration names a
    /// Foundation type.
    var foundationImportAccess: String
    var types: [TypeView]
    var events: [EventView]
    var entities: [EntityView]
    var projections: [ProjectionView]
    var registry: RegistryView
}

/// One projection: its protocol, with a `when` per event it reads.
struct ProjectionView: Sendable {
    var access: String
    var docLines: [String]
    var name: String
    var nameLiteral: String
    var version: Int
    var events: [ProjectionEventView]
}

struct ProjectionEventView: Sendable {
    var name: String
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
    /// Whether the signature, with parameters, fits on one line of 100 characters, or takes a
    /// parameter per line. (Without parameters it is `init() {}`, neither.)
    var oneLine: Bool
    var multiLine: Bool
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
    var access: String
    /// The current generation's number.
    var current: Int
    var generations: [GenerationView]
    var derivedUpcasts: [UpcastView]
    /// The upcasts the generator cannot derive, or nil when it derives them all.
    var handWritten: HandWrittenView?
}

struct GenerationView: Sendable {
    var number: Int
    /// The generation after it, which its chain upcasts to first.
    var next: Int
    /// Whether `next` is the current generation.
    var nextIsCurrent: Bool
    var access: String
    var properties: [PropertyView]
    /// No properties and no initializer: `struct GenerationN: … {}`.
    var empty: Bool
    /// Only generations that an upcast constructs need one. (Named apart from the event's
    /// `initializer`: a missing key would otherwise be looked up in the enclosing event.)
    var generationInitializer: InitializerView?
}

/// `upcast(fromGeneration{{from}} old: Generation{{from}}) -> {{target}}`, derived from the schema.
struct UpcastView: Sendable {
    var from: Int
    var to: Int
    /// The type it returns: `Generation{{to}}`, or the event itself for the current one.
    var target: String
    /// What changed, in words: `renamed a to b, added c`.
    var summary: String
    var arguments: [Upcast.Argument]
    /// Whether `target(arguments)` fits on one line of 100 characters.
    var oneLine: Bool
}

/// The upcasts the user writes: requirements of a protocol the event conforms to, so that the
/// code does not compile until they exist, and the compiler names each one.
struct HandWrittenView: Sendable {
    var requirements: [RequirementView]
}

struct RequirementView: Sendable {
    var from: Int
    var to: Int
    var target: String
    /// Why the generator cannot derive it, joined by `; `.
    var reasons: String
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

/// A state that validation rules out, reached anyway: a bug of Factum's, reported as one
/// instead of generating a wrong literal.
public struct InternalError: Error, CustomStringConvertible, Sendable {
    public var description: String

    init(_ problem: String) {
        description = "internal error: \(problem); this is a bug in factum, please report it with the domain file"
    }
}

/// Builds the view of one domain file.
struct ViewModelBuilder {
    let access: AccessLevel
    /// Every declared type of every file read together, for defaults of enum types.
    let declared: [String: TypeDeclaration]

    var accessPrefix: String {
        access == .internal ? "" : access.rawValue + " "
    }

    /// Whether a declaration the file makes visible names a Foundation type: a field or key of
    /// one (`Date`, `UUID`, `URL`, `Data`, `Decimal`), or an event's `decode(generation:from:
    /// using:)`, written for an event with older generations. Only then is Foundation imported
    /// at the file's access level: Swift 6 warns of a `public import` no public declaration
    /// uses.
    static func publicAPIUsesFoundation(_ domain: Domain) -> Bool {
        let foundation: Set<String> = ["Date", "UUID", "URL", "Data", "Decimal"]
        func uses(_ fields: [Field]) -> Bool { fields.contains { $0.type.names.contains(where: foundation.contains) } }
        for type in domain.types {
            if case .structure(let fields) = type.kind, uses(fields) { return true }
        }
        for entity in domain.entities {
            if entity.key == .uuid { return true }
            for event in entity.events where !event.history.isEmpty || event.generations.contains(where: { uses($0.fields) }) { return true }
        }
        return false
    }

    func file(_ file: DomainFile, relativePath: String) throws(InternalError) -> FileView {
        let domain = file.domain
        return FileView(
            marker: "\(generatedFileMarker) from \(SwiftSpelling.sanitizedComment(relativePath)). Do not edit: change the domain file.",
            descriptionLines: SwiftSpelling.docLines(domain.description).map { "//" + $0.dropFirst(3) },
            importAccess: accessPrefix,
            foundationImportAccess: Self.publicAPIUsesFoundation(domain) ? accessPrefix : "",
            types: try domain.types.map { (type) throws(InternalError) in try self.type(type) },
            events: try domain.entities.flatMap(\.events).map { (event) throws(InternalError) in try self.event(event) },
            entities: domain.entities.map(entity),
            projections: domain.projections.map(projection),
            registry: registry(domain)
        )
    }

    // MARK: Declared types

    func type(_ declaration: TypeDeclaration) throws(InternalError) -> TypeView {
        let docLines = SwiftSpelling.docLines(declaration.description)
        switch declaration.kind {
        case .structure(let fields):
            let fields = fields.map(SpelledField.init)
            return TypeView(structure: StructView(
                docLines: docLines,
                access: accessPrefix,
                name: declaration.name,
                properties: fields.map(property),
                initializer: try initializer(fields, docLines: [])
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
    func initializer(_ fields: [SpelledField], docLines: [String], access: String? = nil) throws(InternalError) -> InitializerView {
        let prefix = access ?? accessPrefix
        let parameters = try fields.map { (spelled) throws(InternalError) -> ParameterView in
            let field = spelled.field
            // A parameter called `self` would hide `self` inside the initializer.
            let isSelf = field.name == "self"
            var defaultValue = field.type.isOptional ? "nil" : nil
            if let value = field.defaultValue { defaultValue = try SwiftSpelling.literal(value, type: field.type, declared: declared) }
            return ParameterView(label: isSelf ? "`self` self_" : spelled.name, type: spelled.type, defaultValue: defaultValue,
                                 property: spelled.name, argument: isSelf ? "self_" : spelled.name)
        }
        // The one-line signature's length: `init(` + `label: type = default` joined by `, ` + `) {`.
        var length = prefix.count + 5 + 3
        for (index, parameter) in parameters.enumerated() {
            length += parameter.label.count + 2 + parameter.type.count + (parameter.defaultValue.map { 3 + $0.count } ?? 0) + (index > 0 ? 2 : 0)
        }
        return InitializerView(docLines: docLines, access: prefix, oneLine: !parameters.isEmpty && length <= 100,
                               multiLine: !parameters.isEmpty && length > 100, parameters: parameters)
    }

    // MARK: Events

    func event(_ event: Event) throws(InternalError) -> EventView {
        let generation = event.current.number
        let id = event.id
        guard let entityName = eventEntities[event.name] else { throw InternalError("event '\(event.name)' belongs to no entity the generator was given") }
        var docLines = SwiftSpelling.docLines(event.description)
        if !docLines.isEmpty { docLines.append("///") }
        docLines.append(concat("/// Event type `", SwiftSpelling.uuidText(id), "`, generation ", String(generation), ", ", event.visibility.rawValue, "."))
        if event.retired {
            docLines.append("/// Retired: stored events are read and replayed, new ones cannot be constructed or appended.")
        }
        let fields = event.current.fields.map(SpelledField.init)
        return EventView(
            name: event.name,
            docLines: docLines,
            access: accessPrefix,
            idLiteral: SwiftSpelling.uuidLiteral(id),
            generation: generation,
            visibility: event.visibility == .public ? "public" : "private",
            entityNameLiteral: SwiftSpelling.stringLiteral(entityName),
            eventNameLiteral: SwiftSpelling.stringLiteral(event.name),
            storedGenerations: event.history.isEmpty ? nil : event.generations.map { String($0.number) }.joined(separator: ", "),
            retired: event.retired,
            properties: fields.map(property),
            // A retired event's initializer serves only the upcasts in this file.
            initializer: try initializer(fields, docLines: [], access: event.retired ? "fileprivate " : nil),
            history: event.history.isEmpty ? nil : try history(event)
        )
    }

    /// The entity of each event, by event name.
    let eventEntities: [String: String]


    func history(_ event: Event) throws(InternalError) -> HistoryView {
        let current = event.current.number
        let target = { (number: Int) in number == current ? event.name : "Generation\(number)" }
        // Each older generation reaches the current one through one chain function, each
        // calling the next: the code grows with the generation count, not with its square.
        let generations = try event.history.map { (generation) throws(InternalError) -> GenerationView in
            let fields = generation.fields.map(SpelledField.init)
            return GenerationView(
                number: generation.number,
                next: generation.number + 1,
                nextIsCurrent: generation.number + 1 == current,
                access: accessPrefix,
                properties: fields.map(property),
                empty: fields.isEmpty && generation.number == 1,
                generationInitializer: generation.number > 1 ? try initializer(fields, docLines: []) : nil
            )
        }
        var derived: [UpcastView] = []
        var requirements: [RequirementView] = []
        let all = event.generations
        for index in 1..<all.count {
            let old = all[index - 1]
            let new = all[index]
            switch Upcast.derive(from: old, to: new) {
            case .derived(let arguments):
                let call = "\(target(new.number))(\(arguments.map { "\($0.label): \($0.expression)" }.joined(separator: ", ")))"
                derived.append(UpcastView(from: old.number, to: new.number, target: target(new.number), summary: Upcast.summary(from: old, to: new),
                                          arguments: arguments, oneLine: call.count <= 100))
            case .needsHandWriting(let reasons):
                requirements.append(RequirementView(from: old.number, to: new.number, target: target(new.number), reasons: reasons.joined(separator: "; ")))
            }
        }
        return HistoryView(
            eventName: event.name,
            access: accessPrefix,
            current: current,
            generations: generations,
            derivedUpcasts: derived,
            handWritten: requirements.isEmpty ? nil : HandWrittenView(requirements: requirements)
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

    // MARK: Projections

    func projection(_ projection: Projection) -> ProjectionView {
        var docs = SwiftSpelling.docLines(projection.description)
        if !docs.isEmpty { docs.append("///") }
        docs += [
            "/// The read model `\(projection.name)`, version \(projection.version): conform a `Sendable` type with one",
            "/// `when` per event it reads, and run it with `Factum.ProjectionRunner`. `Context` is what the",
            "/// store's projection host hands each call (docs/projections.md).",
        ]
        return ProjectionView(
            access: accessPrefix,
            docLines: docs,
            name: projection.name,
            nameLiteral: SwiftSpelling.stringLiteral(projection.name),
            version: projection.version,
            events: projection.events.map { ProjectionEventView(name: $0.name) }
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
