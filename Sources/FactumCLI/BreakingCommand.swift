import ArgumentParser
import FactumSchema
import Foundation

/// `factum breaking`: the evolution rules against a baseline.
struct BreakingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breaking",
        abstract: "Check the schema against the locks of a baseline: a git revision (main, HEAD~1, a tag) or a folder.",
        discussion: """
            Every evolution rule runs against the baseline's locks, and the command also fails when \
            the baseline's lock holds an event or generation the current lock lacks, so that deleting \
            and rewriting a lock cannot hide a break.
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
        let workspace = try Workspace.load(paths: paths, configurationPath: config)
        let baseline = try Baseline.locks(against: against, paths: paths)
        var result = workspace.lint(baselineLocks: baseline)
        result.findings = (result.findings + Baseline.rewritten(baseline: baseline, current: workspace.locks, files: result.files)).sorted()
        FileHandle.standardOutput.write(Data(FindingPrinter.render(result.findings, as: format).utf8))
        if baseline.isEmpty {
            FileHandle.standardError.write(Data("factum: the baseline \(against) holds no lock file: nothing was published there\n".utf8))
        }
        if result.hasErrors { throw ExitCode(1) }
    }
}
