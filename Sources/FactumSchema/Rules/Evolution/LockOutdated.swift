import FactumYAML

extension Rule {
    public static let lockOutdated = Rule(
        id: "lock-outdated",
        severity: .error,
        category: .evolution,
        summary: "`factum lock --check`: the schema holds an event, generation or projection the lock does not hold as it is.",
        rationale: "What ships should be locked, so that its shape is checked from then on. Run `factum lock` and commit the lock file."
    )
}

extension EvolutionCheck {
    /// Shapes in the schema that no lock holds: unpublished events and generations.
    public static func lockOutdated(_ files: [DomainFile], locks: [LockSource], into sink: inout FindingSink) {
        var locked: [String: Set<Int>] = [:]
        for source in locks {
            for event in source.lock.events { locked[event.id, default: []].formUnion(event.generations.map(\.generation)) }
        }
        for file in files {
            for entity in file.domain.entities {
                for event in entity.events {
                    let id = event.id.uuidString.lowercased()
                    let missing = event.generations.filter { !(locked[id]?.contains($0.number) ?? false) }
                    guard let first = missing.first else { continue }
                    let what = locked[id] == nil ? "event '\(event.name)' is not in the lock" : "generation\(missing.count == 1 ? "" : "s") \(missing.map { String($0.number) }.joined(separator: ", ")) of event '\(event.name)' \(missing.count == 1 ? "is" : "are") not in the lock"
                    sink.report(.lockOutdated, in: file.path, at: locked[id] == nil ? event.mark : first.mark, "\(what); run 'factum lock' and commit the lock file")
                }
            }
        }
        // A projection whose version or events the lock does not hold as they are.
        let published = LockedProjection.published(in: locks)
        for file in files {
            for (projection, current) in zip(file.domain.projections, LockedProjection.all(in: file.domain)) {
                let old = published[LockedProjection.key(domain: file.domain.name, projection.name)]
                guard old != current else { continue }
                let what = old.map { "projection '\(projection.name)' is in the lock as version \($0.version)\($0.events == current.events ? "" : " with other events")" }
                    ?? "projection '\(projection.name)' is not in the lock"
                sink.report(.lockOutdated, in: file.path, at: projection.mark, "\(what); run 'factum lock' and commit the lock file")
            }
        }
    }
}
