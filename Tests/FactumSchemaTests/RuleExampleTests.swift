import Testing
@testable import FactumSchema

/// Runs every rule's own examples: each triggering example reports the rule at the line marked
/// `# <-`, and no passing example reports it.
@Suite("Rule examples")
struct RuleExampleTests {
    static let triggering: [(String, Int, String)] = Rule.all.flatMap { rule in
        rule.triggering.enumerated().map { (rule.id, $0.offset, $0.element) }
    }
    static let passing: [(String, Int, String)] = Rule.all.flatMap { rule in
        rule.passing.enumerated().map { (rule.id, $0.offset, $0.element) }
    }

    @Test("triggering examples report their rule at the marked line", arguments: triggering)
    func triggers(rule: String, index: Int, example: String) throws {
        let lines = example.split(separator: "\n", omittingEmptySubsequences: false)
        let marked = try #require(lines.firstIndex { $0.hasSuffix("# <-") }, "example \(index) of \(rule) marks no line") + 1
        let findings = lint(example).filter { $0.rule == rule }
        #expect(findings.contains { $0.line == marked }, "example \(index) of \(rule): expected a finding at line \(marked), got \(findings)")
    }

    @Test("passing examples do not report their rule", arguments: passing)
    func passes(rule: String, index: Int, example: String) {
        let findings = lint(example).filter { $0.rule == rule }
        #expect(findings.isEmpty, "example \(index) of \(rule) should pass: \(findings)")
    }

    @Test func everyRuleHasExamplesButFileUnreadable() {
        for rule in Rule.all where rule.id != Rule.fileUnreadable.id {
            #expect(!rule.triggering.isEmpty, "\(rule.id) has no triggering example")
            #expect(!rule.passing.isEmpty, "\(rule.id) has no passing example")
        }
    }

    @Test func ruleIDsAreUniqueAndIncludeTheContractsList() {
        let ids = Rule.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        let contract = [
            "yaml-syntax", "duplicate-key", "unknown-key", "missing-key", "invalid-value", "unknown-type",
            "invalid-name", "reserved-name", "duplicate-name", "invalid-event-id", "duplicate-event-id",
            "invalid-default", "generation-history", "event-past-tense", "event-name-suffix",
            "event-crud-verb", "field-name-case",
        ]
        for id in contract { #expect(ids.contains(id), "missing rule \(id)") }
        #expect(Rule.named("event-past-tense")?.severity == .error)
        #expect(Rule.named("event-name-suffix")?.severity == .warning)
        #expect(Rule.named("event-crud-verb")?.severity == .warning)
        #expect(Rule.named("field-name-case")?.severity == .warning)
    }
}
