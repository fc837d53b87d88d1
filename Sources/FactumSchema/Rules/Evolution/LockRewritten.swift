import FactumYAML

extension Rule {
    public static let lockRewritten = Rule(
        id: "lock-rewritten",
        severity: .error,
        category: .evolution,
        summary: "`factum breaking`: the baseline's lock holds an event or generation the current lock lacks.",
        rationale: "A lock only grows. Deleting and rewriting it must not hide a break."
    )
}

/// What `factum breaking --against REF` checks besides the evolution rules. Reading the
/// baseline (git, or a folder) is the command line's; this works on the locks read.
public enum Baseline {
    /// What the baseline's locks hold that the current locks lack: a rewritten lock.
    public static func lockRewritten(baseline: [LockSource], current: [LockSource], domainFiles: [String: String], into sink: inout FindingSink) {
        var now: [String: Set<Int>] = [:]
        for source in current {
            for event in source.lock.events { now[event.id, default: []].formUnion(event.generations.map(\.generation)) }
        }
        for source in baseline {
            for event in source.lock.events {
                let missing = event.generations.map(\.generation).filter { !(now[event.id]?.contains($0) ?? false) }
                guard !missing.isEmpty else { continue }
                let path = domainFiles[source.lock.domain].map(LockFile.path(forDomainFile:)) ?? source.path
                let what = now[event.id] == nil ? "event '\(event.name)' (\(event.id))" : "generation\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of event '\(event.name)'"
                sink.report(.lockRewritten, in: path, at: Mark(line: 1, column: 1), "\(source.path) holds \(what), which the current lock lacks; a lock only grows: restore it")
            }
        }
    }
}
