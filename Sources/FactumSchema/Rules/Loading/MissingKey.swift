import Foundation
import FactumYAML

extension Rule {
    public static let missingKey = Rule(
        id: "missing-key",
        severity: .error,
        category: .loading,
        summary: "Something required is absent: the key `domain`, `entities`, an entity's `events`, an event's `id` or a field's `type`; or what such a key holds is empty (an empty file, no entities, an entity without events, a type with neither `fields` nor `cases`).",
        rationale: "Without these the generator cannot name, identify or shape what it generates.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:  # <-
                    visibility: public
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    visibility: public
            """,
        ]
    )
}

extension Loading {
    /// The pair of a key the mapping must have; nil, with a finding at `mark`, without it.
    mutating func required(_ keys: KeyedPairs, _ key: String, at mark: Mark, _ message: @autoclosure () -> String) -> Pair? {
        if let pair = keys[key] { return pair }
        missingKey(at: mark, message())
        return nil
    }

    /// Something the file must have is not there: a key, or what a key must hold (an entity, an event, a type).
    mutating func missingKey(at mark: Mark, _ message: String) {
        sink.report(.missingKey, in: path, at: mark, message)
    }
}
