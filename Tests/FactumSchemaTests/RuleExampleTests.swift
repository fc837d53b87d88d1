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

    static let triggeringChanges: [(String, Int, Rule.Change)] = Rule.all.flatMap { rule in
        rule.triggeringChanges.enumerated().map { (rule.id, $0.offset, $0.element) }
    }
    static let passingChanges: [(String, Int, Rule.Change)] = Rule.all.flatMap { rule in
        rule.passingChanges.enumerated().map { (rule.id, $0.offset, $0.element) }
    }

    /// Lints `after` against the lock of `before`.
    static func lintChange(_ change: Rule.Change) -> [Finding] {
        let before = Linter.lint([SourceFile(path: "Shop.domain.yaml", text: change.before)])
        #expect(!before.hasErrors, "the example's 'before' must be valid: \(before.findings)")
        let locks = before.files.map { LockSource(path: "Shop.domain.lock", lock: LockFile($0, declared: Validator.declaredTypes(before.files))) }
        return Linter.lint([SourceFile(path: "Shop.domain.yaml", text: change.after)], locks: locks).findings
    }

    @Test("triggering changes report their rule at the marked line", arguments: triggeringChanges)
    func changesTrigger(rule: String, index: Int, change: Rule.Change) throws {
        let lines = change.after.split(separator: "\n", omittingEmptySubsequences: false)
        let marked = try #require(lines.firstIndex { $0.hasSuffix("# <-") }, "change \(index) of \(rule) marks no line") + 1
        let findings = Self.lintChange(change)
        #expect(findings.contains { $0.rule == rule && $0.line == marked }, "change \(index) of \(rule): expected a finding at line \(marked), got \(findings)")
    }

    @Test("passing changes do not report their rule", arguments: passingChanges)
    func changesPass(rule: String, index: Int, change: Rule.Change) {
        let findings = Self.lintChange(change)
        #expect(!findings.contains { $0.rule == rule }, "change \(index) of \(rule) should pass: \(findings)")
        #expect(!findings.contains { $0.severity == .error }, "change \(index) of \(rule) should be valid: \(findings)")
    }

    /// Rules whose findings need files on disk are tested through the command line instead.
    static let testedElsewhere: Set<String> = ["file-unreadable", "lock-outdated", "lock-invalid", "lock-rewritten", "baseline-unpublished"]

    @Test func everyChangeChangesSomething() {
        for rule in Rule.all {
            for change in rule.triggeringChanges + rule.passingChanges {
                #expect(change.before != change.after, "an example change of \(rule.id) changes nothing")
            }
        }
    }

    @Test func everyRuleHasExamples() {
        for rule in Rule.all where !Self.testedElsewhere.contains(rule.id) {
            #expect(!rule.triggering.isEmpty || !rule.triggeringChanges.isEmpty, "\(rule.id) has no triggering example")
            #expect(!rule.passing.isEmpty || !rule.passingChanges.isEmpty, "\(rule.id) has no passing example")
        }
    }

    @Test func ruleIDsAreUniqueAndIncludeTheContractsList() {
        let ids = Rule.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        let contract = [
            "yaml-syntax", "duplicate-key", "unknown-key", "missing-key", "invalid-value", "unknown-type",
            "invalid-name", "reserved-name", "duplicate-name", "invalid-event-id", "duplicate-event-id",
            "invalid-default", "generation-history", "event-past-tense", "event-name-suffix",
            "event-crud-verb", "field-name-case", "generation-modified", "event-removed", "generation-removed",
            "generation-lowered", "event-id-changed", "enum-case-removed", "visibility-narrowed", "lock-outdated",
            "event-renamed",
        ]
        for id in contract { #expect(ids.contains(id), "missing rule \(id)") }
        #expect(Rule.named("event-past-tense")?.severity == .error)
        #expect(Rule.named("event-name-suffix")?.severity == .warning)
        #expect(Rule.named("event-crud-verb")?.severity == .warning)
        #expect(Rule.named("field-name-case")?.severity == .warning)
        #expect(Rule.named("event-renamed")?.severity == .note)
    }
}

@Suite("Published ids")
struct PublishedIDTests {
    let before = """
        domain: Shop
        entities:
          Order:
            events:
              OrderPlaced:
                id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
              OrderShipped:
                id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
        """

    func findings(after: String) -> [String] {
        RuleExampleTests.lintChange(Rule.Change(before: before, after: after)).map { "\($0.line):\($0.rule)" }
    }

    @Test func swappedIDsAreChangedIDs() {
        let swapped = before
            .replacingOccurrences(of: "0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f", with: "TEMP")
            .replacingOccurrences(of: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", with: "0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f")
            .replacingOccurrences(of: "TEMP", with: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
        #expect(findings(after: swapped) == ["6:event-id-changed", "8:event-id-changed"])
    }

    @Test func aReusedIDIsReportedAtBothEvents() {
        let reused = before
            .replacingOccurrences(of: "      OrderShipped:\n        id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", with: "      OrderShipped:\n        id: 1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e\n      OrderDispatched:\n        id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
        #expect(findings(after: reused) == ["8:event-id-changed", "10:event-id-changed"])
    }

    @Test func aRenameKeepingTheIDIsANote() {
        #expect(findings(after: before.replacingOccurrences(of: "OrderShipped:", with: "OrderDispatched:")) == ["7:event-renamed"])
    }
}
