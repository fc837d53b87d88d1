import Foundation
import PackagePlugin

/// The build-tool plugin: runs `factum generate` on a target's domain files before it compiles,
/// as a build command, so that it runs only when a domain, lock or config file, or the tool
/// itself, changed. Findings appear in the build output at their YAML line.
@main
struct FactumGenerator: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        return try generationCommands(
            tool: context.tool(named: "FactumPluginTool").url,
            targetName: target.name,
            directory: target.directoryURL,
            files: target.sourceFiles.map(\.url),
            workDirectory: context.pluginWorkDirectoryURL
        )
    }
}

#if canImport(XcodeProjectPlugin)
import XcodeProjectPlugin

extension FactumGenerator: XcodeBuildToolPlugin {
    func createBuildCommands(context: XcodePluginContext, target: XcodeTarget) throws -> [Command] {
        try generationCommands(
            tool: context.tool(named: "FactumPluginTool").url,
            targetName: target.displayName,
            directory: context.xcodeProject.directoryURL,
            files: target.inputFiles.map(\.url),
            workDirectory: context.pluginWorkDirectoryURL
        )
    }
}
#endif

/// The one function behind both hosts: inputs found, outputs named up front, one build command.
func generationCommands(tool: URL, targetName: String, directory: URL, files: [URL], workDirectory: URL) throws -> [Command] {
    let domainFiles = files.filter { $0.lastPathComponent.hasSuffix(".domain.yaml") || $0.lastPathComponent.hasSuffix(".domain.yml") }
        .sorted { $0.path < $1.path }
    guard !domainFiles.isEmpty else {
        Diagnostics.warning("target '\(targetName)' uses the FactumGenerator plugin but holds no domain file (*.domain.yaml); add one to its folder, or remove the plugin from the target")
        return []
    }
    let configFiles = files.filter { ["factum-config.yaml", "factum-config.yml"].contains($0.lastPathComponent) }
    let lockFiles = files.filter { $0.lastPathComponent.hasSuffix(".domain.lock") }
    let outputDirectory = workDirectory.appendingPathComponent("GeneratedSources")
    let base = directory.standardizedFileURL.path.hasSuffix("/") ? directory.standardizedFileURL.path : directory.standardizedFileURL.path + "/"
    let outputs = domainFiles.map { file -> URL in
        let full = file.standardizedFileURL.path
        let relative = full.hasPrefix(base) ? String(full.dropFirst(base.count)) : file.lastPathComponent
        return outputDirectory.appendingPathComponent(generatedFileName(forDomainFileAt: relative))
    }
    var arguments = ["generate"] + domainFiles.map(\.path) + ["--output", outputDirectory.path, "--relative-to", directory.path, "--quiet"]
    if let config = configFiles.first {
        arguments += ["--config", config.path]
    }
    return [
        .buildCommand(
            displayName: "Generating Swift from \(domainFiles.count) domain file\(domainFiles.count == 1 ? "" : "s") of \(targetName)",
            executable: tool,
            arguments: arguments,
            inputFiles: domainFiles + configFiles + lockFiles + [tool],
            outputFiles: outputs
        ),
    ]
}
