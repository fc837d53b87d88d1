import FactumYAML

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

extension EvolutionCheck {
    /// A published generation whose shape has changed in place.
    static func generationModified(_ changed: [ChangedGeneration], _ current: Current, into sink: inout FindingSink) {
        let event = current.event
        for change in changed {
            let changes = differences(from: change.locked, to: change.now)
            guard !changes.isEmpty else { continue }
            let generation = change.generation
            let advice = generation.number == event.current.number
                ? "raise 'generation' to \(event.current.number + 1) and keep this shape under 'history'"
                : "restore the published shape"
            let changedField = generation.fields.first { field in
                change.locked.fields.first { $0.name == field.name } != LockedField(field)
            }
            sink.report(.generationModified, in: current.path, at: changedField?.mark ?? generation.mark, "generation \(generation.number) of event '\(event.name)' was published and has changed (\(changes.joined(separator: "; "))); \(advice)")
        }
    }

    /// What changed between two shapes, in words. Enum cases added are not changes: stored
    /// events cannot hold them. Removed cases are reported by their own rule.
    static func differences(from old: LockedGeneration, to new: LockedGeneration) -> [String] {
        var changes = fieldDifferences(old.fields, new.fields, owner: nil)
        let oldTypes = old.types ?? [:]
        let newTypes = new.types ?? [:]
        for name in Set(oldTypes.keys).union(newTypes.keys).sorted() {
            switch (oldTypes[name], newTypes[name]) {
            case (nil, .some):
                continue  // a newly used type shows as a field change already
            case (.some, nil):
                continue
            case (.some(let before), .some(let after)):
                if let beforeFields = before.fields, let afterFields = after.fields {
                    changes.append(contentsOf: fieldDifferences(beforeFields, afterFields, owner: name))
                } else if before.cases != nil, after.cases != nil {
                    continue
                } else {
                    changes.append("type '\(name)' changed between struct and enum")
                }
            default:
                continue
            }
        }
        return changes
    }

    private static func fieldDifferences(_ old: [LockedField], _ new: [LockedField], owner: String?) -> [String] {
        let prefix = owner.map { "field '\($0)." } ?? "field '"
        var changes: [String] = []
        for field in old where !new.contains(where: { $0.name == field.name }) {
            changes.append("\(prefix)\(field.name)' removed")
        }
        for field in new {
            guard let before = old.first(where: { $0.name == field.name }) else {
                changes.append("\(prefix)\(field.name)' added")
                continue
            }
            if before.type != field.type { changes.append("\(prefix)\(field.name)' changed type from \(before.type) to \(field.type)") }
            if before.default != field.default { changes.append("\(prefix)\(field.name)' changed default from \(before.default ?? "none") to \(field.default ?? "none")") }
            if before.renamedFrom != field.renamedFrom { changes.append("\(prefix)\(field.name)' changed renamedFrom") }
        }
        if changes.isEmpty, old.map(\.name) != new.map(\.name) {
            changes.append("fields reordered")
        }
        return changes
    }
}
