import FactumYAML

extension Rule {
    public static let visibilityNarrowed = Rule(
        id: "visibility-narrowed",
        severity: .error,
        category: .evolution,
        summary: "A published public event became private.",
        rationale: "A public event is a contract with other services; they subscribe to it. Retire it instead.",
        triggeringChanges: [
            changedOrderDomain("      OrderPlaced:\n        id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f\n        visibility: public\n", "      OrderPlaced:  # <-\n        id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f\n        visibility: private\n"),
        ],
        passingChanges: [
            changedOrderDomain("      OrderShipped:\n        id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\n", "      OrderShipped:\n        id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\n        visibility: public\n"),
        ]
    )
}

extension EvolutionCheck {
    static func visibilityNarrowed(_ old: LockedEvent, _ current: Current, into sink: inout FindingSink) {
        guard old.visibility == Visibility.public.rawValue, current.event.visibility == .private else { return }
        sink.report(.visibilityNarrowed, in: current.path, at: current.event.mark, "event '\(current.event.name)' was published as public, a contract with other services; it cannot become private. Mark it 'retired: true' instead")
    }
}
