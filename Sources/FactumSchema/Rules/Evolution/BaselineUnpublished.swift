import FactumYAML

extension Rule {
    public static let baselineUnpublished = Rule(
        id: "baseline-unpublished",
        severity: .note,
        category: .evolution,
        summary: "`factum breaking`: a domain file has no lock at the baseline, so nothing of it was published there.",
        rationale: "Without a lock at the baseline there is nothing to break, and the check passes; the note says so, so that a baseline without locks never passes silently. Run `factum lock` and commit the lock to publish."
    )
}

/// What a baseline holds for one group of domain files, as the command line read it (from git
/// or a folder): enough to tell whether a file was published there.
public struct BaselineContents: Sendable {
    /// The baseline as the user named it (`HEAD`, a folder).
    public var name: String
    /// A folder of locks, matched to files by domain name; otherwise a git revision, matched by place.
    public var isFolder: Bool
    /// The domains of the folder's locks.
    public var lockedDomains: Set<String>
    /// The repository paths of the revision's locks, and of its domain files.
    public var lockPaths: Set<String>
    public var domainFiles: Set<String>

    public init(name: String, isFolder: Bool, lockedDomains: Set<String>, lockPaths: Set<String>, domainFiles: Set<String>) {
        self.name = name
        self.isFolder = isFolder
        self.lockedDomains = lockedDomains
        self.lockPaths = lockPaths
        self.domainFiles = domainFiles
    }
}

extension Baseline {
    /// The note for a domain file that has no lock at the baseline: nothing of it was published
    /// there, so there is nothing it can break. `place` is the file's path in the repository.
    public static func baselineUnpublished(_ file: DomainFile, place: String, in baseline: BaselineContents, into sink: inout FindingSink) {
        let message: String
        if baseline.isFolder {
            guard !baseline.lockedDomains.contains(file.domain.name) else { return }
            message = "the baseline \(baseline.name) holds no lock for domain '\(file.domain.name)': nothing of it was published there, so nothing can break"
        } else {
            guard !baseline.lockPaths.contains(LockFile.path(forDomainFile: place)) else { return }
            message = baseline.domainFiles.contains(place)
                ? "\(file.path) exists at \(baseline.name) without a lock: nothing of it was published there, so nothing can break"
                : "\(file.path) is new since \(baseline.name): nothing of it was published there, so nothing can break"
        }
        sink.report(.baselineUnpublished, in: file.path, at: Mark(line: 1, column: 1), message)
    }
}
