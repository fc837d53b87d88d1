extension Rule {
    public static let generationHistory = Rule(
        id: "generation-history",
        severity: .error,
        category: .loading,
        summary: "An event's `history` does not hold exactly generations 1 … generation-1.",
        rationale: "Every stored generation must stay readable; a generation without a recorded shape cannot be decoded.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    generation: 3
                    fields:
                      total: Decimal
                    history:  # <-
                      1:
                        fields:
                          total: Double
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
                    generation: 2
                    fields:
                      total: Decimal
                    history:
                      1:
                        fields:
                          total: Double
            """,
        ]
    )
}
