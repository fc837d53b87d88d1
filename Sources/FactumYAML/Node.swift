/// A position in a YAML text: 1-based line and column, as editors and compilers print them.
public struct Mark: Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Mark, b: Mark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// How a scalar was written. The schema, not YAML 1.1, decides what a scalar means; the style
/// matters only where the schema says so (a plain `null` is "no value", a quoted one is text).
public enum ScalarStyle: Hashable, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded

    public var isPlain: Bool { self == .plain }
}

/// One node of a YAML document, with the position where it starts.
///
/// Scalars keep their exact text; mappings keep their pairs in written order. A node reached
/// through an alias is a copy of the anchored node and keeps the anchored node's marks.
public struct Node: Sendable {
    public enum Content: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    public var content: Content
    public var mark: Mark
    /// The explicit tag, if one was written (`!!str`), as libyaml resolved it.
    public var tag: String?

    public init(_ content: Content, mark: Mark, tag: String? = nil) {
        self.content = content
        self.mark = mark
        self.tag = tag
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// What kind of node this is, in words for messages.
    public var kindDescription: String {
        switch content {
        case .scalar: return "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

/// The text of a scalar and the style it was written in.
public struct Scalar: Hashable, Sendable {
    public var text: String
    public var style: ScalarStyle

    public init(_ text: String, style: ScalarStyle = .plain) {
        self.text = text
        self.style = style
    }

    /// A plain `~`, `null`, `Null`, `NULL` or an empty plain scalar: YAML's "no value".
    public var isNull: Bool {
        guard style == .plain else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }
}

/// One key-value pair of a mapping. Keys are nodes so that a finding can point at them.
public struct Pair: Sendable {
    public var key: Node
    public var value: Node

    public init(key: Node, value: Node) {
        self.key = key
        self.value = value
    }

    /// The key's text when the key is a scalar.
    public var keyText: String? { key.scalar?.text }
}
