import Foundation

/// What `factum breaking --against REF` checks besides the evolution rules. Reading the
/// baseline (git, or a folder) is the command line's; this works on the locks read.
public enum Baseline {
    /// What the baseline's locks hold that the current locks lack: a rewritten lock.
    public static func rewritten(baseline: [LockSource], current: [LockSource], files: [DomainFile]) -> [Finding] {
        var now: [String: Set<Int>] = [:]
        for source in current {
            for event in source.lock.events { now[event.id, default: []].formUnion(event.generations.map(\.generation)) }
        }
        var findings: [Finding] = []
        for source in baseline {
            for event in source.lock.events {
                let missing = event.generations.map(\.generation).filter { !(now[event.id]?.contains($0) ?? false) }
                guard !missing.isEmpty else { continue }
                let place = files.first { $0.domain.name == source.lock.domain }
                let path = place.map { LockFile.path(forDomainFile: $0.path) } ?? source.path
                let what = now[event.id] == nil ? "event '\(event.name)' (\(event.id))" : "generation\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of event '\(event.name)'"
                findings.append(Finding(path: path, line: 1, column: 1, severity: Rule.lockRewritten.severity, rule: Rule.lockRewritten.id, message: "\(source.path) holds \(what), which the current lock lacks; a lock only grows: restore it"))
            }
        }
        return findings
    }
}
