import ArgumentParser
import FactumSchema
import FactumWorkspace
import Foundation

/// `factum lock`: record the published shapes beside each domain file.
struct LockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Write or refresh <Name>.domain.lock beside each domain file; with --check, write nothing and fail if a lock is behind its schema.",
        discussion: """
            A lock records every event (id, name, entity, visibility) and the exact shape of every \
            generation, with the declared types it uses expanded. Generations in a lock are \
            published: lint, generate and the build plugin then refuse changes to them. The lock is \
            written only when the schema lints clean (which includes agreeing with the current lock), \
            so it only grows. Commit it with the schema.
            """
    )

    @Argument(help: ArgumentHelp("Domain files or folders (searched recursively). Default: the current folder.", valueName: "paths"))
    var paths: [String] = []

    @Flag(help: "Write nothing; fail with lock-outdated when the schema holds an event or generation its lock does not.")
    var check = false

    @Option(help: ArgumentHelp("The configuration file to use instead of factum-config.yaml beside the domain files.", valueName: "file"))
    var config: String?

    func run() throws {
        let groups = try Workspace.load(paths: paths, configurationPath: config)
        let results = groups.map { $0.lint() }
        if check {
            var sink = FindingSink()
            for (group, result) in zip(groups, results) { EvolutionCheck.lockOutdated(result.files, locks: group.locks, into: &sink) }
            let findings = (allFindings(results) + sink.findings).sorted()
            FileHandle.standardOutput.write(Data(FindingPrinter.text(findings).utf8))
            // The one-line summary every checking command prints, and what it means here.
            let outdated = findings.contains { $0.severity == .error }
            FileHandle.standardError.write(Data((summary(findings, files: groups.fileCount, what: "checked against their locks")
                + (outdated ? "" : "; every lock is up to date") + "\n").utf8))
            if outdated { throw ExitCode(1) }
            return
        }
        let findings = allFindings(results)
        FileHandle.standardOutput.write(Data(FindingPrinter.text(findings).utf8))
        if findings.contains(where: { $0.severity == .error }) {
            FileHandle.standardError.write(Data("factum: no lock written: fix the errors first\n".utf8))
            throw ExitCode(1)
        }
        for result in results {
            let declared = Validator.declaredTypes(result.files)
            for file in result.files {
                let path = LockFile.path(forDomainFile: file.path)
                let data = LockFile(file, declared: declared).encoded()
                if FileManager.default.contents(atPath: path) == data {
                    FileHandle.standardError.write(Data("factum: \(path) is up to date\n".utf8))
                    continue
                }
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
                FileHandle.standardError.write(Data("factum: wrote \(path)\n".utf8))
            }
        }
    }
}
