import FactumSchema
import Foundation

/// A value the templates can read: text, a list, or an object with named values.
enum TemplateValue: Sendable {
    case text(String)
    case list(any TemplateList)
    case object(any TemplateObject)
}

/// A view the templates read by key. Returning nil means "not here": the lookup goes on in the
/// enclosing context, as mustache specifies.
protocol TemplateObject: TemplateItem {
    func value(for key: String) -> TemplateValue?
}

/// What a list holds: text or objects.
protocol TemplateItem: Sendable {
    var templateValue: TemplateValue { get }
}

/// A list read item by item, so that looking a list up copies nothing.
protocol TemplateList: Sendable {
    var count: Int { get }
    func item(at index: Int) -> TemplateValue
}

extension TemplateObject {
    var templateValue: TemplateValue { .object(self) }
}

extension String: TemplateItem {
    var templateValue: TemplateValue { .text(self) }
}

extension TemplateValue: TemplateItem {
    var templateValue: TemplateValue { self }
}

extension Array: TemplateList where Element: TemplateItem {
    func item(at index: Int) -> TemplateValue { self[index].templateValue }
}

/// A renderer for the part of mustache that Factum's templates use — variables, sections,
/// inverted sections, partials, comments and the `CONTENT_TYPE` pragma, with the standalone-line
/// rules of the mustache specification — working on typed views instead of reflection.
/// swift-mustache renders any template that uses more (delimiter changes, inheritance, lambdas).
/// It writes UTF-8 bytes: appending to a byte array costs a copy, appending to a `String` costs
/// several times that.
struct TemplateRenderer {
    indirect enum Node {
        case text([UInt8])
        case variable(String)
        case section(String, inverted: Bool, [Node])
        case partial(String, indent: [UInt8])
    }

    /// Why a template is outside the subset.
    struct Unsupported: Error {}

    let templates: [String: [Node]]
    /// Whether long lists may render on several cores (tests compare with one core).
    var parallel = true

    private init(templates: [String: [Node]]) {
        self.templates = templates
    }

    init(sources: [String: String]) throws {
        var parsed: [String: [Node]] = [:]
        for (name, source) in sources {
            // Without this pragma mustache escapes variables for HTML: swift-mustache's job.
            guard source.hasPrefix("{{% CONTENT_TYPE: TEXT }}") else { throw Unsupported() }
            parsed[name] = try Self.parse(source)
        }
        templates = parsed
    }

