import FactumYAML

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

extension EvolutionCheck {
    /// A case of an enum that a published generation uses, gone from the enum.
    static func enumCaseRemoved(_ changed: [ChangedGeneration], _ current: Current, _ published: Published, into sink: inout FindingSink) {
        for change in changed {
            for (type, cases) in removedEnumCases(from: change.locked, to: change.now) {
                let mark = published.declared[type]?.mark ?? change.generation.mark
                let path = published.files.first { $0.domain.types.contains { $0.name == type } }?.path ?? current.path
                sink.report(.enumCaseRemoved, in: path, at: mark, "enum '\(type)' lost case\(cases.count == 1 ? "" : "s") \(cases.map { "'\($0)'" }.joined(separator: ", ")), which published generation \(change.locked.generation) of '\(current.event.name)' may hold in stored events; keep \(cases.count == 1 ? "it" : "them")")
            }
        }
    }

    static func removedEnumCases(from old: LockedGeneration, to new: LockedGeneration) -> [(String, [String])] {
        var result: [(String, [String])] = []
        for (name, type) in (old.types ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let oldCases = type.cases, let newCases = new.types?[name]?.cases else { continue }
            let removed = oldCases.filter { !newCases.contains($0) }
            if !removed.isEmpty { result.append((name, removed)) }
        }
        return result
    }
}
