import ArgumentParser
import FactumCodegen
import FactumSchema
import FactumWorkspace
import Foundation

extension AccessLevel: ExpressibleByArgument {}

/// `factum generate`: lint, then write the Swift sources, or write nothing.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the Swift sources for domain files into a folder; on any error, write nothing.",
        discussion: """
            One Swift file per domain file, named from the domain file's path relative to the folder \
            it was found in (Kitchen.domain.yaml → Kitchen.domain.swift; Sub/Kitchen.domain.yaml → \
            Sub_Kitchen.domain.swift). A file is written only when its bytes change, and files this \
            command generated earlier that are no longer generated are removed. The access level and \
            the templates folder come from the flags, else from factum-config.yaml, else internal and \
            the built-in templates.
            """
    )

    @Argument(help: ArgumentHelp("Domain files or folders (searched recursively). Default: the current folder.", valueName: "paths"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("The folder to write the Swift sources into.", valueName: "dir"))
    var output: String

    @Option(help: "The access level of generated declarations: internal, package or public.")
    var access: AccessLevel?

    @Option(help: ArgumentHelp("A folder of .mustache templates overriding the built-in ones by file name.", valueName: "dir"))
    var templates: String?

    @Option(help: ArgumentHelp("The configuration file to use instead of factum-config.yaml beside the domain files.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Name outputs from paths relative to this folder instead of the folder searched.", valueName: "dir"))
    var relativeTo: String?

    @Flag(help: "Print nothing when there is nothing to report.")
    var quiet = false

    func run() throws {
        var groups = try Workspace.load(paths: paths, configurationPath: config)
        if let relativeTo {
            let base = URL(fileURLWithPath: relativeTo).standardizedFileURL.path + "/"
            for index in groups.indices {
                for source in groups[index].sources {
                    let full = URL(fileURLWithPath: source.path).standardizedFileURL.path
                    if full.hasPrefix(base) { groups[index].relativePaths[source.path] = String(full.dropFirst(base.count)) }
                }
            }
        }
        let results = try groups.lintedForWriting()
        var files: [GeneratedFile] = []
        for (workspace, result) in zip(groups, results) {
            let generator = Generator(templates: try workspace.templates(overriddenBy: templates), access: access ?? workspace.configuration.access)
            files += try usageErrors { try generator.generate(result.files, relativePaths: workspace.relativePaths) }
        }
        let names = clashingNames(files)
        guard names.isEmpty else {
            throw Workspace.UsageError(description: "several targets would write \(names.joined(separator: ", ")) into \(output); generate each target into a folder of its own")
        }
        let report = try OutputWriter.write(files, to: output)
        if !quiet {
            FileHandle.standardError.write(Data("factum: \(files.count) file\(files.count == 1 ? "" : "s") generated in \(output): \(report.written.count) written, \(report.unchanged.count) unchanged, \(report.removed.count) removed\n".utf8))
        }
    }
}
