import Foundation
import PackagePlugin

/// `swift package factum <command> [--target NAME…] [options]`: runs the factum tool on the
/// domain files of a package's targets (all targets holding domain files, or those named),
/// one target at a time, as the build plugin reads them. Every command of the tool works:
/// lint, breaking, lock (`--check` only checks), scaffold (into each target's folder, never
/// overwriting a file), generate; `rules`, `help`, `--help` and `--version` run once, on no
/// files. The plugin declares no permission, so the read-only commands never ask for one.
@main
struct FactumCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) throws {
        var extractor = ArgumentExtractor(arguments)
        let names = extractor.extractOption(named: "target")
        var rest = extractor.remainingArguments
        let subcommand = rest.isEmpty ? "lint" : rest.removeFirst()
        let targets = try context.package.targets(named: names.isEmpty ? context.package.targets.map(\.name) : names)
            .compactMap { $0 as? SourceModuleTarget }
            .map { (name: $0.name, directory: $0.directoryURL, files: $0.sourceFiles.map(\.url)) }
        try run(subcommand, rest, tool: context.tool(named: "FactumPluginTool").url, targets: targets, requireDomainFiles: !names.isEmpty)
    }
}

#if canImport(XcodeProjectPlugin)
import XcodeProjectPlugin

extension FactumCommand: XcodeCommandPlugin {
    func performCommand(context: XcodePluginContext, arguments: [String]) throws {
        var extractor = ArgumentExtractor(arguments)
        let names = Set(extractor.extractOption(named: "target"))
        var rest = extractor.remainingArguments
        let subcommand = rest.isEmpty ? "lint" : rest.removeFirst()
        let targets = context.xcodeProject.targets
            .filter { names.isEmpty || names.contains($0.displayName) }
            .map { (name: $0.displayName, directory: context.xcodeProject.directoryURL, files: $0.inputFiles.map(\.url)) }
        try run(subcommand, rest, tool: context.tool(named: "FactumPluginTool").url, targets: targets, requireDomainFiles: !names.isEmpty)
    }
}
#endif

struct CommandFailed: Error, CustomStringConvertible {
    var description: String
}

/// The commands that run once, on no files.
let filelessCommands: Set<String> = ["rules", "help", "--help", "-h", "--version"]
/// The commands that write into the package.
let writingCommands: Set<String> = ["lock", "scaffold"]

/// The one function behind both hosts.
func run(_ subcommand: String, _ extra: [String], tool: URL, targets: [(name: String, directory: URL, files: [URL])], requireDomainFiles: Bool) throws {
    if filelessCommands.contains(subcommand) {
        try runTool(tool, [subcommand] + extra, what: "factum \(subcommand)")
        return
    }
    var ran = false
    for target in targets {
        let domainFiles = target.files.filter { $0.lastPathComponent.hasSuffix(".domain.yaml") || $0.lastPathComponent.hasSuffix(".domain.yml") }
        guard !domainFiles.isEmpty else {
            if requireDomainFiles { Diagnostics.warning("target '\(target.name)' holds no domain file") }
            continue
        }
        ran = true
        var arguments = [subcommand] + domainFiles.map(\.path)
        if subcommand == "scaffold" && !extra.contains("--output") { arguments += ["--output", target.directory.path] }
        arguments += extra
        let writes = writingCommands.contains(subcommand) && !extra.contains("--check")
        try runTool(tool, arguments, what: "factum \(subcommand) failed for target '\(target.name)'", hint: writes
            ? "; if it could not write, pass --allow-writing-to-package-directory before 'factum' (SwiftPM sandboxes plugins on macOS)" : "")
    }
    if !ran { Diagnostics.warning("no target holds a domain file (*.domain.yaml)") }
}

/// Runs the tool, which prints its own findings; a non-zero status ends the command.
func runTool(_ tool: URL, _ arguments: [String], what: String, hint: String = "") throws {
    let process = Process()
    process.executableURL = tool
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    if process.terminationStatus != 0 {
        throw CommandFailed(description: "\(what) (exit status \(process.terminationStatus))\(hint)")
    }
}
