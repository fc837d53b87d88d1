import ArgumentParser
import FactumSchema
import Foundation

/// `factum rules`: the rule catalog, for people and for the docs.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule with its id, default severity and what it finds.",
        discussion: "With --markdown, print the full reference with each rule's rationale and examples (docs/rules.md)."
    )

    @Flag(help: "Print the Markdown reference instead of the list.")
    var markdown = false

    func run() throws {
        let text = markdown ? RuleDocumentation.markdown() : RuleDocumentation.list()
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
