import CYAML
import Foundation

/// A problem the reader found in a YAML text. The schema layer turns these into findings.
public struct YAMLProblem: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// libyaml could not scan or parse the text, or the text breaks a bound of the reader.
        case syntax
        /// A mapping holds the same key twice.
        case duplicateKey
    }

    public var kind: Kind
    public var mark: Mark
    public var message: String

    public init(kind: Kind, mark: Mark, message: String) {
        self.kind = kind
        self.mark = mark
        self.message = message
    }
}

/// What reading a YAML text gives: the document's root (nil for an empty text or when the
/// text could not be read) and every problem found on the way.
public struct Document: Sendable {
    public var root: Node?
    public var problems: [YAMLProblem]
}

/// Reads YAML text with libyaml into a tree of `Node`s.
///
/// libyaml's event parser is not recursive, and neither is this reader: nodes are built on an
/// explicit stack, nesting is bounded, and aliases are bounded by the number of nodes they
/// expand to, so no input can overflow the stack or expand exponentially.
public struct Reader: Sendable {
    /// The deepest nesting of sequences and mappings accepted.
    public var maximumDepth: Int
    /// How many nodes all aliases of a document may expand to, together.
    public var maximumAliasExpansion: Int

    public init(maximumDepth: Int = 128, maximumAliasExpansion: Int = 100_000) {
        self.maximumDepth = maximumDepth
        self.maximumAliasExpansion = maximumAliasExpansion
    }

    public func read(_ text: String) -> Document {
        var bytes = Array(text.utf8)
        return read(bytes: &bytes)
    }

    public func read(bytes: inout [UInt8]) -> Document {
        var builder = TreeBuilder(maximumDepth: maximumDepth, maximumAliasExpansion: maximumAliasExpansion)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return Document(root: nil, problems: [YAMLProblem(kind: .syntax, mark: Mark(line: 1, column: 1), message: "the YAML parser could not start")])
        }
        defer { yaml_parser_delete(&parser) }

        // libyaml reads the bytes in place: the buffer pointer is the C boundary, and it stays
        // valid while the parser runs, inside this closure.
        let failed = bytes.withUnsafeBufferPointer { buffer -> Bool in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            while true {
                guard let parsed = ParsedEvent.next(from: &parser) else { return true }
                if !builder.consume(parsed) || parsed.kind == .streamEnd { return false }
            }
        }
        if failed { builder.problems.append(Self.parserProblem(parser, source: bytes)) }
        return Document(root: builder.root, problems: builder.problems)
    }

    private static func parserProblem(_ parser: yaml_parser_t, source: [UInt8]) -> YAMLProblem {
        let problem = parser.problem.map { String(cString: $0) } ?? "the text is not valid YAML"
        var mark = Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            let contextLine = Int(parser.context_mark.line) + 1
            message += " (\(context) at line \(contextLine))"
            // At the end of the text (an unclosed bracket or quote) the place where the unclosed
            // construct began says more than the last line does.
            let atEnd = Int(parser.problem_mark.index) >= source.count
            if atEnd || (parser.problem_mark.line == 0 && parser.problem_mark.column == 0 && parser.problem_mark.index == 0) {
                mark = Mark(line: contextLine, column: Int(parser.context_mark.column) + 1)
            }
        }
        let offset = Int(parser.problem_mark.index)
        message += hint(at: offset, line: mark.line, in: source)
        return YAMLProblem(kind: .syntax, mark: mark, message: message)
    }

    /// A sentence that helps with the commonest mistakes, from the text around the problem.
    private static func hint(at offset: Int, line: Int, in source: [UInt8]) -> String {
        if offset >= 0, offset < source.count, source[offset] == UInt8(ascii: "\t") {
            return "; YAML does not allow tabs for indentation, indent with spaces"
        }
        // The text of the problem's line and the one before: an unquoted optional collection
        // (`tags: [String]?`) fails on the `?` or on the next line.
        let lines = linesAround(line: line, in: source)
        for text in lines {
            let trimmed = text.trimmingTrailingSpaces()
            if let colon = trimmed.firstIndex(of: ":") {
                let value = trimmed[trimmed.index(after: colon)...].drop { $0 == " " }
                if (value.hasPrefix("[") || value.hasPrefix("{")) && (value.hasSuffix("]?") || value.hasSuffix("}?")) {
                    return "; an optional collection type must be quoted, as in \"\(value)\""
                }
            }
        }
        return ""
    }

    private static func linesAround(line: Int, in source: [UInt8]) -> [String] {
        var result: [String] = []
        var current = 1
        var start = 0
        var index = 0
        while index <= source.count {
            if index == source.count || source[index] == UInt8(ascii: "\n") {
                if current == line - 1 || current == line {
                    result.append(String(decoding: source[start..<index], as: UTF8.self))
                }
                if current >= line { break }
                current += 1
                start = index + 1
            }
            index += 1
        }
        return result
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> Substring {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\r" || last == "\t" { s = s.dropLast() }
        return s
    }
}

