extension Rule {
    public static let invalidName = Rule(
        id: "invalid-name",
        severity: .error,
        category: .loading,
        summary: "A name that is not a usable identifier: domain, entity, event and type names are PascalCase, field names and enum cases are identifiers.",
        rationale: "Names become Swift identifiers and JSON keys; one that is not an identifier cannot be generated.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  order-placed:  # <-
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
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
                      default: String
            """,
        ]
    )
}
