extension Rule {
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

extension EvolutionCheck {
    /// A published id under a new name that neither was published with another id nor leaves
    /// the old name to another event (those are changed ids).
    static func eventRenamed(_ id: String, _ old: LockedEvent, _ published: Published, into sink: inout FindingSink) {
        guard case .renamed(let current) = published.nameChange(of: id, old) else { return }
        sink.report(.eventRenamed, in: current.path, at: current.event.mark, "event '\(current.event.name)' was published as '\(old.name)'; the id is unchanged, so stored events still decode")
    }
}
