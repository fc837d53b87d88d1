/// The regular expressions of `like_regex`, matched in time linear in the text: the pattern is
/// compiled to an automaton that is run over every position at once (no backtracking), so no
/// pattern, however pathological (`(a+)+b`), can make a read hang.
///
/// The syntax is the common core of PostgreSQL's and XQuery's: literals, `.`, `^`, `$`,
/// bracket classes with ranges and negation, `\d \w \s \D \W \S` and escaped characters,
/// groups `(…)` and `(?:…)`, `|`, and the quantifiers `* + ? {n} {n,} {n,m}` (also lazy, which
/// matches the same texts). Flags: `i` (case-insensitive), `s` (`.` matches a newline), `m`
/// (`^` and `$` match at line breaks), `x` (whitespace in the pattern is ignored), `q` (the
/// pattern is literal text). Back-references and lookaround are refused. A match may start
/// anywhere in the text.
struct LikeRegex: Sendable {
    /// Why a pattern cannot be used, with the offset (in characters) of the problem.
    struct SyntaxError: Error {
        var offset: Int
        var message: String
    }

    /// The most states a compiled pattern may have: `{n,m}` copies its operand.
    static let maximumStates = 20_000

    private enum Node {
        case character(Unicode.Scalar)
        case any
        case set(CharacterSet, negated: Bool)
        case lineStart, lineEnd
        case group([[Node]])                 // alternatives, each a sequence
        indirect case repeated(Node, min: Int, max: Int?)
    }

    private enum State {
        case match(@Sendable (Unicode.Scalar) -> Bool)
        case split(Int, Int)
        case jump(Int)
        case assertStart, assertEnd
        case accept
    }

