import FactumYAML

import Foundation

extension Rule {
    public static let generationLowered = Rule(
        id: "generation-lowered",
        severity: .error,
        category: .evolution,
        summary: "An event's generation number is lower than a published one.",
        rationale: "Stored events of the higher generation exist; a lower current generation cannot read them, and a later raise would reuse a number for a different shape.",
        triggeringChanges: [
            Rule.Change(before: orderDomain, after: orderDomain
                .replacingOccurrences(of: "        generation: 2\n", with: "        generation: 1  # <-\n")
                .replacingOccurrences(of: "        history:\n          1:\n            fields:\n              carrier: String", with: "")),
        ],
        passingChanges: [
            // Raising the generation, with the published one kept in the history.
            changedOrderDomain("        generation: 2\n        fields:\n          carrier: String\n          weight: Double\n        history:\n", "        generation: 3\n        fields:\n          carrier: String\n          weight: Double\n          note: String?\n        history:\n          2:\n            fields:\n              carrier: String\n              weight: Double\n"),
        ]
    )
}

extension EvolutionCheck {
    static func generationLowered(_ old: LockedEvent, _ current: Current, into sink: inout FindingSink) {
        let event = current.event
        let lastLocked = old.generations.map(\.generation).max() ?? 0
        guard event.current.number < lastLocked else { return }
        sink.report(.generationLowered, in: current.path, at: event.current.mark, "event '\(event.name)' is at generation \(event.current.number), but generation \(lastLocked) was published; generation numbers only grow")
    }
}
