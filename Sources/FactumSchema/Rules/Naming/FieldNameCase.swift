import FactumYAML

extension Rule {
    public static let fieldNameCase = Rule(
        id: "field-name-case",
        severity: .warning,
        category: .naming,
        summary: "A field name or enum case is a valid identifier but not lowerCamelCase (`opened_at`, `OpenedAt`).",
        rationale: "Field names become Swift properties and JSON keys; Swift's convention is lowerCamelCase, and a consistent JSON shape helps every consumer.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      placed_at: Date  # <-
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
                    fields:
                      placedAt: Date
                      self: String
            """,
        ]
    )
}

extension NamingLint {
    static func fieldNameCase(_ fields: [WrittenField], owner: @autoclosure () -> String, in path: String, into sink: inout FindingSink) {
        for field in fields where !Names.isLowerCamelCase(field.name) {
            sink.report(.fieldNameCase, in: path, at: field.mark, "field name '\(field.name)' of \(owner()) is not lowerCamelCase; write '\(lowerCamelCased(field.name))'")
        }
    }

    static func fieldNameCase(_ cases: [EnumCase], of type: String, in path: String, into sink: inout FindingSink) {
        for enumCase in cases where !Names.isLowerCamelCase(enumCase.name) {
            sink.report(.fieldNameCase, in: path, at: enumCase.mark, "enum case '\(enumCase.name)' of '\(type)' is not lowerCamelCase; write '\(lowerCamelCased(enumCase.name))'")
        }
    }
}

/// `placed_at` → `placedAt`, `PlacedAt` → `placedAt`.
func lowerCamelCased(_ name: String) -> String {
    let parts = name.split(separator: "_").filter { !$0.isEmpty }
    guard let first = parts.first else { return name }
    let head = first.prefix(1).lowercased() + first.dropFirst()
    return head + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
}
