import Foundation
import FactumYAML

extension Rule {
    public static let invalidDefault = Rule(
        id: "invalid-default",
        severity: .error,
        category: .loading,
        summary: "A field's default does not fit its type (a case the enum lacks, a number out of range, `yes` for a Bool).",
        rationale: "Defaults are written into generated initializers and upcasters; one that does not fit would not compile or would decode wrong values.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      gift: {type: Bool, default: yes}  # <-
            """,
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      quantity: {type: Int8, default: 300}  # <-
            """,
        ],
        passing: [
            """
            domain: Shop
            types:
              Speed:
                cases: [standard, express]
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      gift: {type: Bool, default: false}
                      speed: {type: Speed, default: express}
                      note: {type: String, default: no}
                      tags: {type: "[String]", default: []}
                      coupon: {type: String?, default: null}
            """,
        ]
    )
}

extension Validator {
    /// The default written at `node`, read as a value of the field's (resolved) type; nil, with
    /// a finding, when it does not fit.
    static func invalidDefault(_ node: Node, of field: WrittenField, owner: @autoclosure () -> String, declared: [String: WrittenType], in path: String, into sink: inout FindingSink) -> DefaultValue? {
        switch DefaultChecker(types: declared).value(node, type: field.type) {
        case .success(let value):
            return value
        case .failure(let failure):
            sink.report(.invalidDefault, in: path, at: failure.mark, "the default of field '\(field.name)' of \(owner()) does not fit its type \(field.type): \(failure.message)")
            return nil
        }
    }
}
