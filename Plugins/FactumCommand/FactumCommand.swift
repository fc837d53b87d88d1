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
        let known = Set(context.package.targets.map(\.name))
        let modules = context.package.targets.compactMap { $0 as? SourceModuleTarget }
        var targets = try context.package.targets(named: names.isEmpty ? Array(known) : names.filter(known.contains))
            .compactMap { $0 as? SourceModuleTarget }
            .map { (name: $0.name, directory: $0.directoryURL, files: $0.sourceFiles.map(\.url)) }
            .sorted { $0.name < $1.name }
        // A target folder with no Swift file is no target to SwiftPM, and the plugin never
        // sees it: its domain files are found in the folder, so that scaffold writes its first
        // Swift files and every other command names the cause.
        let unbuilt = unbuiltTargets(in: context.package.directoryURL.appendingPathComponent("Sources"), besides: modules.map(\.directoryURL))
            .filter { names.isEmpty || names.contains($0.name) }
        for name in names where !known.contains(name) && !unbuilt.contains(where: { $0.name == name }) {
            Diagnostics.warning("the package has no target '\(name)'")
        }
        if subcommand == "scaffold" {
            targets += unbuilt
        } else if !filelessCommands.contains(subcommand) {
            for target in unbuilt {
                Diagnostics.warning("Sources/\(target.name) holds a domain file, but SwiftPM made no target of it: a target needs a Swift file of its own; `swift package --allow-writing-to-package-directory factum scaffold` writes one per entity")
            }
        }
        try run(subcommand, rest, tool: context.tool(named: "FactumPluginTool").url, targets: targets, requireDomainFiles: !names.isEmpty, quietWhenNone: !unbuilt.isEmpty)
    }
}

/// The folders of `Sources` that hold domain files but are no source module target's folder
/// (SwiftPM makes no module of a folder without Swift files), with their files.
func unbuiltTargets(in sources: URL, besides built: [URL]) -> [(name: String, directory: URL, files: [URL])] {
    let fileManager = FileManager.default
    let builtPaths = Set(built.map { $0.standardizedFileURL.path })
    guard let folders = try? fileManager.contentsOfDirectory(at: sources, includingPropertiesForKeys: [.isDirectoryKey]) else { return [] }
    var result: [(name: String, directory: URL, files: [URL])] = []
    for folder in folders.sorted(by: { $0.path < $1.path }) where !builtPaths.contains(folder.standardizedFileURL.path) {
        guard (try? folder.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true,
              let walker = fileManager.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
        let files = walker.compactMap { $0 as? URL }.sorted { $0.path < $1.path }
        guard files.contains(where: isDomainFile) else { continue }
        result.append((name: folder.lastPathComponent, directory: folder, files: files))
    }
    return result
}

func isDomainFile(_ url: URL) -> Bool {
    url.lastPathComponent.hasSuffix(".domain.yaml") || url.lastPathComponent.hasSuffix(".domain.yml")
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
func run(_ subcommand: String, _ extra: [String], tool: URL, targets: [(name: String, directory: URL, files: [URL])], requireDomainFiles: Bool, quietWhenNone: Bool = false) throws {
    if filelessCommands.contains(subcommand) {
        try runTool(tool, [subcommand] + extra, what: "factum \(subcommand)")
        return
    }
    var ran = false
    for target in targets {
        let domainFiles = target.files.filter(isDomainFile)
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
    if !ran && !quietWhenNone { Diagnostics.warning("no target holds a domain file (*.domain.yaml)") }
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
