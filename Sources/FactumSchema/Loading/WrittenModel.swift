import Foundation
import FactumYAML

// The loader's output: a domain file as written, before validation resolves it. It has the
// shape of the public model (`Domain`, `Entity`, `Event`, …) with the two things only
// validation can settle left open: an event's id may be missing or invalid (the loader has
// reported it), and a field's default is still the YAML node it was written as. The
// validator checks these files together and turns them into the public model, whose ids and
// defaults are resolved; nothing outside FactumSchema sees this phase.

/// A domain file as the loader read it; `Linter` and `Validator` take it on to the public model.
public struct WrittenFile: Sendable {
    var path: String
    var domain: WrittenDomain
}

struct WrittenDomain: Sendable {
    var name: String
    var nameMark: Mark
    var description: String?
    var types: [WrittenType]
    var entities: [WrittenEntity]
    var projections: [Projection] = []
}

struct WrittenType: Sendable {
    enum Kind: Sendable {
        case structure([WrittenField])
        case enumeration([EnumCase])
    }

    var name: String
    var mark: Mark
    var description: String?
    var kind: Kind
}

struct WrittenEntity: Sendable {
    var name: String
    var mark: Mark
    var description: String?
    var key: KeyType
    var events: [WrittenEvent]
}

struct WrittenEvent: Sendable {
    var name: String
    var mark: Mark
    /// Nil when the id was missing or invalid; the loader reported it.
    var id: UUID?
    var idMark: Mark
    var visibility: Visibility
    var description: String?
    var current: WrittenGeneration
    var history: [WrittenGeneration]
    var retired: Bool

    var generations: [WrittenGeneration] { history + [current] }
}

struct WrittenGeneration: Sendable {
    var number: Int
    var mark: Mark
    var fields: [WrittenField]
}

struct WrittenField: Sendable {
    var name: String
    var mark: Mark
    var type: TypeReference
    var typeMark: Mark
    var description: String?
    /// The default as written, checked against the type by the validator.
    var defaultNode: Node?
    var renamedFrom: String?
    var renamedFromMark: Mark?
}
