import ArgumentParser
import FactumSchema
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
        let workspace = try Workspace.load(paths: paths, configurationPath: config)
        let result = workspace.lint()
        let output = FindingPrinter.render(result.findings, as: format)
        FileHandle.standardOutput.write(Data(output.utf8))
        if format == .text {
            FileHandle.standardError.write(Data((summary(result, files: workspace.sources.count) + "\n").utf8))
        }
        if result.hasErrors { throw ExitCode(1) }
    }

    private func summary(_ result: LintResult, files: Int) -> String {
        let count = { (severity: Severity) in result.findings.filter { $0.severity == severity }.count }
        let parts = [(count(.error), "error"), (count(.warning), "warning"), (count(.note), "note")]
            .filter { $0.0 > 0 }
            .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        let filesText = "\(files) domain file\(files == 1 ? "" : "s")"
        return parts.isEmpty ? "factum: \(filesText) checked, no findings" : "factum: \(filesText) checked: \(parts.joined(separator: ", "))"
    }
}
