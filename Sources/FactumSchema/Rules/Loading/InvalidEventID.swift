extension Rule {
    public static let invalidEventID = Rule(
        id: "invalid-event-id",
        severity: .error,
        category: .loading,
        summary: "An event id that is not a UUID (8-4-4-4-12 hexadecimal digits), or is the nil UUID.",
        rationale: "The id is the event type's permanent identity in every store and every consuming service.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f  # <-
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0D5C3F1E-2B4A-4C6D-8E9F-1A2B3C4D5E6F
            """,
        ]
    )
}
