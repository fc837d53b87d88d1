import Foundation
import FactumYAML

// The validated model: what `Linter.lint` gives when the files have no loading or validation
// errors. Every event has its id, every field's type names a built-in or declared type, and
// every default is a value of its field's type. The generator and the lock files read only
// this model; the loader's own phase, with its open ids and defaults, is `WrittenFile`.

/// One domain file, validated: the domain it declares and where it came from.
public struct DomainFile: Sendable {
    public var path: String
    public var domain: Domain

    /// How a domain file's name ends.
    public static let extensions = [".domain.yaml", ".domain.yml"]
}

/// A domain: its value types and its entities with their events.
public struct Domain: Sendable {
    public var name: String
    public var nameMark: Mark
    public var description: String?
    public var types: [TypeDeclaration]
    public var entities: [Entity]
    /// The read models built from the domain's events.
    public var projections: [Projection] = []
}

/// A read model built from events of the domain: the events it reads, by name, across its
/// entities, and a version; a new version is a new read model, rebuilt from the first event.
public struct Projection: Sendable {
    public var name: String
    public var mark: Mark
    public var description: String?
    public var version: Int
    public var versionMark: Mark
    /// The events it reads, in the order written.
    public var events: [ProjectionEvent]
}

/// An event a projection reads, where its name is written.
public struct ProjectionEvent: Hashable, Sendable {
    public var name: String
    public var mark: Mark
}

/// A value type that fields may use: a struct with fields, or a String-backed enum.
public struct TypeDeclaration: Sendable {
    public enum Kind: Sendable {
        case structure([Field])
        case enumeration([EnumCase])
    }

    public var name: String
    public var mark: Mark
    public var description: String?
    public var kind: Kind
}

/// One case of a declared enum.
public struct EnumCase: Hashable, Sendable {
    public var name: String
    public var mark: Mark
}

/// The type of an entity's key, which is the event source id of its events.
public enum KeyType: String, Hashable, Sendable, CaseIterable {
    case string = "String"
    case uuid = "UUID"
    case int = "Int"
}

/// Something with distinct state in the domain, identified by a key, to which events happen.
public struct Entity: Sendable {
    public var name: String
    public var mark: Mark
    public var description: String?
    public var key: KeyType
    public var events: [Event]
}

/// Whether an event is a contract with other services.
public enum Visibility: String, Hashable, Sendable, CaseIterable {
    case `public`
    case `private`
}

/// An event type: a past-tense fact with a permanent id, whose shape evolves in generations.
public struct Event: Sendable {
    public var name: String
    public var mark: Mark
    /// The permanent event type id.
    public var id: UUID
    public var idMark: Mark
    public var visibility: Visibility
    public var description: String?
    /// The current generation: its number and its shape.
    public var current: Generation
    /// Every earlier generation, ordered by number.
    public var history: [Generation]
    /// No longer emitted: still decodable and replayed, never appended.
    public var retired: Bool = false

    /// Every generation, oldest first, the current one last.
    public var generations: [Generation] { history + [current] }
}

/// The shape of one generation of an event.
public struct Generation: Sendable {
    public var number: Int
    public var mark: Mark
    public var fields: [Field]
}

/// A field of an event or of a struct type.
public struct Field: Sendable {
    public var name: String
    public var mark: Mark
    public var type: TypeReference
    public var typeMark: Mark
    public var description: String?
    /// The field's default, a value of its type; nil when it has none.
    public var defaultValue: DefaultValue?
    /// In generation N: the name this field had in generation N-1.
    public var renamedFrom: String?
    public var renamedFromMark: Mark?
}

/// A field's default, typed by the field's type.
public indirect enum DefaultValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// An integer, as written (decimal digits with an optional sign).
    case integer(String)
    /// A floating-point or decimal number, as written.
    case number(String)
    /// Text for String, UUID, URL and Data (base64) fields.
    case string(String)
    /// A Date, as written and as the instant it names (`ISO8601Timestamp`).
    case date(String, secondsSince1970: Double)
    case enumCase(String)
    case array([DefaultValue])
    case dictionary([DictionaryEntry])

    public struct DictionaryEntry: Hashable, Sendable {
        public var key: String
        public var value: DefaultValue
    }
}
