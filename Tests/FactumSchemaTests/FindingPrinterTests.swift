import Foundation
import Testing
@testable import FactumSchema

@Suite("Finding printers")
struct FindingPrinterTests {
    let findings = [
        Finding(path: "a/Shop.domain.yaml", line: 5, column: 7, severity: .error, rule: "event-past-tense", message: "event name 'PlaceOrder' is not in the past tense, 100% sure"),
        Finding(path: "b,c:d.domain.yaml", line: 2, column: 1, severity: .note, rule: "event-renamed", message: "two\nlines"),
    ]

    @Test func text() {
        #expect(FindingPrinter.text(findings).hasPrefix("a/Shop.domain.yaml:5:7: error: event name 'PlaceOrder' is not in the past tense, 100% sure [event-past-tense]\n"))
    }

    @Test func githubAnnotationsEscapeTheirValues() {
        let lines = FindingPrinter.github(findings).split(separator: "\n")
        #expect(lines[0] == "::error file=a/Shop.domain.yaml,line=5,col=7,title=event-past-tense::event name 'PlaceOrder' is not in the past tense, 100%25 sure [event-past-tense]")
        #expect(lines[1] == "::notice file=b%2Cc%3Ad.domain.yaml,line=2,col=1,title=event-renamed::two%0Alines [event-renamed]")
    }

    @Test func sarifIsAValidTwoOneZeroLog() throws {
        let data = Data(FindingPrinter.sarif(findings).utf8)
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "factum")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count == Rule.all.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 2)
        #expect(results[0]["ruleId"] as? String == "event-past-tense")
        #expect(results[0]["level"] as? String == "error")
        let index = try #require(results[0]["ruleIndex"] as? Int)
        #expect(rules[index]["id"] as? String == "event-past-tense")
        let location = (results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        let region = location?["region"] as? [String: Any]
        #expect(region?["startLine"] as? Int == 5)
        #expect(region?["startColumn"] as? Int == 7)
        #expect((location?["artifactLocation"] as? [String: Any])?["uri"] as? String == "a/Shop.domain.yaml")
        #expect(results[1]["level"] as? String == "note")
    }

    @Test func noFindingsIsAnEmptyArray() {
        #expect(FindingPrinter.json([]) == "[]\n")
    }

    @Test func jsonHasTheContractsKeys() throws {
        let array = try #require(try JSONSerialization.jsonObject(with: Data(FindingPrinter.json(findings).utf8)) as? [[String: Any]])
        #expect(array.map { Set($0.keys) } == Array(repeating: ["path", "line", "column", "severity", "rule", "message"], count: 2))
    }
}
