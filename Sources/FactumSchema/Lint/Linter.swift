import Foundation
import FactumYAML

/// A file's path as given or found, and its bytes.
public struct SourceFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

/// What linting a set of domain files gives: every finding, sorted, and the validated model.
public struct LintResult: Sendable {
    /// The validated model of every file; empty when loading or validation found an error
    /// (the model would not be whole). A `generation-history` error leaves it: the generations
    /// the file has are still checked against the lock.
    public var files: [DomainFile]
    public var findings: [Finding]
    /// The file declaring each domain (the first, if several do), read even when the model is
    /// not whole: `factum breaking` matches baseline locks to files by domain name.
    public var domainFiles: [String: String]

    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}

/// The whole checking pipeline: load each file, validate them together, lint names, check
/// evolution against the locks, then apply the configuration's severities. The CLI, the
/// plugins and the tests all call this.
public enum Linter {
    public static func lint(_ sources: [SourceFile], configuration: Configuration = Configuration(), locks: [LockSource] = []) -> LintResult {
        var sink = FindingSink()
        let loader = DomainLoader()
        var written: [WrittenFile] = []
        for var source in sources.sorted(by: { $0.path < $1.path }) {
            if let file = loader.load(path: source.path, bytes: &source.bytes, into: &sink) { written.append(file) }
        }
        let model = Validator.validate(written, into: &sink)
        // Names are linted as written, so that an event whose id is broken has its name checked too.
        NamingLint.lint(written, pastTense: configuration.pastTense, into: &sink)
        // Comparing a schema that did not load with its lock would report every event of the
        // broken file as removed; the loading findings come first. A generation missing from
        // `history` is still compared: against a lock, it is a removed published generation.
        var files: [DomainFile] = []
        if !sink.findings.contains(where: { $0.severity == .error && $0.rule != Rule.generationHistory.id && Rule.named($0.rule)?.category == .loading }) {
            if let model {
                files = model
                EvolutionCheck.check(model, locks: locks, into: &sink)
            } else {
                // Every reason the model is not whole is a loading or validation error, so this is a bug of ours.
                sink.report(.invalidValue, in: written.first?.path ?? "", at: Mark(line: 1, column: 1), "internal error: the files validated without errors, but their model is not whole; please report this")
            }
        }
        return LintResult(files: files, findings: configuration.apply(to: sink.findings).sorted(), domainFiles: Dictionary(written.map { ($0.domain.name, $0.path) }, uniquingKeysWith: { first, _ in first }))
    }
}
