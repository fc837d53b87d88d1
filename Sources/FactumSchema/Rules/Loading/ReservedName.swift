extension Rule {
    public static let reservedName = Rule(
        id: "reserved-name",
        severity: .error,
        category: .loading,
        summary: "A name the generated code or the runtime needs for itself (a built-in type, `Factum`, `Swift`, `Foundation`, or a name generated for an entity or domain such as `OrderEvent`).",
        rationale: "A declared type named `String` would make every `String` field ambiguous; an event named `OrderAggregate` would collide with the generated aggregate protocol.",
        triggering: [
            """
            domain: Shop
            types:
              Date:  # <-
                fields:
                  day: Int
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderEvent:  # <-
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ],
        passing: [
            """
            domain: Shop
            types:
              Event:
                fields:
                  day: Int
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ]
    )
}
