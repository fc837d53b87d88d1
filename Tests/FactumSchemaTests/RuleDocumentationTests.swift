import Foundation
import Testing
@testable import FactumSchema

@Suite("Rule documentation")
struct RuleDocumentationTests {
    @Test func docsRulesIsCurrent() throws {
        let url = packageRoot.appendingPathComponent("docs/rules.md")
        let written = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let expected = RuleDocumentation.markdown()
        #expect(written == expected, "docs/rules.md is stale; regenerate it with: swift run factum rules --markdown > docs/rules.md")
    }

    @Test func everyRuleIsDocumented() {
        let text = RuleDocumentation.markdown()
        for rule in Rule.all { #expect(text.contains("### \(rule.id)\n")) }
    }
}
