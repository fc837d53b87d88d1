extension Rule {
    public static let duplicateEventID = Rule(
        id: "duplicate-event-id",
        severity: .error,
        category: .loading,
        summary: "Two events share one id, across all files read together.",
        rationale: "A stored event is decoded by its id; two events with one id make stored data ambiguous forever.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                  OrderShipped:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f  # <-
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
                  OrderShipped:
                    id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
            """,
        ]
    )
}
