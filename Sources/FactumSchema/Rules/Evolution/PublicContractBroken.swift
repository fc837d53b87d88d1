import FactumYAML

extension Rule {
    public static let publicContractBroken = Rule(
        id: "public-contract-broken",
        severity: .error,
        category: .evolution,
        summary: "A new generation of a public event removes, renames or retypes a field of the published one.",
        rationale: "Other services read public events in the shapes they were published in. Storage could upcast such a change, but consumers cannot: a public event may only gain fields.",
        triggeringChanges: [
            Rule.Change(before: orderDomain, after: orderDomain.replacingOccurrences(of: "        visibility: public\n        fields:\n          total: Decimal\n          speed: Speed\n", with: "        visibility: public\n        generation: 2  # <-\n        fields:\n          amount: {type: Decimal, renamedFrom: total}\n          speed: Speed\n        history:\n          1:\n            fields:\n              total: Decimal\n              speed: Speed\n")),
        ],
        passingChanges: [
            Rule.Change(before: orderDomain, after: orderDomain.replacingOccurrences(of: "        visibility: public\n        fields:\n          total: Decimal\n          speed: Speed\n", with: "        visibility: public\n        generation: 2\n        fields:\n          total: Decimal\n          speed: Speed\n          note: String?\n        history:\n          1:\n            fields:\n              total: Decimal\n              speed: Speed\n")),
        ]
    )
}

extension EvolutionCheck {
    /// A public event's new generation that removes, renames or retypes a field consumers of
    /// the last published generation read.
    static func publicContractBroken(_ old: LockedEvent, _ current: Current, _ published: Published, into sink: inout FindingSink) {
        let event = current.event
        guard old.visibility == Visibility.public.rawValue, event.visibility == .public,
              let last = old.generations.max(by: { $0.generation < $1.generation }), event.current.number > last.generation else { return }
        let broken = contractBreaks(from: last, to: LockedGeneration(event.current, declared: published.declared))
        guard !broken.isEmpty else { return }
        sink.report(.publicContractBroken, in: current.path, at: event.current.mark, "public event '\(event.name)' breaks its contract in generation \(event.current.number): \(broken.joined(separator: "; ")); consumers of generation \(last.generation) read these fields. Add fields instead, or publish a new event")
    }

    /// For public events: fields consumers of the published generation read that the new one
    /// removes, renames or retypes.
    static func contractBreaks(from old: LockedGeneration, to new: LockedGeneration) -> [String] {
        var breaks: [String] = []
        for field in old.fields {
            guard let now = new.fields.first(where: { $0.name == field.name }) else {
                if let renamed = new.fields.first(where: { $0.renamedFrom == field.name }) {
                    breaks.append("field '\(field.name)' renamed to '\(renamed.name)'")
                } else {
                    breaks.append("field '\(field.name)' removed")
                }
                continue
            }
            if now.type != field.type { breaks.append("field '\(field.name)' retyped from \(field.type) to \(now.type)") }
        }
        return breaks
    }
}
