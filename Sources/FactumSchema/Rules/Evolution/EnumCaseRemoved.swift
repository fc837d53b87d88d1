extension Rule {
    public static let enumCaseRemoved = Rule(
        id: "enum-case-removed",
        severity: .error,
        category: .evolution,
        summary: "An enum lost a case that a published generation may hold.",
        rationale: "Stored events may hold the case; decoding them would fail. Adding cases is allowed.",
        triggeringChanges: [
            changedOrderDomain("  Speed:\n    cases: [standard, express]", "  Speed:  # <-\n    cases: [standard]"),
        ],
        passingChanges: [
            changedOrderDomain("    cases: [standard, express]", "    cases: [standard, express, overnight]"),
        ]
    )
}
