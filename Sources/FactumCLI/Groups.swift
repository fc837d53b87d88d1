import ArgumentParser
import FactumCodegen
import FactumSchema
import FactumWorkspace
import Foundation

// Every command reads its paths as groups, one per SwiftPM target (see Workspace.load), lints
// each group apart, and reports their findings together.

/// The findings of several groups, sorted as one list.
func allFindings(_ results: [LintResult]) -> [Finding] {
    results.flatMap(\.findings).sorted()
}

/// The one-line summary on standard error: `factum: 3 domain files checked: 1 error`.
func summary(_ findings: [Finding], files: Int, what: String = "checked") -> String {
    let count = { (severity: Severity) in findings.filter { $0.severity == severity }.count }
    let parts = [(count(.error), "error"), (count(.warning), "warning"), (count(.note), "note")]
        .filter { $0.0 > 0 }
        .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
    let filesText = "\(files) domain file\(files == 1 ? "" : "s")"
    return parts.isEmpty ? "factum: \(filesText) \(what), no findings" : "factum: \(filesText) \(what): \(parts.joined(separator: ", "))"
}

extension Array where Element == Workspace {
    /// How many domain files the groups hold.
    var fileCount: Int { reduce(0) { $0 + $1.sources.count } }

    /// Each group linted apart, for the commands that write (generate, scaffold, lock): with
    /// any error in any group the findings go to standard error and the command ends with
    /// status 1 having written nothing.
    func lintedForWriting() throws -> [LintResult] {
        let results = map { $0.lint() }
        let findings = allFindings(results)
        FileHandle.standardError.write(Data(FindingPrinter.text(findings).utf8))
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        return results
    }
}

/// The names more than one group would write into one folder, sorted; empty when none clash.
func clashingNames(_ files: [GeneratedFile]) -> [String] {
    Dictionary(grouping: files, by: \.name).filter { $0.value.count > 1 }.keys.sorted()
}
