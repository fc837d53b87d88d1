import ArgumentParser
import FactumSchema
import FactumWorkspace
import Foundation

/// `factum breaking`: the evolution rules against a baseline.
struct BreakingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breaking",
        abstract: "Check the schema against the locks of a baseline: a git revision (main, HEAD~1, a tag) or a folder.",
        discussion: """
            Every evolution rule runs against the baseline's locks, and the command also fails when \
            the baseline's lock holds an event or generation the current lock lacks, so that deleting \
            and rewriting a lock cannot hide a break. A domain file is compared with the lock beside it at \
            the baseline, wherever the command runs from; a domain file with no lock there gets a note \
            (baseline-unpublished): nothing of it was published, so nothing can break.
            """
    )

    @Argument(help: ArgumentHelp("Domain files or folders (searched recursively). Default: the current folder.", valueName: "paths"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("The baseline: a git revision of the repository holding the files, or a folder.", valueName: "ref"))
    var against: String

    @Option(help: "Output format: text, json, github or sarif.")
    var format: FindingFormat = .text

    @Option(help: ArgumentHelp("The configuration file to use instead of factum-config.yaml beside the domain files.", valueName: "file"))
    var config: String?

    func run() throws {
        let groups = try Workspace.load(paths: paths, configurationPath: config)
        let baseline = try BaselineReader.read(against: against, paths: paths)
        var assigned = Set<Int>()
        var findings: [Finding] = []
        for group in groups {
            let domains = group.lint().domainFiles
            // A lock belongs to the group at its place in the repository, or (a folder
            // baseline) to the group holding its domain.
            let mine = baseline.locks.indices.filter { index in
                let lock = baseline.locks[index]
                if let place = lock.worktreePath { return DomainFileDiscovery.targetFolder(of: place) == group.target }
                return domains[lock.source.lock.domain] != nil
            }
            assigned.formUnion(mine)
            let locks = mine.map { baseline.locks[$0] }
            let result = group.lint(baselineLocks: locks.map(\.source))
            findings += result.findings
            var sink = FindingSink()
            Baseline.lockRewritten(baseline: locks.map(\.source), current: group.locks, domainFiles: result.domainFiles, into: &sink)
            let contents = BaselineContents(name: against, isFolder: baseline.isFolder, lockedDomains: Set(locks.map(\.source.lock.domain)),
                                            lockPaths: Set(locks.compactMap(\.worktreePath)), domainFiles: baseline.domainFiles)
            for file in result.files {
                Baseline.baselineUnpublished(file, place: BaselineReader.real(file.path), in: contents, into: &sink)
            }
            findings += sink.findings
        }
        // Locks at the baseline for which no domain file is left: every event they hold is gone.
        let orphans = baseline.locks.indices.filter { !assigned.contains($0) }.map { baseline.locks[$0].source }
        var sink = FindingSink()
        EvolutionCheck.check([], locks: orphans, into: &sink)
        findings += sink.findings
        findings.sort()
        FileHandle.standardOutput.write(Data(FindingPrinter.render(findings, as: format).utf8))
        if format == .text {
            FileHandle.standardError.write(Data((summary(findings, files: groups.fileCount, what: "checked against \(against)") + "\n").utf8))
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
