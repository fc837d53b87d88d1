import Foundation
import Testing
@testable import FactumSchema

@Suite("Loading and validation")
struct LoaderTests {
    @Test func theSchemaDecidesWhatAScalarMeans() throws {
        let text = """
            domain: Shop
            types:
              Answer:
                cases: [yes, no, on, off, null]
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    description: no
                    fields:
                      version: {type: String, default: 1.10}
                      answer: {type: Answer, default: no}
                      flag: {type: Bool, default: false}
                      count: {type: Int, default: 012}
                      code: {type: String, default: 0x1F}
            """
        let result = lint(["a.domain.yaml": text])
        #expect(result.findings.isEmpty, "\(result.findings)")
        let domain = try #require(result.files.first?.domain)
        guard case .enumeration(let cases) = domain.types[0].kind else { Issue.record("not an enum"); return }
        #expect(cases.map(\.name) == ["yes", "no", "on", "off", "null"])
        let event = domain.entities[0].events[0]
        #expect(event.description == "no")
        let defaults = event.current.fields.map(\.defaultValue)
        #expect(defaults == [.string("1.10"), .enumCase("no"), .bool(false), .integer("12"), .string("0x1F")])
    }

    @Test func boolsTakeOnlyTrueAndFalse() {
        for text in ["yes", "no", "on", "off", "True1", "1"] {
            let findings = lint(domain(fields: ["flag: {type: Bool, default: \(text)}"]))
            #expect(rules(findings) == ["invalid-default"], "\(text): \(findings)")
        }
    }

    @Test func typeReferencesFromQuotedAndYAMLNativeForms() throws {
        let result = lint(["a.domain.yaml": domain(fields: [
            "a: [String]",
            "b: [String: Int]",
            "c: \"[String: Int]\"",
            "d: \"[[String: Int]]?\"",
            "e: [[String]]",
            "f: [[String: Int]]",
            "g: Int?",
            "h: \"[String?]\"",
        ])])
        #expect(result.findings.isEmpty, "\(result.findings)")
        let fields = try #require(result.files.first?.domain.entities.first?.events.first?.current.fields)
        #expect(fields.map(\.type.description) == ["[String]", "[String: Int]", "[String: Int]", "[[String: Int]]?", "[[String]]", "[[String: Int]]", "Int?", "[String?]"])
    }

    @Test func malformedTypesAreInvalidValues() {
        for type in ["\"[String\"", "\"[Int: String]\"", "\"Array<String>\"", "\"String??\"", "\"\"", "\"[String] x\""] {
            let findings = lint(domain(fields: ["a: \(type)"]))
            #expect(rules(findings) == ["invalid-value"], "\(type): \(findings)")
        }
    }

    @Test func findingsPointAtTheOffendingNode() {
        let findings = lint(domain(fields: ["total: Mony"], extra: "types:\n  Money:\n    fields: {amount: Decimal}"))
        #expect(findings.count == 1)
        #expect(findings.first?.rule == "unknown-type")
        #expect(findings.first?.line == 11)
        #expect(findings.first?.column == 18)
        #expect(findings.first?.message.contains("did you mean 'Money'?") == true)
    }

