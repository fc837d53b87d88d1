import FactumSchema
import Foundation

/// The inputs of one command: the domain files found at the given paths, read, and the
/// configuration that applies to them. Building one touches the disk; everything after it
/// works on values.
public struct Workspace: Sendable {
    public var sources: [SourceFile]
    public var configuration: Configuration
    /// Findings about the configuration file and about files that could not be read.
    public var findings: [Finding]
    /// Each domain file's path relative to the folder it was found in, for output names.
    public var relativePaths: [String: String] = [:]
    /// The lock files beside the domain files.
    public var locks: [LockSource] = []

    /// A problem with the call itself (exit status 2): a path that does not exist, no domain
    /// files found, a configuration file that cannot be read.
    public struct UsageError: Error, Sendable, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// The folder of the SwiftPM target whose files these are (absolute, without symbolic
    /// links), or nil for the files outside every target, which are read together.
    public var target: String?

    /// The domain files at `paths`, read in groups as the build plugin reads them: one
    /// workspace per SwiftPM target (a folder under `Sources/` or `Tests/` of a folder with a
    /// `Package.swift`), and one for every file outside a target. Each group is its own
    /// namespace, with the configuration file of its target folder (or the one beside the
    /// paths given); `--config` applies to every group. Ordered by target folder.
    public static func load(paths: [String], configurationPath: String?) throws -> [Workspace] {
        let found: [(path: String, relative: String)]
        do {
            found = try DomainFileDiscovery.findWithRelativePaths(paths.isEmpty ? ["."] : paths)
        } catch let error as DomainFileDiscovery.MissingPath {
            throw UsageError(description: "no such file or folder: \(error.path)")
        }
        guard !found.isEmpty else {
            let place = paths.isEmpty ? "the current folder" : paths.joined(separator: ", ")
            throw UsageError(description: "no domain files (*.domain.yaml, *.domain.yml) found in \(place)")
        }
        var groups: [String?: [(path: String, relative: String)]] = [:]
        for file in found { groups[DomainFileDiscovery.targetFolder(of: file.path), default: []].append(file) }
        return try groups.keys.sorted { ($0 ?? "") < ($1 ?? "") }.map { target in
            try load(groups[target]!, target: target, paths: paths, configurationPath: configurationPath)
        }
    }

    private static func load(_ found: [(path: String, relative: String)], target: String?, paths: [String], configurationPath: String?) throws -> Workspace {
        let domainPaths = found.map(\.path)
        var sink = FindingSink()
        var configuration = Configuration()
        let configPath: String?
        if let configurationPath {
            configPath = configurationPath
        } else {
            do {
                configPath = try DomainFileDiscovery.configuration(besides: configurationFolders(for: target, paths: paths))
            } catch let error as DomainFileDiscovery.AmbiguousConfiguration {
                throw UsageError(description: "several configuration files apply (\(error.paths.joined(separator: ", "))); choose one with --config")
            }
        }
        if let configPath {
            guard var bytes = FileManager.default.contents(atPath: configPath).map(Array.init) else {
                throw UsageError(description: "cannot read the configuration file \(configPath)")
            }
            configuration = Configuration.load(path: configPath, bytes: &bytes, into: &sink)
        }

        var sources: [SourceFile] = []
        for path in domainPaths {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if size > DomainLoader.maximumFileSize {
                sink.report(.fileUnreadable, in: path, at: Mark(line: 1, column: 1), DomainLoader.tooLargeMessage(size: size))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                sink.report(.fileUnreadable, in: path, at: Mark(line: 1, column: 1), "the file cannot be read; check that it is a readable file")
                continue
            }
            sources.append(SourceFile(path: path, bytes: Array(data)))
        }
        var locks: [LockSource] = []
        for path in domainPaths {
            let lockPath = LockFile.path(forDomainFile: path)
            guard let data = FileManager.default.contents(atPath: lockPath) else { continue }
            if let lock = LockFile.read(data, path: lockPath, into: &sink) { locks.append(LockSource(path: lockPath, lock: lock)) }
        }
        var workspace = Workspace(sources: sources, configuration: configuration, findings: sink.findings, relativePaths: Dictionary(found.map { ($0.path, $0.relative) }, uniquingKeysWith: { first, _ in first }), locks: locks)
        workspace.target = target
        return workspace
    }

    /// Where a group's `factum-config.yaml` may be: beside each path given that lies in the
    /// group's target folder, and the target folder itself; for the files outside every
    /// target, beside the paths given.
    private static func configurationFolders(for target: String?, paths: [String]) -> [String] {
        let given = paths.isEmpty ? ["."] : paths
        guard let target else { return given }
        let inside = given.filter { path in
            let full = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            return full == target || full.hasPrefix(target + "/")
        }
        return inside + [target]
    }

    /// Loads, validates and lints the sources against the locks beside them and any
    /// `baselineLocks` (`factum breaking`); the workspace's own findings come with them.
    public func lint(baselineLocks: [LockSource] = []) -> LintResult {
        var result = Linter.lint(sources, configuration: configuration, locks: baselineLocks + locks)
        result.findings = (result.findings + findings).sorted()
        return result
    }
}