/// Builds nodes from parser events on an explicit stack.
private struct TreeBuilder {
    struct Frame {
        var isMapping: Bool
        var mark: Mark
        var tag: String?
        var anchor: String?
        var items: [Node] = []
        /// Nodes in this collection's subtree, counting what aliases expand to.
        var weight = 1
    }

    let maximumDepth: Int
    let maximumAliasExpansion: Int
    var stack: [Frame] = []
    var anchors: [String: (node: Node, weight: Int)] = [:]
    var aliasExpansion = 0
    var root: Node?
    var documents = 0
    var problems: [YAMLProblem] = []

    init(maximumDepth: Int, maximumAliasExpansion: Int) {
        self.maximumDepth = maximumDepth
        self.maximumAliasExpansion = maximumAliasExpansion
    }

    /// Takes one event; false stops the reading.
    mutating func consume(_ event: ParsedEvent) -> Bool {
        let mark = event.mark
        switch event.kind {
        case .documentStart:
            documents += 1
            if documents > 1 {
                problems.append(YAMLProblem(kind: .syntax, mark: mark, message: "a domain file holds one YAML document; a second one starts here"))
                return false
            }
            anchors = [:]
        case .scalar:
            let node = Node(.scalar(Scalar(event.text, style: event.style)), mark: mark, tag: event.tag)
            if let anchor = event.anchor { anchors[anchor] = (node, 1) }
            add(node, weight: 1)
        case .alias:
            let name = event.text
            guard let target = anchors[name] else {
                problems.append(YAMLProblem(kind: .syntax, mark: mark, message: "the alias '*\(name)' names no anchor defined before it (an alias cannot refer to a node that contains it)"))
                return false
            }
            aliasExpansion += target.weight
            if aliasExpansion > maximumAliasExpansion {
                problems.append(YAMLProblem(kind: .syntax, mark: mark, message: "aliases in this document expand to more than \(maximumAliasExpansion) nodes; use fewer or smaller aliases"))
                return false
            }
            add(target.node, weight: target.weight)
        case .sequenceStart, .mappingStart:
            if stack.count >= maximumDepth {
                problems.append(YAMLProblem(kind: .syntax, mark: mark, message: "the document nests deeper than \(maximumDepth) levels"))
                return false
            }
            stack.append(Frame(isMapping: event.kind == .mappingStart, mark: mark, tag: event.tag, anchor: event.anchor))
        case .sequenceEnd, .mappingEnd:
            guard let frame = stack.popLast() else { return false }
            let node: Node
            if frame.isMapping {
                node = Node(.mapping(pairs(from: frame.items)), mark: frame.mark, tag: frame.tag)
            } else {
                node = Node(.sequence(frame.items), mark: frame.mark, tag: frame.tag)
            }
            if let anchor = frame.anchor { anchors[anchor] = (node, frame.weight) }
            add(node, weight: frame.weight)
        default:
            break
        }
        return true
    }

