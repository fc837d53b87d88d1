extension Rule {
    public static let lockOutdated = Rule(
        id: "lock-outdated",
        severity: .error,
        category: .evolution,
        summary: "`factum lock --check`: the schema holds an event or generation the lock does not.",
        rationale: "What ships should be locked, so that its shape is checked from then on. Run `factum lock` and commit the lock file."
    )

    public static let lockInvalid = Rule(
        id: "lock-invalid",
        severity: .error,
        category: .evolution,
        summary: "A lock file that cannot be read as a lock.",
        rationale: "Without a readable lock, published shapes cannot be checked. Restore it from version control; do not edit it by hand."
    )

    public static let lockRewritten = Rule(
        id: "lock-rewritten",
        severity: .error,
        category: .evolution,
        summary: "`factum breaking`: the baseline's lock holds an event or generation the current lock lacks.",
        rationale: "A lock only grows. Deleting and rewriting it must not hide a break."
    )

    public static let eventRenamed = Rule(
        id: "event-renamed",
        severity: .note,
        category: .evolution,
        summary: "A published event has a new name (its id is unchanged).",
        rationale: "Renaming is safe for storage, since events are found by id, but the generated type's name changes for every user of the code.",
        triggeringChanges: [
            changedOrderDomain("      OrderShipped:\n", "      OrderDispatched:  # <-\n"),
        ],
        passingChanges: [
            // A new description is no new name.
            changedOrderDomain("      OrderShipped:\n", "      OrderShipped:\n        description: The order left the warehouse.\n"),
        ]
    )
}

extension Rule {
    public static let baselineUnpublished = Rule(
        id: "baseline-unpublished",
        severity: .note,
        category: .evolution,
        summary: "`factum breaking`: a domain file has no lock at the baseline, so nothing of it was published there.",
        rationale: "Without a lock at the baseline there is nothing to break, and the check passes; the note says so, so that a baseline without locks never passes silently. Run `factum lock` and commit the lock to publish."
    )
}
