import Foundation
import PackagePlugin

/// `swift package factum <lint|lock|scaffold> [--target NAME…]`: runs the factum tool on the
/// domain files of a package's targets (all targets holding domain files, or those named).
/// `lock` writes lock files beside the domain files (`lock --check` only checks them);
/// `scaffold` writes starter aggregates into each target's folder, never overwriting a file.
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

/// The one function behind both hosts.
func run(_ subcommand: String, _ extra: [String], tool: URL, targets: [(name: String, directory: URL, files: [URL])], requireDomainFiles: Bool) throws {
    guard ["lint", "scaffold", "lock"].contains(subcommand) else {
        throw CommandFailed(description: "unknown subcommand '\(subcommand)'; use lint, lock or scaffold")
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
        if subcommand == "scaffold" { arguments += ["--output", target.directory.path] }
        arguments += extra
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw CommandFailed(description: "factum \(subcommand) failed for target '\(target.name)' (exit status \(process.terminationStatus))")
        }
    }
    if !ran { Diagnostics.warning("no target holds a domain file (*.domain.yaml)") }
}
