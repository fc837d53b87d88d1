@testable import FactumSchema
import Foundation
import Testing
@testable import FactumCodegen

/// Large domains are generated on every core; these check that the result is byte for byte
/// what one core writes, including the cases where a piece cannot be made alone.
@Suite("Parallel generation")
struct ParallelGenerationTests {
    /// A domain of `events` events in entities of 50, with descriptions of one and several
    /// lines, defaults, optionals, keywords as field names and an evolved event per entity.
    static func largeDomain(events: Int) -> String {
        var text = """
            domain: Large
            types:
              Level:
                cases: [low, high]
            entities:

            """
        for entity in 0..<(events / 50) {
            text += "  Part\(entity):\n    key: \(["String", "UUID", "Int"][entity % 3])\n    events:\n"
            for index in 0..<50 {
                let number = entity * 50 + index
                let id = String(format: "%08x-1111-4000-8000-%012x", number, number)
                text += "      Piece\(number)Moved:\n        id: \(id)\n"
                if number % 3 == 0 { text += "        description: |\n          Line one of \(number).\n\n          Line three.\n" }
                if number % 5 == 0 { text += "        visibility: public\n" }
                if index == 0 {
                    text += "        generation: 2\n        history:\n          1:\n            fields:\n              at: Int\n"
                }
                text += "        fields:\n          at: Int\n"
                if number % 2 == 0 { text += "          level: {type: Level, default: high}\n" }
                if number % 4 == 0 { text += "          default: String?\n          tags: \"[String]\"\n" }
            }
        }
        return text
    }

    @Test func aLargeDomainIsWrittenAsOnOneCore() throws {
        let result = Linter.lint([SourceFile(path: "Large.domain.yaml", text: Self.largeDomain(events: 1_200))])
        #expect(!result.hasErrors, "\(result.findings.prefix(3))")
        let generated = try Generator(access: .public).generate(result.files)

        let builder = ViewModelBuilder(access: .public, declared: Validator.declaredTypes(result.files), eventEntities: Dictionary(uniqueKeysWithValues: result.files[0].domain.entities.flatMap { entity in entity.events.map { ($0.name, entity.name) } }))
        let view = builder.file(result.files[0], relativePath: "Large.domain.yaml")
        var renderer = try TemplateRenderer(sources: BuiltinTemplates.sources)
        renderer.parallel = false
        let rendered = try #require(renderer.renderBytes(view, template: "Domain.swift"))
        #expect(SwiftFormatting.cuts(in: rendered, pieces: 2).count == 1, "the text is large enough to be cut")
        let oneCore = SwiftFormatting.tidy(rendered, pieces: 1)
        #expect(generated.first?.contents == oneCore)
        #expect(SwiftFormatting.tidy(rendered, pieces: 7) == oneCore)
    }

    @Test func aChunkThatStartsMidLineIsRenderedInSequence() throws {
        struct Item: TemplateObject {
            var name: String
            func value(for key: String) -> TemplateValue? { key == "name" ? .text(name) : nil }
        }
        struct Root: TemplateObject {
            var items: [Item]
            func value(for key: String) -> TemplateValue? { key == "items" ? .list(items) : nil }
        }
        // An item without a newline: the next item's partial starts mid-line and is not indented.
        let sources = [
            "Main": "{{% CONTENT_TYPE: TEXT }}\n{{#items}}\n  {{> Item}}\n{{/items}}\nend\n",
            "Item": "{{% CONTENT_TYPE: TEXT }}\n{{name}}{{#name}},{{/name}}",
        ]
        let root = Root(items: (0..<(4 * TemplateRenderer.itemsPerChunk)).map { Item(name: "i\($0)") })
        let parallel = try TemplateRenderer(sources: sources)
        var sequential = parallel
        sequential.parallel = false
        let expected = try #require(sequential.render(root, template: "Main"))
        #expect(expected.hasPrefix("  i0,i1,i2,"))
        #expect(parallel.render(root, template: "Main") == expected)
    }

    @Test func entitiesLoadedInParallelReportEveryFindingInPlace() {
        var text = "domain: Many\nentities:\n"
        for entity in 0..<40 {
            text += "  E\(entity):\n    events:\n      Thing\(entity)Happened:\n        id: not-a-uuid\n"
        }
        let findings = Linter.lint([SourceFile(path: "Many.domain.yaml", text: text)]).findings.filter { $0.rule == Rule.invalidEventID.id }
        #expect(findings.map(\.line) == (0..<40).map { 6 + $0 * 4 })
    }

    @Test func parallelMapKeepsTheOrder() {
        let numbers = Array(0..<10_000)
        #expect(numbers.parallelMap(minimumChunk: 16) { $0 * 3 } == numbers.map { $0 * 3 })
    }
}
