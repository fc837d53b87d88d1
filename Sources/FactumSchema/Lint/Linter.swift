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

/// What linting a set of domain files gives: the loaded model and every finding, sorted.
public struct LintResult: Sendable {
    public var files: [DomainFile]
    public var findings: [Finding]

    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}

/// The whole checking pipeline: load each file, validate them together, lint names, then
/// apply the configuration's severities. The CLI, the plugins and the tests all call this.
public enum Linter {
    public static func lint(_ sources: [SourceFile], configuration: Configuration = Configuration(), locks: [LockSource] = []) -> LintResult {
        let loader = DomainLoader()
        var files: [DomainFile] = []
        var findings: [Finding] = []
        for var source in sources.sorted(by: { $0.path < $1.path }) {
            let loaded = loader.load(path: source.path, bytes: &source.bytes)
            findings.append(contentsOf: loaded.findings)
            if let file = loaded.file { files.append(file) }
        }
        findings.append(contentsOf: Validator.validate(&files))
        findings.append(contentsOf: NamingLint.findings(in: files, pastTense: configuration.pastTense))
        // Comparing a schema that did not load with its lock would report every event of the
        // broken file as removed; the loading findings come first.
        // A generation missing from `history` is still compared: against a lock, it is a removed
        // published generation.
        if !findings.contains(where: { $0.severity == .error && $0.rule != Rule.generationHistory.id && Rule.named($0.rule)?.category == .loading }) {
            findings.append(contentsOf: EvolutionCheck.findings(files, locks: locks))
        }
        let unique = Set(configuration.apply(to: findings))
        return LintResult(files: files, findings: unique.sorted())
    }
}
