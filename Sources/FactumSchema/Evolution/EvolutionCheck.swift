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
/// every change that breaks what was published: a generation changed in place, an event or a
/// generation removed, a generation number lowered, an id changed or reused, an enum case
/// removed, a public event narrowed to private, a public event's contract broken. A renamed
/// event is a note.
public enum EvolutionCheck {
    public static func findings(_ files: [DomainFile], locks: [LockSource]) -> [Finding] {
        guard !locks.isEmpty else { return [] }
        var findings: [Finding] = []
        let declared = Validator.declaredTypes(files)
        var byID: [String: (event: Event, entity: Entity, path: String)] = [:]
        var byName: [String: (event: Event, path: String)] = [:]
        for file in files {
            for entity in file.domain.entities {
                for event in entity.events {
                    byID[event.id.uuidString.lowercased()] = (event, entity, file.path)
                    byName[event.name] = (event, file.path)
                }
            }
        }
        func report(_ rule: Rule, _ path: String, _ mark: Mark, _ message: String) {
            findings.append(Finding(rule, path: path, at: mark, message))
        }

        var locked: [String: LockedEvent] = [:]
        var lockPaths: [String: String] = [:]
        for source in locks {
            for event in source.lock.events where locked[event.id] == nil {
                locked[event.id] = event
                lockPaths[event.id] = source.path
            }
        }
        let lockedNames = Dictionary(locked.values.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

        for (id, old) in locked.sorted(by: { $0.key < $1.key }) {
            guard let current = byID[id] else {
                if let namesake = byName[old.name] {
                    report(.eventIDChanged, namesake.path, namesake.event.idMark, "event '\(old.name)' was published with id \(id); its id is permanent, and stored events carry it: restore it, or declare a new event under a new name")
                } else {
                    let place = location(ofEntity: old.entity, in: files) ?? (lockPaths[id] ?? "", Mark(line: 1, column: 1))
                    report(.eventRemoved, place.0, place.1, "event '\(old.name)' (\(id)) was published and is gone; stored events still hold it. Keep it and mark it 'retired: true' to stop emitting it")
                }
                continue
            }
            let event = current.event
            if event.name != old.name {
                if let other = lockedNames[event.name], other.id != id {
                    // The new name was published under another id.
                    report(.eventIDChanged, current.path, event.idMark, "event '\(event.name)' was published with id \(other.id), and id \(id) belonged to '\(old.name)'; ids are permanent")
                } else if let namesake = byName[old.name] {
                    // The old name lives on under a new id, and this id went to another event.
                    report(.eventIDChanged, current.path, event.idMark, "id \(id) was published for event '\(old.name)'; reusing it for '\(event.name)' would decode stored '\(old.name)' events as '\(event.name)'")
                    report(.eventIDChanged, namesake.path, namesake.event.idMark, "event '\(old.name)' was published with id \(id); its id is permanent, and stored events carry it")
                } else {
                    report(.eventRenamed, current.path, event.mark, "event '\(event.name)' was published as '\(old.name)'; the id is unchanged, so stored events still decode")
                }
            }
            if old.visibility == Visibility.public.rawValue && event.visibility == .private {
                report(.visibilityNarrowed, current.path, event.mark, "event '\(event.name)' was published as public, a contract with other services; it cannot become private. Mark it 'retired: true' instead")
            }
            let lastLocked = old.generations.map(\.generation).max() ?? 0
            if event.current.number < lastLocked {
                report(.generationLowered, current.path, event.current.mark, "event '\(event.name)' is at generation \(event.current.number), but generation \(lastLocked) was published; generation numbers only grow")
            }
            let generations = Dictionary(event.generations.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
            for lockedGeneration in old.generations {
                guard let generation = generations[lockedGeneration.generation] else {
                    if event.current.number >= lockedGeneration.generation {
                        report(.generationRemoved, current.path, event.current.mark, "generation \(lockedGeneration.generation) of event '\(event.name)' was published and is gone; keep its shape under 'history'")
                    }
                    continue
                }
                let now = LockedGeneration(generation, declared: declared)
                guard now != lockedGeneration else { continue }
                let removedCases = removedEnumCases(from: lockedGeneration, to: now)
                for (type, cases) in removedCases {
                    let mark = declared[type]?.mark ?? generation.mark
                    let path = files.first { $0.domain.types.contains { $0.name == type } }?.path ?? current.path
                    report(.enumCaseRemoved, path, mark, "enum '\(type)' lost case\(cases.count == 1 ? "" : "s") \(cases.map { "'\($0)'" }.joined(separator: ", ")), which published generation \(lockedGeneration.generation) of '\(event.name)' may hold in stored events; keep \(cases.count == 1 ? "it" : "them")")
                }
                let changes = differences(from: lockedGeneration, to: now, ignoringRemovedCases: true)
                if !changes.isEmpty {
                    let advice = generation.number == event.current.number
                        ? "raise 'generation' to \(event.current.number + 1) and keep this shape under 'history'"
                        : "restore the published shape"
                    let changedField = generation.fields.first { field in
                        lockedGeneration.fields.first { $0.name == field.name } != LockedField(field)
                    }
                    report(.generationModified, current.path, changedField?.mark ?? generation.mark, "generation \(generation.number) of event '\(event.name)' was published and has changed (\(changes.joined(separator: "; "))); \(advice)")
                }
            }
            if old.visibility == Visibility.public.rawValue, event.visibility == .public,
               let published = old.generations.max(by: { $0.generation < $1.generation }), event.current.number > published.generation {
                let now = LockedGeneration(event.current, declared: declared)
                let broken = contractBreaks(from: published, to: now)
                if !broken.isEmpty {
                    report(.publicContractBroken, current.path, event.current.mark, "public event '\(event.name)' breaks its contract in generation \(event.current.number): \(broken.joined(separator: "; ")); consumers of generation \(published.generation) read these fields. Add fields instead, or publish a new event")
                }
            }
        }
        return findings
    }

    /// Shapes in the schema that no lock holds: unpublished events and generations.
    public static func unlocked(_ files: [DomainFile], locks: [LockSource]) -> [Finding] {
        var locked: [String: Set<Int>] = [:]
        for source in locks {
            for event in source.lock.events { locked[event.id, default: []].formUnion(event.generations.map(\.generation)) }
        }
        var findings: [Finding] = []
        for file in files {
            for entity in file.domain.entities {
                for event in entity.events {
                    let id = event.id.uuidString.lowercased()
                    let missing = event.generations.filter { !(locked[id]?.contains($0.number) ?? false) }
                    guard let first = missing.first else { continue }
                    let what = locked[id] == nil ? "event '\(event.name)' is not in the lock" : "generation\(missing.count == 1 ? "" : "s") \(missing.map { String($0.number) }.joined(separator: ", ")) of event '\(event.name)' \(missing.count == 1 ? "is" : "are") not in the lock"
                    findings.append(Finding(path: file.path, line: (locked[id] == nil ? event.mark : first.mark).line, column: (locked[id] == nil ? event.mark : first.mark).column, severity: Rule.lockOutdated.severity, rule: Rule.lockOutdated.id, message: "\(what); run 'factum lock' and commit the lock file"))
                }
            }
        }
        return findings
    }

    private static func location(ofEntity name: String, in files: [DomainFile]) -> (String, Mark)? {
        for file in files {
            if let entity = file.domain.entities.first(where: { $0.name == name }) { return (file.path, entity.mark) }
        }
        return nil
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

    /// What changed between two shapes, in words. Enum cases added are not changes: stored
    /// events cannot hold them. Removed cases are reported by their own rule.
    static func differences(from old: LockedGeneration, to new: LockedGeneration, ignoringRemovedCases: Bool) -> [String] {
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