    private struct CharacterSet: Sendable {
        var ranges: [ClosedRange<UInt32>] = []
        var classes: [@Sendable (Unicode.Scalar) -> Bool] = []

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            ranges.contains { $0.contains(scalar.value) } || classes.contains { $0(scalar) }
        }
    }

    private let states: [State]
    private let start: Int
    private let multiline: Bool

    init(_ pattern: String, flags: String = "") throws {
        for (offset, flag) in flags.enumerated() where !"ismxq".contains(flag) {
            throw SyntaxError(offset: offset, message: "unknown flag '\(flag)'; like_regex takes i, s, m, x and q")
        }
        let caseless = flags.contains("i")
        multiline = flags.contains("m")
        var parser = Parser(scalars: Array(pattern.unicodeScalars), caseless: caseless, dotAll: flags.contains("s"), extended: flags.contains("x"))
        let tree: [[Node]]
        if flags.contains("q") {
            tree = [parser.scalars.map { parser.literal($0) }]
        } else {
            tree = try parser.alternatives()
            guard parser.index == parser.scalars.count else {
                throw SyntaxError(offset: parser.index, message: "unbalanced ')'")
            }
        }
        var compiler = Compiler()
        let entry = try compiler.emit(.group(tree))
        compiler.states.append(.accept)
        compiler.patch(entry.exits, to: compiler.states.count - 1)
        states = compiler.states
        start = entry.start
    }

    /// Whether the pattern matches somewhere in `text`: every state the automaton can be in is
    /// followed at once, so the work is at most the text's length times the pattern's states.
    func matches(_ text: String) -> Bool {
        var visits = 0
        return matches(text, visits: &visits, limit: .max) ?? false
    }

    /// Whether the pattern matches somewhere in `text`, counting in `visits` the automaton
    /// states visited; nil once they pass `limit` (the work is stopped there).
    func matches(_ text: String, visits: inout Int, limit: Int) -> Bool? {
        let scalars = Array(text.unicodeScalars)
        var marks = [Int](repeating: -1, count: states.count)
        var pending: [Int] = []
        var active: [Int] = []
        for position in 0...scalars.count {
            // Every state reachable without reading, from the states carried over and from a
            // match beginning here; true as soon as the automaton accepts.
            active.removeAll(keepingCapacity: true)
            var stack = pending + [start]
            while let index = stack.popLast() {
                guard marks[index] != position else { continue }
                marks[index] = position
                visits += 1
                if visits > limit { return nil }
                switch states[index] {
                case .accept: return true
                case .jump(let target): stack.append(target)
                case .split(let a, let b): stack.append(b); stack.append(a)
                case .assertStart:
                    if position == 0 || (multiline && scalars[position - 1] == "\n") { stack.append(index + 1) }
                case .assertEnd:
                    if position == scalars.count || (multiline && scalars[position] == "\n") { stack.append(index + 1) }
                case .match: active.append(index)
                }
            }
            guard position < scalars.count else { break }
            let scalar = scalars[position]
            pending.removeAll(keepingCapacity: true)
            for index in active {
                if case .match(let test) = states[index], test(scalar) { pending.append(index + 1) }
            }
        }
        return false
    }

    // MARK: Parsing

    private struct Parser {
        let scalars: [Unicode.Scalar]
        let caseless: Bool
        let dotAll: Bool
        let extended: Bool
        var index = 0
        var depth = 0

        func literal(_ scalar: Unicode.Scalar) -> Node {
            guard caseless else { return .character(scalar) }
            let lower = String(scalar).lowercased().unicodeScalars
            let upper = String(scalar).uppercased().unicodeScalars
            if lower.count == 1, upper.count == 1, let l = lower.first, let u = upper.first, l != u {
                var set = CharacterSet()
                set.ranges = [l.value...l.value, u.value...u.value]
                return .set(set, negated: false)
            }
            return .character(scalar)
        }

        mutating func alternatives() throws -> [[Node]] {
            depth += 1
            defer { depth -= 1 }
            guard depth < 100 else { throw SyntaxError(offset: index, message: "groups nest deeper than 100") }
            var result: [[Node]] = [try sequence()]
            while index < scalars.count, scalars[index] == "|" {
                index += 1
                result.append(try sequence())
            }
            return result
        }

        mutating func sequence() throws -> [Node] {
            var nodes: [Node] = []
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "|" || scalar == ")" { break }
                if extended, scalar.properties.isWhitespace { index += 1; continue }
                var atom = try self.atom()
                atom = try quantified(atom)
                nodes.append(atom)
            }
            return nodes
        }

        mutating func atom() throws -> Node {
            let at = index
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case ".":
                if dotAll { return .any }
                var newline = CharacterSet()
                newline.ranges = [10...10]
                return .set(newline, negated: true)
            case "^": return .lineStart
            case "$": return .lineEnd
            case "(":
                if index < scalars.count, scalars[index] == "?" {
                    guard index + 1 < scalars.count, scalars[index + 1] == ":" else {
                        throw SyntaxError(offset: at, message: "lookaround and other (?…) groups are not supported; only (?:…)")
                    }
                    index += 2
                }
                let inner = try alternatives()
                guard index < scalars.count, scalars[index] == ")" else { throw SyntaxError(offset: at, message: "unclosed '('") }
                index += 1
                return .group(inner)
            case "[":
                return try bracket(openedAt: at)
            case "\\":
                return try escape(at: at, inBracket: false).node(literal: literal)
            case "*", "+", "?", "{":
                throw SyntaxError(offset: at, message: "'\(scalar)' has nothing to repeat")
            default:
                return literal(scalar)
            }
        }

        enum Escaped {
            case scalar(Unicode.Scalar)
            case set(CharacterSet, negated: Bool)

            func node(literal: (Unicode.Scalar) -> Node) -> Node {
                switch self {
                case .scalar(let scalar): return literal(scalar)
                case .set(let set, let negated): return .set(set, negated: negated)
                }
            }
        }

        mutating func escape(at: Int, inBracket: Bool) throws -> Escaped {
            guard index < scalars.count else { throw SyntaxError(offset: at, message: "a pattern cannot end with '\\'") }
            let scalar = scalars[index]
            index += 1
            var set = CharacterSet()
            switch scalar {
            case "d", "D":
                set.ranges = [48...57]
                return .set(set, negated: scalar == "D")
            case "w", "W":
                set.classes = [{ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" }]
                return .set(set, negated: scalar == "W")
            case "s", "S":
                set.classes = [{ $0.properties.isWhitespace }]
                return .set(set, negated: scalar == "S")
            case "n": return .scalar("\n")
            case "t": return .scalar("\t")
            case "r": return .scalar("\r")
            case "1"..."9":
                throw SyntaxError(offset: at, message: "back-references are not supported")
            default:
                if scalar.properties.isAlphabetic {
                    throw SyntaxError(offset: at, message: "unknown escape '\\\(scalar)'")
                }
                return .scalar(scalar)
            }
        }

        mutating func bracket(openedAt at: Int) throws -> Node {
            var set = CharacterSet()
            var negated = false
            if index < scalars.count, scalars[index] == "^" { negated = true; index += 1 }
            var first = true
            while true {
                guard index < scalars.count else { throw SyntaxError(offset: at, message: "unclosed '['") }
                var scalar = scalars[index]
                if scalar == "]", !first { index += 1; break }
                first = false
                index += 1
                if scalar == "\\" {
                    switch try escape(at: index - 1, inBracket: true) {
                    case .scalar(let escaped): scalar = escaped
                    case .set(let inner, let innerNegated):
                        if innerNegated {
                            set.classes.append { !inner.contains($0) }
                        } else {
                            set.ranges += inner.ranges
                            set.classes += inner.classes
                        }
                        continue
                    }
                }
                var upper = scalar
                if index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] != "]" {
                    upper = scalars[index + 1]
                    index += 2
                    if upper == "\\" {
                        guard case .scalar(let escaped) = try escape(at: index - 1, inBracket: true) else {
                            throw SyntaxError(offset: index - 1, message: "a range cannot end in a class")
                        }
                        upper = escaped
                    }
                    guard scalar.value <= upper.value else { throw SyntaxError(offset: index - 1, message: "range out of order") }
                }
                set.ranges.append(scalar.value...upper.value)
                if caseless {
                    for bound in [scalar, upper] where scalar == upper {
                        for variant in String(bound).lowercased().unicodeScalars + String(bound).uppercased().unicodeScalars {
                            set.ranges.append(variant.value...variant.value)
                        }
                    }
                    if scalar != upper {
                        let lowerBound = scalar.value, upperBound = upper.value
                        set.classes.append { candidate in
                            let folded = String(candidate).lowercased().unicodeScalars + String(candidate).uppercased().unicodeScalars
                            return folded.contains { (lowerBound...upperBound).contains($0.value) }
                        }
                    }
                }
            }
            return .set(set, negated: negated)
        }

        /// An atom with at most one quantifier (and its lazy `?`): a quantifier of a quantifier
        /// (`a**`, `a{2}{3}`) is refused, as PostgreSQL refuses it; a group repeats a repeat.
        mutating func quantified(_ atom: Node) throws -> Node {
            var node = atom
            var quantifiers = 0
            while index < scalars.count {
                let at = index
                let scalar = scalars[index]
                var bounds: (Int, Int?)
                switch scalar {
                case "*": bounds = (0, nil); index += 1
                case "+": bounds = (1, nil); index += 1
                case "?": bounds = (0, 1); index += 1
                case "{":
                    guard let parsed = try counted() else { return node }
                    bounds = parsed
                default:
                    return node
                }
                quantifiers += 1
                if quantifiers > 1 { throw SyntaxError(offset: at, message: "a quantifier cannot follow a quantifier; put the repeated part in a group") }
                if case .lineStart = node { throw SyntaxError(offset: at, message: "an anchor cannot be repeated") }
                if case .lineEnd = node { throw SyntaxError(offset: at, message: "an anchor cannot be repeated") }
                // A lazy quantifier matches the same texts.
                if index < scalars.count, scalars[index] == "?" { index += 1 }
                node = .repeated(node, min: bounds.0, max: bounds.1)
            }
            return node
        }

        /// `{n}`, `{n,}` or `{n,m}` at `index`; nil (and nothing read) when `{` is a literal.
        mutating func counted() throws -> (Int, Int?)? {
            let at = index
            var cursor = index + 1
            func number() -> Int? {
                var value = 0
                let begin = cursor
                while cursor < scalars.count, let digit = scalars[cursor].properties.numericType == .decimal ? Int(String(scalars[cursor])) : nil {
                    value = min(value * 10 + digit, 100_000)
                    cursor += 1
                }
                return cursor > begin ? value : nil
            }
            guard let low = number() else { return nil }
            var high: Int? = low
            if cursor < scalars.count, scalars[cursor] == "," {
                cursor += 1
                high = number()
            }
            guard cursor < scalars.count, scalars[cursor] == "}" else { return nil }
            index = cursor + 1
            if let high, high < low { throw SyntaxError(offset: at, message: "{\(low),\(high)}: the bounds are out of order") }
            if low > 1_000 || (high ?? 0) > 1_000 { throw SyntaxError(offset: at, message: "repetition counts above 1000 are not supported") }
            return (low, high)
        }
    }

    // MARK: Compiling

    private struct Compiler {
        var states: [State] = []

        struct Fragment {
            var start: Int
            /// States whose open target is patched to whatever follows.
            var exits: [(state: Int, second: Bool)]
        }

        mutating func add(_ state: State) throws -> Int {
            guard states.count < LikeRegex.maximumStates else {
                throw SyntaxError(offset: 0, message: "the pattern is too large (more than \(LikeRegex.maximumStates) states)")
            }
            states.append(state)
            return states.count - 1
        }

        mutating func patch(_ exits: [(state: Int, second: Bool)], to target: Int) {
            for exit in exits {
                switch states[exit.state] {
                case .jump: states[exit.state] = .jump(target)
                case .split(let a, let b): states[exit.state] = exit.second ? .split(a, target) : .split(target, b)
                default: break
                }
            }
        }

        /// An empty fragment: a jump to what follows.
        mutating func empty() throws -> Fragment {
            let state = try add(.jump(-1))
            return Fragment(start: state, exits: [(state, false)])
        }

        mutating func emit(_ node: Node) throws -> Fragment {
            switch node {
            case .character(let expected):
                let state = try add(.match { $0 == expected })
                let exit = try add(.jump(-1))
                return Fragment(start: state, exits: [(exit, false)])
            case .any:
                let state = try add(.match { _ in true })
                let exit = try add(.jump(-1))
                return Fragment(start: state, exits: [(exit, false)])
            case .set(let set, let negated):
                let state = try add(.match { set.contains($0) != negated })
                let exit = try add(.jump(-1))
                return Fragment(start: state, exits: [(exit, false)])
            case .lineStart:
                let state = try add(.assertStart)
                let exit = try add(.jump(-1))
                return Fragment(start: state, exits: [(exit, false)])
            case .lineEnd:
                let state = try add(.assertEnd)
                let exit = try add(.jump(-1))
                return Fragment(start: state, exits: [(exit, false)])
            case .group(let alternatives):
                var fragments: [Fragment] = []
                for sequence in alternatives { fragments.append(try emitSequence(sequence)) }
                var result = fragments[fragments.count - 1]
                for fragment in fragments.dropLast().reversed() {
                    let split = try add(.split(fragment.start, result.start))
                    result = Fragment(start: split, exits: fragment.exits + result.exits)
                }
                return result
            case .repeated(let inner, let min, let max):
                var sequence: [Fragment] = []
                for _ in 0..<min { sequence.append(try emit(inner)) }
                if let max {
                    // Each optional copy may be skipped: (x(x(x)?)?)?
                    var optionals: [(split: Int, body: Fragment)] = []
                    for _ in min..<max {
                        let split = try add(.split(-1, -1))
                        let body = try emit(inner)
                        states[split] = .split(body.start, -1)
                        optionals.append((split, body))
                    }
                    var result = sequence.isEmpty ? try empty() : chain(sequence)
                    for optional in optionals {
                        patch(result.exits, to: optional.split)
                        result = Fragment(start: result.start, exits: optional.body.exits + [(optional.split, true)])
                    }
                    return result
                }
                // x* : a loop; x+ and {n,} : n copies then the loop.
                let loop = try add(.split(-1, -1))
                let body = try emit(inner)
                states[loop] = .split(body.start, -1)
                patch(body.exits, to: loop)
                let star = Fragment(start: loop, exits: [(loop, true)])
                return sequence.isEmpty ? star : chain(sequence + [star])
            }
        }

        mutating func emitSequence(_ nodes: [Node]) throws -> Fragment {
            guard !nodes.isEmpty else { return try empty() }
            var fragments: [Fragment] = []
            for node in nodes { fragments.append(try emit(node)) }
            return chain(fragments)
        }

        mutating func chain(_ fragments: [Fragment]) -> Fragment {
            for index in fragments.indices.dropLast() {
                patch(fragments[index].exits, to: fragments[index + 1].start)
            }
            return Fragment(start: fragments[0].start, exits: fragments[fragments.count - 1].exits)
        }
    }
}
