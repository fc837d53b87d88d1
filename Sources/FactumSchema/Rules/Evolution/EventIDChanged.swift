extension Rule {
    public static let eventIDChanged = Rule(
        id: "event-id-changed",
        severity: .error,
        category: .evolution,
        summary: "A published event's id changed, or a published id now names another event.",
        rationale: "Stored events carry their type id; a changed id orphans them, and a reused one decodes them as the wrong event.",
        triggeringChanges: [
            changedOrderDomain("        id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\n", "        id: 1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e  # <-\n"),
        ],
        passingChanges: [
            changedOrderDomain("      OrderShipped:\n", "      OrderDispatched:\n"),
        ]
    )
}
