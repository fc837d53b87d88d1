import Foundation

/// Renders the rule catalog: `docs/rules.md` is this output, and a test fails when the file is
/// stale (regenerate it with `swift run factum rules --markdown > docs/rules.md`).
public enum RuleDocumentation {
    public static func markdown(_ rules: [Rule] = Rule.all) -> String {
        var text = """
            # Rules

            Every finding names one of these rules. Ids are stable: configuration files and tools
            depend on them. Naming rules can be given another severity or turned off in
            `factum-config.yaml` (`rules: {event-crud-verb: off}`); loading, validation and
            evolution rules cannot, because a file that breaks them cannot be generated or would
            break stored events.

            This page is generated from the rules' own definitions and examples
            (`swift run factum rules --markdown > docs/rules.md`); the test suite runs every
            example and fails when this page is stale.

            """
        for category in Rule.Category.allCases {
            let members = rules.filter { $0.category == category }
            guard !members.isEmpty else { continue }
            text += "\n## \(category.rawValue)\n\n| rule | severity | finds |\n| --- | --- | --- |\n"
            for rule in members {
                text += "| [`\(rule.id)`](#\(rule.id)) | \(rule.severity.rawValue) | \(rule.summary) |\n"
            }
            for rule in members {
                text += "\n### \(rule.id)\n\n\(rule.summary) Default severity: **\(rule.severity.rawValue)**.\n\n\(rule.rationale)\n"
                if !rule.triggering.isEmpty {
                    text += "\nReported (at the line marked `# <-`):\n"
                    for example in rule.triggering { text += "\n```yaml\n\(example)\n```\n" }
                }
                if !rule.passing.isEmpty {
                    text += "\nNot reported:\n"
                    for example in rule.passing { text += "\n```yaml\n\(example)\n```\n" }
                }
                for change in rule.triggeringChanges {
                    text += "\nReported when this published schema (locked):\n\n```yaml\n\(change.before)\n```\n\nbecomes (at the line marked `# <-`):\n\n```yaml\n\(change.after)\n```\n"
                }
                for change in rule.passingChanges where change.before != change.after {
                    text += "\nNot reported when the same schema becomes:\n\n```yaml\n\(change.after)\n```\n"
                }
            }
        }
        return text
    }

    /// One line a rule: id, severity, summary.
    public static func list(_ rules: [Rule] = Rule.all) -> String {
        let width = rules.map(\.id.count).max() ?? 0
        return rules.map { $0.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0) + "  " + $0.summary + "\n" }.joined()
    }
}
