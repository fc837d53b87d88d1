extension Rule {
    public static let generationModified = Rule(
        id: "generation-modified",
        severity: .error,
        category: .evolution,
        summary: "A published generation's shape changed in place: a field added, removed, retyped, re-defaulted or reordered, or a type it uses changed.",
        rationale: "Stored events of a published generation keep the shape they were written in; changing it in place makes them undecodable or silently different. A new shape needs a new generation, with the old one kept under `history`.",
        triggeringChanges: [
            changedOrderDomain("          weight: Double\n", "          weight: Float  # <-\n"),
            changedOrderDomain("          1:\n            fields:\n              carrier: String", "          1:\n            fields:\n              carrier: String\n              note: String?  # <-"),
        ],
        passingChanges: [
            changedOrderDomain("        generation: 2\n        fields:\n          carrier: String\n          weight: Double\n        history:\n", "        generation: 3\n        fields:\n          carrier: String\n          weight: Double\n          note: String?\n        history:\n          2:\n            fields:\n              carrier: String\n              weight: Double\n"),
            changedOrderDomain("        visibility: public\n", "        visibility: public\n        description: Descriptions are not part of the shape.\n"),
        ]
    )
}
