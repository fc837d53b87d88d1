import FactumYAML

import Foundation

/// A lock file read from somewhere: beside a domain file, or from a baseline (`--against`).
public struct LockSource: Sendable {
    public var path: String
    public var lock: LockFile

    public init(path: String, lock: LockFile) {
        self.path = path
        self.lock = lock
    }
}

/// Compares the schema with published generations (the locks) and reports, at the YAML line,
/// every change that breaks what was published. It only matches the schema's events with the
/// locked ones; each rule's check is in the rule's own file (`Rules/Evolution/`).
public enum EvolutionCheck {
    public static func check(_ files: [DomainFile], locks: [LockSource], into sink: inout FindingSink) {
        guard !locks.isEmpty else { return }
        let published = Published(files, locks: locks)
        for (id, old) in published.locked.sorted(by: { $0.key < $1.key }) {
            eventRemoved(id, old, published, into: &sink)
            eventIDChanged(id, old, published, into: &sink)
            eventRenamed(id, old, published, into: &sink)
            guard let current = published.byID[id] else { continue }
            visibilityNarrowed(old, current, into: &sink)
            generationLowered(old, current, into: &sink)
            generationRemoved(old, current, into: &sink)
            let changed = changedGenerations(old, current, published)
            enumCaseRemoved(changed, current, published, into: &sink)
            generationModified(changed, current, into: &sink)
            publicContractBroken(old, current, published, into: &sink)
        }
        projectionVersionUnchanged(files, locks: locks, into: &sink)
    }

    /// A published generation whose shape in the schema differs from its lock.
    struct ChangedGeneration {
        var locked: LockedGeneration
        var generation: Generation
        var now: LockedGeneration
    }

    /// Each locked generation the event still has, with its shape now, where that shape changed.
    static func changedGenerations(_ old: LockedEvent, _ current: Current, _ published: Published) -> [ChangedGeneration] {
        let generations = Dictionary(current.event.generations.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        return old.generations.compactMap { locked in
            guard let generation = generations[locked.generation] else { return nil }
            let now = LockedGeneration(generation, declared: published.declared)
            return now == locked ? nil : ChangedGeneration(locked: locked, generation: generation, now: now)
        }
    }

    /// An event of the schema with where it is.
    struct Current {
        var event: Event
        var entity: Entity
        var path: String
    }

    /// The schema's events and the locked ones, indexed for matching.
    struct Published {
        let files: [DomainFile]
        let declared: [String: TypeDeclaration]
        /// The schema's events by id (lowercased) and by name.
        var byID: [String: Current] = [:]
        var byName: [String: Current] = [:]
        /// The locked events by id, the first lock holding an id winning, and where each was.
        var locked: [String: LockedEvent] = [:]
        var lockPaths: [String: String] = [:]
        var lockedNames: [String: LockedEvent] = [:]

        init(_ files: [DomainFile], locks: [LockSource]) {
            self.files = files
            declared = Validator.declaredTypes(files)
            for file in files {
                for entity in file.domain.entities {
                    for event in entity.events {
                        let current = Current(event: event, entity: entity, path: file.path)
                        byID[event.id.uuidString.lowercased()] = current
                        byName[event.name] = current
                    }
                }
            }
            for source in locks {
                for event in source.lock.events where locked[event.id] == nil {
                    locked[event.id] = event
                    lockPaths[event.id] = source.path
                }
            }
            lockedNames = Dictionary(locked.values.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }

        /// How a published event's name changed, if it did; `event-id-changed` and `event-renamed`
        /// each report their cases of this one classification.
        enum NameChange {
            /// The new name was published under another id.
            case takesPublishedName(Current, other: LockedEvent)
            /// The old name lives on under a new id, and this id went to another event.
            case idReused(Current, namesake: Current)
            /// A new name, and neither of the above: storage is unaffected.
            case renamed(Current)
        }

        func nameChange(of id: String, _ old: LockedEvent) -> NameChange? {
            guard let current = byID[id], current.event.name != old.name else { return nil }
            if let other = lockedNames[current.event.name], other.id != id { return .takesPublishedName(current, other: other) }
            if let namesake = byName[old.name] { return .idReused(current, namesake: namesake) }
            return .renamed(current)
        }

        /// Where entity `name` is declared, if the schema still has it.
        func location(ofEntity name: String) -> (path: String, mark: Mark)? {
            for file in files {
                if let entity = file.domain.entities.first(where: { $0.name == name }) { return (file.path, entity.mark) }
            }
            return nil
        }
    }
}