    @Test func allFindingsOfAllFilesInOnePass() {
        let result = lint([
            "b.domain.yaml": domain(event: "OrderPlaced", fields: ["a: Strin", "b: Intt"]).replacingOccurrences(of: "Shop", with: "Billing"),
            "a.domain.yaml": "domain: shop\nentities: {}\n",
        ])
        #expect(result.findings.map { "\($0.path):\($0.line):\($0.rule)" } == [
            "a.domain.yaml:1:invalid-name",
            "a.domain.yaml:2:missing-key",
            "b.domain.yaml:9:unknown-type",
            "b.domain.yaml:10:unknown-type",
        ])
    }

    @Test func namesAndIDsAreUniqueAcrossFiles() {
        let first = domain(event: "OrderPlaced")
        let second = """
            domain: Billing
            entities:
              Invoice:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """
        let findings = lint(["a.domain.yaml": first, "b.domain.yaml": second]).findings
        #expect(Set(rules(findings)) == ["duplicate-name", "duplicate-event-id"])
        #expect(findings.allSatisfy { $0.path == "b.domain.yaml" })
    }

    @Test func aTypeDeclaredInOneFileIsUsableInAnother() {
        let types = "domain: Common\ntypes:\n  Money:\n    fields: {amount: Decimal}\nentities:\n  Ledger:\n    events:\n      LedgerOpened:\n        id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\n"
        let findings = lint(["common.domain.yaml": types, "shop.domain.yaml": domain(fields: ["total: Money"])]).findings
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func swiftKeywordsAreFieldNames() {
        let findings = lint(domain(fields: ["default: String", "class: Int", "protocol: Bool", "self: String", "Type: String"]))
        #expect(rules(findings) == ["field-name-case"])
    }

    @Test func aDomainAndAnEntityMayShareAName() {
        let findings = lint(domain().replacingOccurrences(of: "domain: Shop", with: "domain: Order"))
        #expect(findings.isEmpty)
    }

    @Test func eventsWithoutFieldsAndNullValues() {
        let findings = lint("domain: Shop\nentities:\n  Order:\n    events:\n      OrderPlaced:\n        id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f\n        fields:\n        description:\n")
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func missingKeysAreReportedWhereTheyBelong() {
        #expect(lint("description: x\n").map { "\($0.line):\($0.column):\($0.rule)" } == ["1:1:missing-key", "1:1:missing-key"])
        #expect(lint("domain: Shop\nentities:\n  Order:\n    key: UUID\n").map { "\($0.line):\($0.rule)" } == ["3:missing-key"])
        #expect(lint(domain(fields: ["a: {description: x}"])).map { "\($0.line):\($0.rule)" } == ["9:missing-key"])
    }

    @Test func generationsAndHistory() throws {
        let text = """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    generation: 3
                    fields:
                      amount: {type: Decimal, renamedFrom: total}
                    history:
                      2:
                        fields:
                          total: {type: Double, renamedFrom: sum}
                      1:
                        fields:
                          sum: Double
            """
        let result = lint(["a.domain.yaml": text])
        #expect(result.findings.isEmpty, "\(result.findings)")
        let event = try #require(result.files.first?.domain.entities.first?.events.first)
        #expect(event.generations.map(\.number) == [1, 2, 3])
        #expect(event.current.fields.first?.renamedFrom == "total")
    }

    @Test func renamesMustNameAFieldOfThePreviousGeneration() {
        let text = """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    generation: 2
                    fields:
                      amount: {type: Decimal, renamedFrom: totl}
                    history:
                      1:
                        fields:
                          total: Double
            """
        let findings = lint(text)
        #expect(findings.map { "\($0.line):\($0.rule)" } == ["9:invalid-value"])
        #expect(findings.first?.message.contains("did you mean 'total'?") == true)
    }

    @Test func badGenerationNumbers() {
        for value in ["0", "-1", "two", "1.5", "[1]", "99999999999999999999"] {
            let findings = lint(domain().replacingOccurrences(of: "        id:", with: "        generation: \(value)\n        id:"))
            #expect(rules(findings) == ["invalid-value"], "\(value): \(findings)")
        }
    }

    @Test func eventIDs() {
        #expect(lint(domain().replacingOccurrences(of: "0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f", with: "{0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f}")).map(\.rule) == ["invalid-event-id"])
        #expect(lint(domain().replacingOccurrences(of: "0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f", with: "0d5c3f1e2b4a4c6d8e9f1a2b3c4d5e6f")).map(\.rule) == ["invalid-event-id"])
        #expect(lint(domain().replacingOccurrences(of: "0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f", with: "[a]")).map(\.rule) == ["invalid-event-id"])
        #expect(lint(domain().replacingOccurrences(of: "0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f", with: "'0D5C3F1E-2B4A-4C6D-8E9F-1A2B3C4D5E6F'")).isEmpty)
    }

    @Test func defaultsOfEveryKind() {
        let ok = [
            "a: {type: Int8, default: -128}", "b: {type: UInt8, default: 255}", "c: {type: Double, default: 1.5e3}",
            "d: {type: Decimal, default: 19.99}", "e: {type: Date, default: 2024-05-01T12:00:00Z}",
            "f: {type: UUID, default: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f}", "g: {type: URL, default: \"https://example.com/a\"}",
            "h: {type: Data, default: aGVsbG8=}", "i: {type: \"[String: Int]\", default: {a: 1}}", "j: {type: \"[Int]\", default: [1, 2]}",
            "k: {type: Int?, default: ~}", "l: {type: String?, default: \"null\"}", "m: {type: Float, default: 3}",
        ]
        let okFindings = lint(domain(fields: ok))
        #expect(okFindings.isEmpty, "\(okFindings)")
        let bad = [
            "a: {type: Int8, default: -129}", "b: {type: UInt8, default: -1}", "c: {type: Double, default: .inf}",
            "d: {type: Decimal, default: abc}", "e: {type: Date, default: yesterday}", "f: {type: UUID, default: nope}",
            "g: {type: URL, default: \"not a url\"}", "h: {type: Data, default: \"!!\"}", "i: {type: \"[Int]\", default: [a]}",
            "j: {type: Int, default: ~}", "k: {type: String, default: [a]}", "l: {type: Int, default: 1_000}",
        ]
        let badFindings = lint(domain(fields: bad))
        #expect(badFindings.map(\.line) == Array(9..<(9 + bad.count)), "\(badFindings)")
        #expect(Set(rules(badFindings)) == ["invalid-default"])
    }

    @Test func aStructCannotContainItself() {
        let text = domain(extra: "types:\n  A:\n    fields: {b: B?}\n  B:\n    fields: {a: A, list: \"[B]\"}")
        let findings = lint(text)
        #expect(rules(findings) == ["invalid-value"])
        #expect(findings.first?.message.contains("A → B → A") == true)
    }

    @Test func reservedAndGeneratedNames() {
        #expect(rules(lint(domain(event: "OrderAggregate"))).contains("reserved-name"))
        #expect(rules(lint(domain().replacingOccurrences(of: "domain: Shop", with: "domain: Foundation"))) == ["reserved-name"])
        #expect(rules(lint(domain(extra: "types:\n  ShopRegistry:\n    cases: [a]"))) == ["reserved-name"])
        #expect(lint(domain(extra: "types:\n  Task:\n    cases: [a]\n  Result:\n    cases: [b]")).isEmpty)
        #expect(rules(lint(domain(extra: "types:\n  Generation2:\n    cases: [a]\n  HandWrittenUpcasts:\n    cases: [b]"))) == ["reserved-name", "reserved-name"])
        #expect(lint(domain(extra: "types:\n  GenerationGap:\n    cases: [a]")).isEmpty)
    }

    @Test func unknownKeysSuggestTheClosest() {
        let findings = lint(domain().replacingOccurrences(of: "        id:", with: "        generaton: 2\n        id:"))
        #expect(rules(findings) == ["unknown-key"])
        #expect(findings.first?.message.hasSuffix("did you mean 'generation'?") == true)
    }

    @Test func aFieldListInsteadOfAMapping() {
        let findings = lint("domain: Shop\nentities:\n  Order:\n    events:\n      OrderPlaced:\n        id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f\n        fields: [a, b]\n")
        #expect(findings.map { "\($0.line):\($0.column):\($0.rule)" } == ["7:17:invalid-value"])
    }

    @Test func findingsAreSortedByPathLineColumnRule() {
        let findings = lint([
            "z.domain.yaml": "domain: z\nentities: {}\n",
            "a.domain.yaml": "domain: a\nentities: {}\n",
        ]).findings
        #expect(findings == findings.sorted())
        #expect(findings.first?.path == "a.domain.yaml")
    }

    @Test func messagesUseTheRightArticle() {
        let messages = lint("domain: D\nentities:\n  [x]:\n    events: {}\n  E:\n    events:\n      [y]: {}\n").map(\.message)
        #expect(messages.contains { $0.hasPrefix("an entity name must be a single value") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("an event name must be a single value") }, "\(messages)")
        #expect(!messages.contains { $0.contains("a entity") || $0.contains("a event") })
    }

    /// A swapped pair of letters is one slip: `UUDI` and `Fromat` get "did you mean" (issue 26).
    @Test func typeTyposWithSwappedLettersGetASuggestion() {
        let findings = lint("""
            domain: Lending
            types:
              Format:
                cases: [paper, ebook]
            entities:
              Loan:
                events:
                  BookBorrowed:
                    id: 5b3f1c2e-8a7d-4e4b-9d1a-2f6c7e8b9a11
                    fields:
                      book: UUDI
                      format: Fromat
                      title: Strnig
            """)
        let messages = findings.filter { $0.rule == Rule.unknownType.id }.map(\.message)
        #expect(messages.count == 3)
        for expected in ["did you mean 'UUID'?", "did you mean 'Format'?", "did you mean 'String'?"] {
            #expect(messages.contains { $0.contains(expected) }, "\(messages)")
        }
    }

    /// libyaml's messages for a misindented line get a hint about indentation (issue 26).
    @Test func aMisindentedLineGetsAHintAboutIndentation() {
        let outdented = "domain: Lending\nentities:\n  Loan:\n    events:\n      BookBorrowed:\n        id: 5b3f1c2e-8a7d-4e4b-9d1a-2f6c7e8b9a11\n       fields:\n          book: String\n"
        let indented = "domain: Lending\nentities:\n  Loan:\n    events:\n      BookBorrowed:\n        id: 5b3f1c2e-8a7d-4e4b-9d1a-2f6c7e8b9a11\n        fields:\n        book: String\n          title: String\n"
        for (text, line) in [(outdented, 7), (indented, 9)] {
            let finding = lint(text).first { $0.rule == Rule.yamlSyntax.id }
            #expect(finding?.message.contains("check the indentation of line \(line)") == true, "\(finding?.message ?? "no finding")")
        }
    }
}
