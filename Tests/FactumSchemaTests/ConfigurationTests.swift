import Foundation
import Testing
@testable import FactumSchema

@Suite("Configuration")
struct ConfigurationTests {
    func load(_ text: String) -> (Configuration, [Finding]) {
        var bytes = Array(text.utf8)
        var sink = FindingSink()
        let configuration = Configuration.load(path: "/p/factum-config.yaml", bytes: &bytes, into: &sink)
        return (configuration, sink.findings)
    }

    @Test func readsEverySetting() {
        let (configuration, findings) = load("""
            access: public
            templates: Templates
            rules:
              event-crud-verb: off
              field-name-case: error
            pastTense:
              allow: [Ready]
              deny: [Opened]
            """)
        #expect(findings.isEmpty)
        #expect(configuration.access == .public)
        #expect(configuration.templates == "/p/Templates")
        #expect(configuration.severity(for: "event-crud-verb", default: .warning) == nil)
        #expect(configuration.severity(for: "field-name-case", default: .warning) == .error)
        #expect(configuration.pastTense.judge("TakeoutServerReady").isFact)
        #expect(!configuration.pastTense.judge("KitchenOpened").isFact)
    }

    @Test func badSettingsAreFindingsAtTheirLines() {
        let (_, findings) = load("""
            acess: public
            rules:
              event-crud-verbs: off
              yaml-syntax: off
              field-name-case: loud
            pastTense:
              allow: Ready
              ignore: []
            """)
        #expect(findings.map { "\($0.line):\($0.rule)" } == ["1:unknown-key", "3:unknown-key", "4:invalid-value", "5:invalid-value", "7:invalid-value", "8:unknown-key"])
        #expect(findings[0].message.contains("did you mean 'access'?"))
        #expect(findings[1].message.contains("did you mean 'event-crud-verb'?"))
    }

    @Test func severitiesApplyToFindings() {
        var configuration = Configuration()
        configuration.severities = ["event-name-suffix": Severity?.some(.error), "field-name-case": Severity?.none]
        let result = Linter.lint([SourceFile(path: "a.domain.yaml", text: domain(event: "OrderPlacedEvent", fields: ["placed_at: Date"]))], configuration: configuration)
        #expect(result.findings.map { "\($0.rule):\($0.severity)" } == ["event-name-suffix:error"])
        #expect(result.hasErrors)
    }
}
