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
