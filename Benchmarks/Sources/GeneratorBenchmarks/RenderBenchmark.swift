import FactumCodegen
import FactumSchema
import Foundation
import Mustache

/// What swift-mustache spends on one tag of each kind the templates use, against the same
/// section holding plain text, in this build's configuration; then what rendering one event of
/// the synthetic domain costs, in tags of the commonest kind. Together they give the floor under
/// the generator's time that no change to Factum's own code can lower.
enum RenderBenchmark {
    /// An element of the rendered list, answering lookups as Factum's views do.
    struct Item: MustacheParent {
        var name = "amount"
        var flag = true
        var lines = ["/// A doc line."]

        func child(named key: String) -> Any? {
            switch key {
            case "name": return name
            case "flag": return flag
            case "lines": return lines
            default: return nil
            }
        }
    }

    struct Root: MustacheParent {
        var items: [Item]
        var access = "public "

        func child(named key: String) -> Any? {
            switch key {
            case "items": return items
            case "access": return access
            default: return nil
            }
        }
    }

    static let kinds: [(String, String)] = [
        ("`{{name}}`, a value of the innermost view", "{{name}} "),
        ("`{{access}}`, a value one view out", "{{access}} "),
        ("`{{#flag}}…{{/flag}}`, a flag", "{{#flag}}x{{/flag}}"),
        ("`{{#missing}}…{{/missing}}`, absent in every view", "{{#missing}}x{{/missing}}"),
        ("`{{#lines}}{{.}}{{/lines}}`, a one-line list (two tags)", "{{#lines}}{{.}}{{/lines}}"),
        ("`{{^last()}}…{{/last()}}`, a position in a list", "{{^last()}},{{/last()}}"),
    ]

    static func run(configuration: String) throws {
        let count = 2_000
        let perItem = 20
        let root = Root(items: Array(repeating: Item(), count: count))
        func best(_ template: MustacheTemplate) -> Double {
            measure(runs: 5) { _ = template.render(root) } / 1_000
        }
        let pragma = "{{% CONTENT_TYPE: TEXT }}"
        let text = try MustacheTemplate(string: pragma + "{{#items}}" + String(repeating: "abc ", count: perItem) + "{{/items}}")
        let baseline = best(text)
        print("Rendering with swift-mustache (\(configuration) build): \(count) list elements of \(perItem) tags each, median of 5 runs")
        print("")
        print("| tag | µs per tag | ÷ plain text (baseline) |")
        print("| --- | ---: | ---: |")
        let textPerTag = baseline / Double(count * perItem) * 1e6
        print(String(format: "| plain text of the same length (baseline) | %.2f | 1.00× |", textPerTag))
        let costs = try kinds.map { label, tag in
            let template = try MustacheTemplate(string: pragma + "{{#items}}" + String(repeating: tag, count: perItem) + "{{/items}}")
            let perTag = best(template) / Double(count * perItem) * 1e6
            print(String(format: "| %@ | %.2f | %.1f× |", label as NSString, perTag, perTag / textPerTag))
            return perTag
        }
        let valueTag = costs[0]

        // The generator on the synthetic domain, its model already linted: views and rendering.
        let events = 1_000
        let source = SourceFile(path: "Synthetic.domain.yaml", bytes: Array(syntheticDomain(events: events).utf8))
        let files = Linter.lint([source]).files
        let generator = Generator()
        let seconds = measure(runs: 5) { _ = try? generator.generate(files) } / 1_000
        let perEvent = seconds / Double(events) * 1e6
        print("")
        print(String(format: "Generating %d events of six fields from the linted model: %.0f µs per event, as much as %.0f tags of the first kind.", events, perEvent, perEvent / valueTag))
        print(String(format: "At that rate 200 events take %.0f ms and 5,000 take %.2f s before loading, linting and writing.", perEvent * 200 / 1_000, perEvent * 5_000 / 1e6))
    }
}
