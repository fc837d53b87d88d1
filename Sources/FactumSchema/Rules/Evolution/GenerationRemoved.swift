import FactumYAML

import Foundation

extension Rule {
    public static let generationRemoved = Rule(
        id: "generation-removed",
        severity: .error,
        category: .evolution,
        summary: "A published generation is missing from an event's `history`.",
        rationale: "Events stored in that generation must still decode; their shape is what lets the runtime read and upcast them.",
        triggeringChanges: [
            Rule.Change(before: orderDomain, after: orderDomain
                .replacingOccurrences(of: "        generation: 2\n", with: "        generation: 3  # <-\n")
                .replacingOccurrences(of: "          1:\n            fields:\n              carrier: String", with: "          2:\n            fields:\n              carrier: String\n              weight: Double")),
        ],
        passingChanges: [
            Rule.Change(before: orderDomain, after: orderDomain
                .replacingOccurrences(of: "        generation: 2\n", with: "        generation: 3\n")
                .replacingOccurrences(of: "          1:\n            fields:\n              carrier: String", with: "          1:\n            fields:\n              carrier: String\n          2:\n            fields:\n              carrier: String\n              weight: Double")),
        ]
    )
}

extension EvolutionCheck {
    /// A locked generation the event no longer has, though its current generation is past it
    /// (below it, the lowered generation is the finding).
    static func generationRemoved(_ old: LockedEvent, _ current: Current, into sink: inout FindingSink) {
        let event = current.event
        let numbers = Set(event.generations.map(\.number))
        for locked in old.generations where !numbers.contains(locked.generation) && event.current.number >= locked.generation {
            sink.report(.generationRemoved, in: current.path, at: event.current.mark, "generation \(locked.generation) of event '\(event.name)' was published and is gone; keep its shape under 'history'")
        }
    }
}
