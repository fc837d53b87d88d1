import Foundation
import FactumYAML

extension Rule {
    public static let reservedName = Rule(
        id: "reserved-name",
        severity: .error,
        category: .loading,
        summary: "A name the generated code or the runtime needs for itself (a built-in type, `Factum`, `Swift`, `Foundation`, or a name generated for an entity or domain such as `OrderEvent`).",
        rationale: "A declared type named `String` would make every `String` field ambiguous; an event named `OrderAggregate` would collide with the generated aggregate protocol.",
        triggering: [
            """
            domain: Shop
            types:
              Date:  # <-
                fields:
                  day: Int
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderEvent:  # <-
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ],
        passing: [
            """
            domain: Shop
            types:
              Event:
                fields:
                  day: Int
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ]
    )
}

extension Validator {
    /// The names the generated code declares beside the domain's own, with what each is.
    static func generatedNames(_ files: [WrittenFile]) -> [String: String] {
        var generated: [String: String] = [:]
        for file in files {
            for companion in Names.generatedNames(forDomain: file.domain.name) { generated[companion.name] = companion.role }
            for entity in file.domain.entities {
                for companion in Names.generatedNames(forEntity: entity.name) { generated[companion.name] = companion.role }
            }
            for projection in file.domain.projections {
                generated[projection.name + "Projection"] = "the protocol generated for projection '\(projection.name)'"
            }
        }
        return generated
    }

    /// Reports a name the generated code needs for something else; true when it did.
    static func reservedName(_ declaration: Declaration, companions: [String: String], in path: String, into sink: inout FindingSink) -> Bool {
        let name = declaration.name
        let kind = declaration.kind
        if Names.moduleNames.contains(name) || ((kind == .event || kind == .type) && Names.reservedTypeNames.contains(name)) {
            sink.report(.reservedName, in: path, at: declaration.mark, "\(kind.rawValue) name '\(name)' is reserved: the generated code needs '\(name)' to mean \(Names.moduleNames.contains(name) ? "the module of that name" : "Swift's own type"); choose another name")
            return true
        }
        if kind == .type, Names.isNestedInEvents(name) {
            sink.report(.reservedName, in: path, at: declaration.mark, "type name '\(name)' is reserved: generated events nest declarations of that name, which would hide this type inside them; choose another name")
            return true
        }
        if let role = companions[name] {
            sink.report(.reservedName, in: path, at: declaration.mark, "\(kind.rawValue) name '\(name)' is reserved: it is the name of \(role); choose another name")
            return true
        }
        return false
    }
}
