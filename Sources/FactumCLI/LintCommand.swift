import ArgumentParser
import FactumSchema
import FactumWorkspace
import Foundation

extension FindingFormat: ExpressibleByArgument {}

/// `factum lint`: load, validate and lint, and print every finding.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Load, validate and lint domain files; print every finding.",
        discussion: """
            Findings print as `path:line:column: severity: message [rule-id]`, sorted by path, \
            line, column and rule; --format json prints one JSON array, --format github prints GitHub \
            Actions annotations, --format sarif a SARIF 2.1.0 log for code-scanning tools. A configuration file \
            (factum-config.yaml beside the domain files, or --config) can change rule severities.

            Exit status: 0 with no error-level finding, 1 with one, 2 when the call is wrong.
            """
    )

    @Argument(help: ArgumentHelp("Domain files or folders (searched recursively). Default: the current folder.", valueName: "paths"))
    var paths: [String] = []

    @Option(help: "Output format: text, json, github (Actions annotations) or sarif (SARIF 2.1.0).")
    var format: FindingFormat = .text

    @Option(help: ArgumentHelp("The configuration file to use instead of factum-config.yaml beside the domain files.", valueName: "file"))
    var config: String?

    func run() throws {
        let groups = try Workspace.load(paths: paths, configurationPath: config)
        let findings = allFindings(groups.map { $0.lint() })
        FileHandle.standardOutput.write(Data(FindingPrinter.render(findings, as: format).utf8))
        if format == .text {
            FileHandle.standardError.write(Data((summary(findings, files: groups.fileCount) + "\n").utf8))
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
