import FactumYAML

import Foundation

extension Rule {
    public static let projectionVersionUnchanged = Rule(
        id: "projection-version-unchanged",
        severity: .error,
        category: .evolution,
        summary: "A projection whose events change gets a higher version.",
        rationale: "A read model holds what its events made of it: one that reads an event more, or one less, is a different read model, and the events before its checkpoint were never applied to the new shape. A higher `version` is what makes the runner build it again from the first event, beside the old one, under a checkpoint of its own; the same version would go on from the old checkpoint with a read model that is silently incomplete.",
        triggeringChanges: [
            Rule.Change(
                before: orderDomain + "\nprojections:\n  OrdersInTransit:\n    version: 1\n    events: [OrderPlaced]",
                after: orderDomain + "\nprojections:\n  OrdersInTransit:\n    version: 1  # <-\n    events: [OrderPlaced, OrderShipped]"
            ),
        ],
        passingChanges: [
            Rule.Change(
                before: orderDomain + "\nprojections:\n  OrdersInTransit:\n    version: 1\n    events: [OrderPlaced]",
                after: orderDomain + "\nprojections:\n  OrdersInTransit:\n    version: 2\n    events: [OrderPlaced, OrderShipped]"
            ),
            // Renaming an event it reads changes nothing: projections read event type ids.
            Rule.Change(
                before: orderDomain + "\nprojections:\n  OrdersInTransit:\n    version: 1\n    events: [OrderPlaced]",
                after: orderDomain.replacingOccurrences(of: "OrderPlaced:", with: "OrderSubmitted:") + "\nprojections:\n  OrdersInTransit:\n    version: 1\n    events: [OrderSubmitted]"
            ),
        ]
    )
}

extension EvolutionCheck {
    /// A locked projection of the same domain and name whose events (by id) differ while its
    /// version did not grow.
    static func projectionVersionUnchanged(_ files: [DomainFile], locks: [LockSource], into sink: inout FindingSink) {
        let locked = LockedProjection.published(in: locks)
        guard !locked.isEmpty else { return }
        for file in files {
            let names = Dictionary(file.domain.entities.flatMap(\.events).map { ($0.id.uuidString.lowercased(), $0.name) }, uniquingKeysWith: { first, _ in first })
            for (projection, current) in zip(file.domain.projections, LockedProjection.all(in: file.domain)) {
                guard let old = locked[LockedProjection.key(domain: file.domain.name, projection.name)] else { continue }
                let now = Set(current.events)
                let before = Set(old.events)
                guard now != before, projection.version <= old.version else { continue }
                var changes: [String] = []
                let added = now.subtracting(before).map { names[$0] ?? $0 }.sorted()
                let removed = before.subtracting(now).map { names[$0] ?? $0 }.sorted()
                if !added.isEmpty { changes.append("reads \(added.map { "'\($0)'" }.joined(separator: ", ")) now") }
                if !removed.isEmpty { changes.append("no longer reads \(removed.map { "'\($0)'" }.joined(separator: ", "))") }
                sink.report(.projectionVersionUnchanged, in: file.path, at: projection.versionMark,
                            "projection '\(projection.name)' \(changes.joined(separator: " and ")) at version \(projection.version), published as version \(old.version) with other events; raise its version to \(old.version + 1) to rebuild it beside the old one")
            }
        }
    }
}
