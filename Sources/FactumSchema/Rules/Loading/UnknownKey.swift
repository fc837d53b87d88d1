extension Rule {
    public static let unknownKey = Rule(
        id: "unknown-key",
        severity: .error,
        category: .loading,
        summary: "A key the format does not define (with a suggestion when one is close).",
        rationale: "A misspelt key (`descripton`, `generaton`) would otherwise be ignored, and the setting it meant would silently not apply.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    visiblity: public  # <-
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
