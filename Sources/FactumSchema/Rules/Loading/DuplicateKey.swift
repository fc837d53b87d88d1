import Foundation
import FactumYAML

extension Rule {
    public static let duplicateKey = Rule(
        id: "duplicate-key",
        severity: .error,
        category: .loading,
        summary: "A mapping holds the same key twice.",
        rationale: "YAML parsers disagree on which of two equal keys wins; the second one is almost always a copy-and-paste slip that silently drops data.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      total: Decimal
                      total: Int  # <-
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
                      total: Decimal
                      currency: String
            """,
        ]
    )
}

extension Loading {
    /// The reader finds a key repeated in a mapping; the loader reports it.
    mutating func duplicateKey(_ problem: YAMLProblem) {
        sink.report(.duplicateKey, in: path, at: problem.mark, problem.message)
    }
}
