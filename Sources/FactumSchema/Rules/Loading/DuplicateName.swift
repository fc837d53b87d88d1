extension Rule {
    public static let duplicateName = Rule(
        id: "duplicate-name",
        severity: .error,
        category: .loading,
        summary: "Two things share a name across all files read together (a domain and an entity may share one), or an enum lists a case twice.",
        rationale: "Generated types share one module namespace; two types of one name do not compile.",
        triggering: [
            """
            domain: Shop
            types:
              OrderPlaced:
                fields:
                  day: Int
            entities:
              Order:
                events:
                  OrderPlaced:  # <-
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ],
        passing: [
            """
            domain: Order
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ]
    )
}
