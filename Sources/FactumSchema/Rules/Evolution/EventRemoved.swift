import FactumYAML

import Foundation

extension Rule {
    public static let eventRemoved = Rule(
        id: "event-removed",
        severity: .error,
        category: .evolution,
        summary: "A published event is gone from the schema.",
        rationale: "Stored events of that type stay in the log forever; without their type they cannot be read or replayed. Mark the event `retired: true` to stop emitting it and keep reading it.",
        triggeringChanges: [
            changedOrderDomain("      OrderShipped:\n        id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\n        generation: 2\n        fields:\n          carrier: String\n          weight: Double\n        history:\n          1:\n            fields:\n              carrier: String", "").replacingAfter("  Order:\n", "  Order:  # <-\n"),
        ],
        passingChanges: [
            changedOrderDomain("      OrderShipped:\n        id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\n", "      OrderShipped:\n        id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\n        retired: true\n"),
        ]
    )
}

extension Rule.Change {
    /// The same change with `replace` replaced by `with` in the `after` text only.
    func replacingAfter(_ replace: String, _ with: String) -> Rule.Change {
        Rule.Change(before: before, after: after.replacingOccurrences(of: replace, with: with))
    }
}

extension EvolutionCheck {
    /// A locked id that no event has, and no event of the locked name either (that would be a changed id).
    static func eventRemoved(_ id: String, _ old: LockedEvent, _ published: Published, into sink: inout FindingSink) {
        guard published.byID[id] == nil, published.byName[old.name] == nil else { return }
        let place = published.location(ofEntity: old.entity) ?? (published.lockPaths[id] ?? "", Mark(line: 1, column: 1))
        sink.report(.eventRemoved, in: place.path, at: place.mark, "event '\(old.name)' (\(id)) was published and is gone; stored events still hold it. Keep it and mark it 'retired: true' to stop emitting it")
    }
}
