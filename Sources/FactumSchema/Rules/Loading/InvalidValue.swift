extension Rule {
    public static let invalidValue = Rule(
        id: "invalid-value",
        severity: .error,
        category: .loading,
        summary: "A value of the wrong kind or outside its allowed set (a visibility, a key type, a generation number, a malformed type).",
        rationale: "Values are typed by the format, never guessed: `visibility: yes` is neither public nor private.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    visibility: protected  # <-
            """,
            """
            domain: Shop
            entities:
              Order:
                key: Long  # <-
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                key: UUID
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    visibility: private
            """,
        ]
    )
}