    private mutating func add(_ node: Node, weight: Int) {
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].items.append(node)
            stack[stack.count - 1].weight += weight
        }
    }

    /// Pairs up a mapping's keys and values, reports duplicate keys (keeping the first), and
    /// applies merge keys (`<<: *base`): merged pairs stand where the `<<` key stands, and keys
    /// written in the mapping itself win over merged ones.
    private mutating func pairs(from items: [Node]) -> [Pair] {
        var result: [Pair] = []
        result.reserveCapacity(items.count / 2)
        // Small mappings (almost all of them) find duplicates by a linear scan; larger ones use
        // a dictionary, so that a mapping of many keys stays linear.
        var seen: [String: Mark] = [:]
        let useDictionary = items.count > 32
        var hasMerge = false
        var index = 0
        while index + 1 < items.count {
            let pair = Pair(key: items[index], value: items[index + 1])
            index += 2
            guard let key = pair.key.scalar else {
                result.append(pair)
                continue
            }
            if key.style == .plain, key.text == "<<" {
                hasMerge = true
                result.append(pair)
                continue
            }
            let first: Mark?
            if useDictionary {
                first = seen[key.text]
            } else {
                first = result.first { $0.key.scalar?.text == key.text && !($0.key.scalar?.style == .plain && key.text == "<<") }?.key.mark
            }
            if let first {
                problems.append(YAMLProblem(kind: .duplicateKey, mark: pair.key.mark, message: "duplicate key '\(key.text)'; the first one is at line \(first.line)"))
                continue
            }
            if useDictionary { seen[key.text] = pair.key.mark }
            result.append(pair)
        }
        guard hasMerge else { return result }

        if !useDictionary {
            for pair in result {
                if let key = pair.key.scalar, !(key.style == .plain && key.text == "<<") { seen[key.text] = pair.key.mark }
            }
        }
        var merged: [Pair] = []
        for pair in result {
            guard let key = pair.key.scalar, key.style == .plain, key.text == "<<" else {
                merged.append(pair)
                continue
            }
            let sources: [Node]
            switch pair.value.content {
            case .mapping: sources = [pair.value]
            case .sequence(let nodes): sources = nodes
            case .scalar:
                problems.append(YAMLProblem(kind: .syntax, mark: pair.value.mark, message: "a merge key '<<' takes a mapping or a list of mappings"))
                continue
            }
            for source in sources {
                guard let sourcePairs = source.mapping else {
                    problems.append(YAMLProblem(kind: .syntax, mark: source.mark, message: "a merge key '<<' takes a mapping or a list of mappings"))
                    continue
                }
                for sourcePair in sourcePairs {
                    guard let text = sourcePair.keyText, seen[text] == nil else { continue }
                    seen[text] = sourcePair.key.mark
                    merged.append(sourcePair)
                }
            }
        }
        return merged
    }
}

/// One libyaml event with its text copied out, so that it outlives libyaml's buffers.
struct ParsedEvent {
    enum Kind: Sendable {
        case documentStart, scalar, alias, sequenceStart, mappingStart, sequenceEnd, mappingEnd, streamEnd, other
    }

    var kind: Kind
    var mark: Mark
    /// A scalar's value, or the anchor an alias names.
    var text = ""
    var style = ScalarStyle.plain
    var tag: String?
    var anchor: String?

    /// The parser's next event, or nil when it fails (its error says why).
    static func next(from parser: inout yaml_parser_t) -> ParsedEvent? {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
        defer { yaml_event_delete(&event) }
        return ParsedEvent(event)
    }

    init(_ event: yaml_event_t) {
        mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            kind = .documentStart
        case YAML_SCALAR_EVENT:
            kind = .scalar
            let data = event.data.scalar
            text = Self.string(data.value, length: Int(data.length))
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            tag = data.tag.map { Self.string($0) }
            anchor = data.anchor.map { Self.string($0) }
        case YAML_ALIAS_EVENT:
            kind = .alias
            text = Self.string(event.data.alias.anchor)
        case YAML_SEQUENCE_START_EVENT:
            kind = .sequenceStart
            tag = event.data.sequence_start.tag.map { Self.string($0) }
            anchor = event.data.sequence_start.anchor.map { Self.string($0) }
        case YAML_MAPPING_START_EVENT:
            kind = .mappingStart
            tag = event.data.mapping_start.tag.map { Self.string($0) }
            anchor = event.data.mapping_start.anchor.map { Self.string($0) }
        case YAML_SEQUENCE_END_EVENT:
            kind = .sequenceEnd
        case YAML_MAPPING_END_EVENT:
            kind = .mappingEnd
        case YAML_STREAM_END_EVENT:
            kind = .streamEnd
        default:
            kind = .other
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String {
        guard let pointer else { return "" }
        var count = length ?? 0
        if length == nil {
            while pointer[count] != 0 { count += 1 }
        }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }
}
