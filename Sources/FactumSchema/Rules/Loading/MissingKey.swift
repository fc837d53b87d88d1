extension Rule {
    public static let missingKey = Rule(
        id: "missing-key",
        severity: .error,
        category: .loading,
        summary: "A required key is absent: `domain`, `entities`, an entity's `events`, an event's `id`, a field's `type`.",
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
