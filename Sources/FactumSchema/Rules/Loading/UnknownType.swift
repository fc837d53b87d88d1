import Foundation
import FactumYAML

extension Rule {
    public static let unknownType = Rule(
        id: "unknown-type",
        severity: .error,
        category: .loading,
        summary: "A field's type is neither a built-in type nor declared under `types` in any file read together.",
        rationale: "Generated code referring to a type that does not exist would fail to compile far from the cause.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      total: Money  # <-
            """,
        ],
        passing: [
            """
            domain: Shop
            types:
              Money:
                fields:
                  amount: Decimal
                  currency: String
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      total: Money
                      lines: [String]
                      prices: [String: Money]
                      note: String?
            """,
        ]
    )
}

extension Validator {
    /// Reports each name in the field's type that is neither built in nor declared; true when
    /// every name resolves. `owner` names the field's place, built only for a finding.
    static func unknownTypes(_ field: WrittenField, owner: @autoclosure () -> String, declared: [String: WrittenType], in path: String, into sink: inout FindingSink) -> Bool {
        var resolved = true
        for name in field.type.names where !resolves(name, declared: declared) {
            resolved = false
            let hint = suggestion(for: name, among: BuiltinType.names + declared.keys.sorted())
            sink.report(.unknownType, in: path, at: field.typeMark, "field '\(field.name)' of \(owner()) has type \(quoted(name)), which is neither built in nor declared under 'types'\(hint)")
        }
        return resolved
    }

    /// Whether a type name is built in or declared.
    static func resolves(_ name: String, declared: [String: WrittenType]) -> Bool {
        BuiltinType.nameSet.contains(name) || declared[name] != nil
    }
}