    func render(_ object: any TemplateObject, template name: String) -> String? {
        renderBytes(object, template: name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The rendered text as UTF-8; `capacity` is a guess at its size, to grow the buffer less.
    func renderBytes(_ object: any TemplateObject, template name: String, capacity: Int = 0) -> [UInt8]? {
        guard let nodes = templates[name] else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(capacity)
        var stack: [TemplateValue] = [.object(object)]
        render(nodes, stack: &stack, into: &output, indent: [], depth: 0)
        return output
    }

    private func render(_ nodes: [Node], stack: inout [TemplateValue], into output: inout [UInt8], indent: [UInt8], depth: Int) {
        guard depth < 64 else { return }
        for node in nodes {
            switch node {
            case .text(let text):
                if indent.isEmpty {
                    output.append(contentsOf: text)
                } else {
                    // A partial's indentation goes before each of its lines.
                    for byte in text {
                        if output.last == 10 || output.isEmpty { output.append(contentsOf: indent) }
                        output.append(byte)
                    }
                }
            case .variable(let name):
                if indent.isEmpty == false, output.last == 10 || output.isEmpty { output.append(contentsOf: indent) }
                if case .text(var text)? = lookup(name, in: stack) {
                    text.withUTF8 { output.append(contentsOf: $0) }
                }
            case .section(let name, let inverted, let children):
                let value = lookup(name, in: stack)
                let truthy: Bool
                switch value {
                case nil: truthy = false
                case .list(let items)?: truthy = items.count > 0
                default: truthy = true
                }
                if inverted {
                    if !truthy { render(children, stack: &stack, into: &output, indent: indent, depth: depth + 1) }
                    continue
                }
                guard truthy, let value else { continue }
                if case .list(let items) = value {
                    if parallel, indent.isEmpty, items.count >= 2 * Self.itemsPerChunk {
                        renderInParallel(items, children: children, stack: stack, into: &output, depth: depth)
                        continue
                    }
                    render(items, 0..<items.count, children: children, stack: &stack, into: &output, indent: indent, depth: depth)
                } else {
                    stack.append(value)
                    render(children, stack: &stack, into: &output, indent: indent, depth: depth + 1)
                    stack.removeLast()
                }
            case .partial(let name, let partialIndent):
                guard let nodes = templates[name] else { continue }
                render(nodes, stack: &stack, into: &output, indent: indent + partialIndent, depth: depth + 1)
            }
        }
    }

    private func render(_ items: any TemplateList, _ range: Range<Int>, children: [Node], stack: inout [TemplateValue], into output: inout [UInt8], indent: [UInt8], depth: Int) {
        for index in range {
            stack.append(items.item(at: index))
            render(children, stack: &stack, into: &output, indent: indent, depth: depth + 1)
            stack.removeLast()
        }
    }

    /// The fewest items worth a thread of their own.
    static let itemsPerChunk = 256

    /// A long list's items rendered in contiguous chunks on every core, then put together in
    /// order. An item's text depends on the output before it in one way only: a partial's
    /// indentation goes at the start of a line. So each chunk is rendered as if it began a line,
    /// and a chunk whose predecessor did not end one is rendered again in place: the result is
    /// byte for byte the sequential one.
    private func renderInParallel(_ items: any TemplateList, children: [Node], stack: [TemplateValue], into output: inout [UInt8], depth: Int) {
        let chunks = Swift.min(ProcessInfo.processInfo.activeProcessorCount, items.count / Self.itemsPerChunk)
        let size = (items.count + chunks - 1) / chunks
        let ranges = (0..<chunks).map { ($0 * size)..<Swift.min(items.count, ($0 + 1) * size) }
        guard chunks > 1 else {
            var stack = stack
            render(items, 0..<items.count, children: children, stack: &stack, into: &output, indent: [], depth: depth)
            return
        }
        let capacity = Swift.max(0, output.capacity - output.count) / chunks
        let parts = concurrentResults(chunks) { chunk in
            var part: [UInt8] = []
            part.reserveCapacity(capacity)
            var stack = stack
            // Its own copy of the templates: threads that share them would spend their time
            // passing the cache lines of the nodes' reference counts back and forth.
            let renderer = chunk == 0 ? self : TemplateRenderer(templates: templates.mapValues(Self.copy))
            renderer.render(items, ranges[chunk], children: Self.copy(children), stack: &stack, into: &part, indent: [], depth: depth)
            return part
        }
        for (chunk, part) in parts.enumerated() {
            if output.isEmpty || output.last == 10 {
                output.append(contentsOf: part)
            } else {
                var stack = stack
                render(items, ranges[chunk], children: children, stack: &stack, into: &output, indent: [], depth: depth)
            }
        }
    }

    /// Nodes that share no storage with `nodes`.
    private static func copy(_ nodes: [Node]) -> [Node] {
        nodes.map { node in
            switch node {
            case .text(let bytes): return .text(bytes.map { $0 })
            case .variable(let name): return .variable(String(decoding: Array(name.utf8), as: UTF8.self))
            case .section(let name, let inverted, let children):
                return .section(String(decoding: Array(name.utf8), as: UTF8.self), inverted: inverted, copy(children))
            case .partial(let name, let indent): return .partial(String(decoding: Array(name.utf8), as: UTF8.self), indent: indent.map { $0 })
            }
        }
    }

    private func lookup(_ name: String, in stack: [TemplateValue]) -> TemplateValue? {
        if name == "." { return stack.last }
        var index = stack.count - 1
        while index >= 0 {
            if case .object(let object) = stack[index], let found = object.value(for: name) { return found }
            index -= 1
        }
        return nil
    }

    // MARK: Parsing

    private enum Token {
        case text(String)
        case tag(kind: Character, name: String)
    }

    static func parse(_ source: String) throws -> [Node] {
        var tokens = try tokenize(source)
        applyStandaloneRules(&tokens)
        var index = 0
        let nodes = try build(tokens, &index, closing: nil)
        return nodes
    }

    private static func tokenize(_ source: String) throws -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { tokens.append(.text(String(rest[..<open.lowerBound]))) }
            var afterOpen = rest[open.upperBound...]
            var kind: Character = " "
            if let first = afterOpen.first, "#^/>!%&{=<$".contains(first) {
                kind = first
                afterOpen = afterOpen.dropFirst()
            }
            let closer = kind == "{" ? "}}}" : "}}"
            guard let close = afterOpen.range(of: closer) else { throw Unsupported() }
            let name = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if "=<$&".contains(kind) { throw Unsupported() }
            tokens.append(.tag(kind: kind == "{" ? "&" : kind, name: name))
            rest = afterOpen[close.upperBound...]
        }
        if !rest.isEmpty { tokens.append(.text(String(rest))) }
        return tokens
    }

