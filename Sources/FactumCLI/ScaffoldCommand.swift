import ArgumentParser
import FactumCodegen
import FactumSchema
import FactumWorkspace
import Foundation

/// `factum scaffold`: a starter aggregate per entity, never overwriting a file.
struct ScaffoldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaffold",
        abstract: "Write a starter aggregate per entity into a folder; never overwrite a file.",
        discussion: """
            For each entity, <Entity>.swift holds a struct named as the entity that conforms to the \
            generated <Entity>Aggregate protocol, with an empty apply method per event. Files that \
            already exist are left alone and reported.
            """
    )

    @Argument(help: ArgumentHelp("Domain files or folders (searched recursively). Default: the current folder.", valueName: "paths"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("The folder to write the starter files into.", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp("A folder of .mustache templates overriding the built-in ones by file name.", valueName: "dir"))
    var templates: String?

    @Option(help: ArgumentHelp("The configuration file to use instead of factum-config.yaml beside the domain files.", valueName: "file"))
    var config: String?

    @Option(help: "The access level of the starters' declarations: internal, package or public. Default: the configuration's `access`, as `generate` uses it.")
    var access: AccessLevel?

    func run() throws {
        let groups = try Workspace.load(paths: paths, configurationPath: config)
        let results = try groups.lintedForWriting()
        var starters: [GeneratedFile] = []
        for (workspace, result) in zip(groups, results) {
            let scaffolder = Scaffolder(templates: try workspace.templates(overriddenBy: templates), access: access ?? workspace.configuration.access)
            starters += try usageErrors { try scaffolder.starters(for: result.files) }
        }
        let names = clashingNames(starters)
        guard names.isEmpty else {
            throw Workspace.UsageError(description: "several targets have an entity whose starter is \(names.joined(separator: ", ")); scaffold each target into its own folder")
        }
        let outcome = try Scaffolder.writeNew(starters, to: output)
        for name in outcome.written { print("wrote \(output)/\(name)") }
        for name in outcome.skipped { print("kept \(output)/\(name): it exists already") }
    }
}