    /// A line holding only white space and one section, partial, comment or pragma tag is
    /// removed whole; a standalone partial keeps the white space before it as its indentation.
    /// Decided on the original text first, then applied, as the specification reads.
    private static func applyStandaloneRules(_ tokens: inout [Token]) {
        var standalone: [(index: Int, before: Int, after: Int)] = []
        for index in tokens.indices {
            guard case .tag(let kind, _) = tokens[index], "#^/>!%".contains(kind) else { continue }
            var before = 0
            if index > 0 {
                guard case .text(let text) = tokens[index - 1] else { continue }
                let line: Substring
                if let newline = text.lastIndex(of: "\n") {
                    line = text[text.index(after: newline)...]
                } else {
                    guard index == 1 else { continue }  // another tag stands earlier on this line
                    line = Substring(text)
                }
                guard line.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
                before = line.count
            }
            var after = 0
            if index + 1 < tokens.count {
                guard case .text(let text) = tokens[index + 1] else { continue }
                let spaces = text.prefix { $0 == " " || $0 == "\t" || $0 == "\r" }
                let remainder = text.dropFirst(spaces.count)
                if remainder.first == "\n" {
                    after = spaces.count + 1
                } else if remainder.isEmpty && index + 2 == tokens.count {
                    after = spaces.count
                } else {
                    continue
                }
            }
            standalone.append((index, before, after))
        }
        for (index, before, after) in standalone {
            var indent = ""
            if before > 0, case .text(let text) = tokens[index - 1] {
                indent = String(text.suffix(before))
                tokens[index - 1] = .text(String(text.dropLast(before)))
            }
            if after > 0, case .text(let text) = tokens[index + 1] {
                tokens[index + 1] = .text(String(text.dropFirst(after)))
            }
            if case .tag(">", let name) = tokens[index] { tokens[index] = .tag(kind: ">", name: indent + "\u{0}" + name) }
        }
    }

    private static func build(_ tokens: [Token], _ index: inout Int, closing: String?) throws -> [Node] {
        var nodes: [Node] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token {
            case .text(let text):
                if !text.isEmpty { nodes.append(.text(Array(text.utf8))) }
            case .tag(let kind, let name):
                switch kind {
                case "!", "%":
                    continue
                case "#", "^":
                    let children = try build(tokens, &index, closing: name)
                    nodes.append(.section(name, inverted: kind == "^", children))
                case "/":
                    guard name == closing else { throw Unsupported() }
                    return nodes
                case ">":
                    let parts = name.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
                    if parts.count == 2 {
                        nodes.append(.partial(String(parts[1]), indent: Array(parts[0].utf8)))
                    } else {
                        nodes.append(.partial(name, indent: []))
                    }
                default:
                    nodes.append(.variable(name))
                }
            }
        }
        guard closing == nil else { throw Unsupported() }
        return nodes
    }
}
