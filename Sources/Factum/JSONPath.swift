import Foundation

/// A SQL/JSON path, as PostgreSQL evaluates it in lax mode (`jsonb_path_exists`, `@?`, `@@`),
/// for filter selectors: parsed once, evaluated over each event's payload or metadata.
///
/// The subset: `$`, `@`, `.key`, `."quoted key"`, `.*`, `[n]`, `[n to m]`, `[last]`,
/// `[last - n]`, `[*]`, filters `? (…)`, the comparisons `==` `!=` `<>` `<` `<=` `>` `>=`,
/// `&&` `||` `!`, `exists(…)`, `starts with "…"`, `like_regex "…" [flag "…"]`, and string,
/// number, `true`, `false` and `null` literals. Lax mode: arrays are unwrapped where an object
/// or a filter is expected, a missing key or an index out of range selects nothing, and a
/// comparison of values that cannot be compared is unknown, never an error.
///
/// A path that is itself a test (`$.peppers > 3`) matches when the test is true, as `@@` does;
/// any other path matches when it selects at least one item, as `@?` does.
public struct JSONPath: Sendable, Hashable {
    /// The text the path was parsed from.
    public let text: String
    let body: Body

    enum Body: Sendable, Hashable {
        case items(Expression)
        case test(Predicate)
    }

    /// A start and the accessors applied to it, in order: a flat list, so that a long chain
    /// is walked in a loop, never by recursion.
    struct Expression: Sendable, Hashable {
        var start: Start
        var accessors: [Accessor] = []
    }

    enum Start: Sendable, Hashable {
        case root
        case current
        case literal(JSONValue)
    }

    enum Accessor: Sendable, Hashable {
        case member(String)
        case anyMember
        case anyElement
        case elements([Subscript])
        case filter(Predicate)
    }

    enum Subscript: Sendable, Hashable {
        case single(Index)
        case range(Index, Index)
    }

    enum Index: Sendable, Hashable {
        case number(Int)
        /// `last`, or `last - n`.
        case last(minus: Int)
    }

    enum Comparison: String, Sendable, Hashable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    indirect enum Predicate: Sendable, Hashable {
        case compare(Expression, Comparison, Expression)
        /// `&&` over every operand of one chain (flat, evaluated in a loop).
        case all([Predicate])
        /// `||` over every operand of one chain.
        case any([Predicate])
        case not(Predicate)
        case exists(Expression)
        case startsWith(Expression, String)
        case likeRegex(Expression, CompiledRegex)
    }

    /// A `like_regex` pattern, compiled once when the path is parsed.
    struct CompiledRegex: Sendable, Hashable {
        var pattern: String
        var flags: String
        var regex: LikeRegex

        static func == (lhs: CompiledRegex, rhs: CompiledRegex) -> Bool { lhs.pattern == rhs.pattern && lhs.flags == rhs.flags }
        func hash(into hasher: inout Hasher) { hasher.combine(pattern); hasher.combine(flags) }
    }

    /// A path that does not parse: where, and why.
    public struct SyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
        public var path: String
        /// The offset of the offending character, in characters from the start of the path.
        public var offset: Int
        public var message: String

        public var description: String {
            let shown = path.count > 200 ? String(path.prefix(200)) + "…" : path
            return "invalid SQL/JSON path at character \(offset + 1): \(message)\n  \(shown)\n  \(String(repeating: " ", count: min(offset, 201)))^"
        }
    }

    /// The longest path, in bytes of UTF-8.
    public static let maximumLength = 65_536
    /// The most accessors (`.key`, `[…]`, `? (…)`) in one chain.
    public static let maximumAccessors = 1_000
    /// The most `&&` and `||` operators in one path (PostgreSQL 15, at its default
    /// `max_stack_depth`, evaluates 4,096 and fails on 20,000).
    public static let maximumOperands = 4_096
    /// The deepest nesting of parentheses, filters, `exists (…)` and `!(…)`.
    public static let maximumDepth = 32

    /// Parses a path; a path outside the subset, or beyond one of the limits above, is refused
    /// with the offset of its first offending character. Evaluation walks chains and operand
    /// lists in loops, so a path within the limits needs little stack.
    public init(_ text: String) throws(SyntaxError) {
        self.text = text
        if text.utf8.count > Self.maximumLength {
            let offset = String(decoding: text.utf8.prefix(Self.maximumLength), as: UTF8.self).count
            throw SyntaxError(path: text, offset: offset, message: "the path is longer than \(Self.maximumLength) bytes (the limit on one path)")
        }
        var parser = Parser(text: text)
        do {
            body = try parser.path()
        } catch {
            throw SyntaxError(path: text, offset: error.offset, message: error.message)
        }
    }

    public static func == (lhs: JSONPath, rhs: JSONPath) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Whether the path is a test (a predicate check), matched when true.
    public var isPredicate: Bool {
        if case .test = body { return true }
        return false
    }
}

// MARK: - Shapes a store can translate

extension JSONPath {
    /// For the commonest shape — a chain of keys from the root compared with a literal,
    /// `$.a.b == "x"`, `"x" == $.a.b` or `$.a.b ? (@ == "x")` — the keys and the literal; nil
    /// for any other path. A store may narrow its candidates with it in its own query language,
    /// as long as what it lets through includes every match (lax mode unwraps arrays along the
    /// chain), and test them with `matches`.
    public var plainKeyEquality: (keys: [String], value: JSONValue)? {
        func chain(_ expression: Expression) -> [String]? {
            guard case .root = expression.start else { return nil }
            var keys: [String] = []
            for accessor in expression.accessors {
                guard case .member(let key) = accessor else { return nil }
                keys.append(key)
            }
            return keys
        }
        func comparison(_ predicate: Predicate, current: [String]?) -> ([String], JSONValue)? {
            guard case .compare(let a, .equal, let b) = predicate else { return nil }
            func side(_ expression: Expression) -> [String]? {
                if case .current = expression.start, expression.accessors.isEmpty { return current }
                return current == nil ? chain(expression) : nil
            }
            if case .literal(let value) = b.start, b.accessors.isEmpty, let keys = side(a) { return (keys, value) }
            if case .literal(let value) = a.start, a.accessors.isEmpty, let keys = side(b) { return (keys, value) }
            return nil
        }
        switch body {
        case .test(let predicate):
            return comparison(predicate, current: nil)
        case .items(let expression):
            guard case .filter(let predicate)? = expression.accessors.last,
                  let keys = chain(Expression(start: expression.start, accessors: expression.accessors.dropLast())) else { return nil }
            return comparison(predicate, current: keys)
        }
    }
}

// MARK: - Evaluation

extension JSONPath {
    /// The most steps (items visited, comparisons made, characters read by `like_regex` and
    /// each 16 states its automaton visits) one evaluation may take; past it the evaluation
    /// stops with `EvaluationLimit`, so that no document or pattern makes a read hang.
    public static let maximumSteps = 1_000_000

    /// An evaluation stopped at `maximumSteps`.
    public struct EvaluationLimit: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var description: String { "the path \(path) took more than \(JSONPath.maximumSteps) steps on one document; it was stopped" }
    }

    /// Whether the path matches `document`: for a test, whether it is true; otherwise whether
    /// it selects at least one item.
    public func matches(_ document: JSONValue) throws(EvaluationLimit) -> Bool {
        var evaluator = Evaluator(root: document)
        do {
            switch body {
            case .items(let expression): return try !evaluator.items(expression, current: document).isEmpty
            case .test(let predicate): return try evaluator.test(predicate, current: document) == .true
            }
        } catch {
            throw EvaluationLimit(path: text)
        }
    }

    enum Truth { case `true`, `false`, unknown }

    struct Evaluator {
        struct OverBudget: Error {}

        let root: JSONValue
        var steps = 0

        mutating func step(_ count: Int = 1) throws(OverBudget) {
            steps += count
            if steps > JSONPath.maximumSteps { throw OverBudget() }
        }

        mutating func items(_ expression: Expression, current: JSONValue) throws(OverBudget) -> [JSONValue] {
            var items: [JSONValue]
            switch expression.start {
            case .root: items = [root]
            case .current: items = [current]
            case .literal(let value): items = [value]
            }
            for accessor in expression.accessors {
                var output: [JSONValue] = []
                for input in items {
                    try apply(accessor, to: input, into: &output)
                }
                items = output
                if items.isEmpty { break }
            }
            return items
        }

        mutating func apply(_ accessor: Accessor, to input: JSONValue, into output: inout [JSONValue]) throws(OverBudget) {
            try step()
            switch accessor {
            case .member(let key):
                switch input {
                case .object: if let value = input.member(key) { output.append(value) }
                case .array(let elements):
                    // Lax mode: an array where an object is expected is unwrapped, one level.
                    for element in elements {
                        try step()
                        if case .object = element, let value = element.member(key) { output.append(value) }
                    }
                default: break
                }
            case .anyMember:
                switch input {
                case .object(let members): try step(members.count); output.append(contentsOf: members.map(\.value))
                case .array(let elements):
                    for element in elements {
                        if case .object(let members) = element { try step(members.count); output.append(contentsOf: members.map(\.value)) }
                    }
                default: break
                }
            case .anyElement:
                if case .array(let elements) = input {
                    try step(elements.count)
                    output.append(contentsOf: elements)
                } else {
                    output.append(input)   // lax: a single item is an array of one
                }
            case .elements(let subscripts):
                let elements: [JSONValue]
                if case .array(let items) = input { elements = items } else { elements = [input] }
                let last = elements.count - 1
                func resolve(_ index: Index) -> Int {
                    switch index {
                    case .number(let number): return number
                    case .last(let minus): return last - minus
                    }
                }
                for item in subscripts {
                    let (from, to): (Int, Int)
                    switch item {
                    case .single(let index): (from, to) = (resolve(index), resolve(index))
                    case .range(let low, let high): (from, to) = (resolve(low), resolve(high))
                    }
                    // Lax mode: indexes out of range select nothing.
                    let low = max(from, 0), high = min(to, last)
                    guard low <= high else { continue }
                    try step(high - low + 1)
                    output.append(contentsOf: elements[low...high])
                }
            case .filter(let predicate):
                // Lax mode: a filter over an array tests each element.
                let candidates: [JSONValue]
                if case .array(let elements) = input { candidates = elements } else { candidates = [input] }
                for candidate in candidates where try test(predicate, current: candidate) == .true {
                    output.append(candidate)
                }
            }
        }

        /// The items of an operand, with arrays unwrapped one level (lax mode).
        mutating func operand(_ expression: Expression, current: JSONValue) throws(OverBudget) -> [JSONValue] {
            var result: [JSONValue] = []
            for item in try items(expression, current: current) {
                if case .array(let elements) = item {
                    try step(elements.count)
                    result.append(contentsOf: elements)
                } else {
                    result.append(item)
                }
            }
            return result
        }

        mutating func test(_ predicate: Predicate, current: JSONValue) throws(OverBudget) -> Truth {
            try step()
            switch predicate {
            case .all(let operands):
                var unknown = false
                for operand in operands {
                    switch try test(operand, current: current) {
                    case .false: return .false
                    case .unknown: unknown = true
                    case .true: break
                    }
                }
                return unknown ? .unknown : .true
            case .any(let operands):
                var unknown = false
                for operand in operands {
                    switch try test(operand, current: current) {
                    case .true: return .true
                    case .unknown: unknown = true
                    case .false: break
                    }
                }
                return unknown ? .unknown : .false
            case .not(let inner):
                switch try test(inner, current: current) {
                case .true: return .false
                case .false: return .true
                case .unknown: return .unknown
                }
            case .exists(let expression):
                return try items(expression, current: current).isEmpty ? .false : .true
            case .compare(let a, let comparison, let b):
                let left = try operand(a, current: current)
                let right = try operand(b, current: current)
                var unknown = false
                for x in left {
                    for y in right {
                        try step()
                        switch Self.compare(x, comparison, y) {
                        case .true: return .true
                        case .unknown: unknown = true
                        case .false: break
                        }
                    }
                }
                return unknown ? .unknown : .false
            case .startsWith(let expression, let prefix):
                var unknown = false
                for item in try operand(expression, current: current) {
                    guard case .string(let text) = item else { unknown = true; continue }
                    if text.utf8.starts(with: prefix.utf8) { return .true }
                }
                return unknown ? .unknown : .false
            case .likeRegex(let expression, let compiled):
                let regex = compiled.regex
                var unknown = false
                for item in try operand(expression, current: current) {
                    guard case .string(let text) = item else { unknown = true; continue }
                    // One step per character, and one per 16 automaton states visited.
                    try step(text.unicodeScalars.count)
                    var visits = 0
                    let matched = regex.matches(text, visits: &visits, limit: (JSONPath.maximumSteps - steps) * 16)
                    try step(visits / 16)
                    guard let matched else { throw OverBudget() }
                    if matched { return .true }
                }
                return unknown ? .unknown : .false
            }
        }

        /// PostgreSQL's comparison of two items: scalars of one type compare (strings by their
        /// UTF-8 bytes, numbers by value, false before true); null equals only null and differs
        /// from everything else; any other pair is unknown.
        static func compare(_ a: JSONValue, _ comparison: Comparison, _ b: JSONValue) -> Truth {
            let order: Int
            switch (a, b) {
            case (.null, .null): order = 0
            case (.null, _), (_, .null):
                return comparison == .notEqual ? .true : .false
            case (.bool(let x), .bool(let y)): order = x == y ? 0 : (x ? 1 : -1)
            case (.number(let x), .number(let y)): order = x.compare(y)
            case (.string(let x), .string(let y)):
                order = x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : (x.utf8.elementsEqual(y.utf8) ? 0 : 1)
            default:
                return .unknown
            }
            let result: Bool
            switch comparison {
            case .equal: result = order == 0
            case .notEqual: result = order != 0
            case .less: result = order < 0
            case .lessOrEqual: result = order <= 0
            case .greater: result = order > 0
            case .greaterOrEqual: result = order >= 0
            }
            return result ? .true : .false
        }
    }
}

// MARK: - Parsing

extension JSONPath {
    struct ParseError: Error {
        var offset: Int
        var message: String
    }

    struct Parser {
        let characters: [Character]
        var index = 0
        var depth = 0
        /// How many `&&` and `||` operators the path has so far.
        var operands = 0
        /// How many filters enclose the current position: `@` is allowed only inside one.
        var filters = 0

        init(text: String) {
            characters = Array(text)
        }

        /// What was parsed: an expression (it may take accessors) or a test.
        enum Parsed {
            case expression(Expression)
            case test(Predicate)
        }

        mutating func path() throws(ParseError) -> Body {
            skipSpace()
            if keyword("strict") {
                throw ParseError(offset: index - 6, message: "strict mode is not supported: filter selectors evaluate paths in lax mode")
            }
            _ = keyword("lax")
            skipSpace()
            guard index < characters.count else { throw ParseError(offset: index, message: "the path is empty; it starts with '$'") }
            let parsed = try disjunction()
            skipSpace()
            guard index == characters.count else {
                throw ParseError(offset: index, message: "unexpected '\(characters[index])' after a complete path")
            }
            switch parsed {
            case .expression(let expression): return .items(expression)
            case .test(let predicate): return .test(predicate)
            }
        }

        // Precedence, lowest first: ||, &&, !, comparisons and other tests, accessors.

        mutating func disjunction() throws(ParseError) -> Parsed {
            try nest()
            defer { depth -= 1 }
            let first = try conjunction()
            var operands: [Predicate] = []
            while true {
                skipSpace()
                let at = index
                guard symbol("||") else { break }
                if operands.isEmpty { operands.append(try test(first, at: at, beside: "||")) }
                try countOperand(at: at)
                operands.append(try test(try conjunction(), at: at, beside: "||"))
            }
            return operands.isEmpty ? first : .test(.any(operands))
        }

        mutating func conjunction() throws(ParseError) -> Parsed {
            let first = try negation()
            var operands: [Predicate] = []
            while true {
                skipSpace()
                let at = index
                guard symbol("&&") else { break }
                if operands.isEmpty { operands.append(try test(first, at: at, beside: "&&")) }
                try countOperand(at: at)
                operands.append(try test(try negation(), at: at, beside: "&&"))
            }
            return operands.isEmpty ? first : .test(.all(operands))
        }

        mutating func negation() throws(ParseError) -> Parsed {
            skipSpace()
            let at = index
            if peek("!"), !peek("!=") {
                index += 1
                skipSpace()
                guard symbol("(") else { throw ParseError(offset: index, message: "'!' applies to a parenthesized test: !(…)") }
                let inner = try disjunction()
                skipSpace()
                guard symbol(")") else { throw ParseError(offset: index, message: "expected ')'") }
                return .test(.not(try test(inner, at: at, beside: "!")))
            }
            return try comparison()
        }

        mutating func comparison() throws(ParseError) -> Parsed {
            skipSpace()
            let at = index
            if keyword("exists") {
                skipSpace()
                guard symbol("(") else { throw ParseError(offset: index, message: "expected '(' after exists") }
                let inner = try disjunction()
                skipSpace()
                guard symbol(")") else { throw ParseError(offset: index, message: "expected ')'") }
                return .test(.exists(try expression(inner, at: at + 7)))
            }
            let left = try accessed()
            skipSpace()
            let operatorAt = index
            for (text, comparison) in [("==", Comparison.equal), ("!=", .notEqual), ("<>", .notEqual), ("<=", .lessOrEqual), (">=", .greaterOrEqual), ("<", .less), (">", .greater)] where symbol(text) {
                let right = try accessed()
                return .test(.compare(try expression(left, at: operatorAt), comparison, try expression(right, at: operatorAt)))
            }
            if peek("=") {
                throw ParseError(offset: index, message: "equality is written '==' in SQL/JSON path")
            }
            if keyword("starts") {
                skipSpace()
                guard keyword("with") else { throw ParseError(offset: index, message: "expected 'with' after 'starts'") }
                skipSpace()
                guard peek("\"") else { throw ParseError(offset: index, message: "'starts with' takes a string literal") }
                let prefix = try string()
                return .test(.startsWith(try expression(left, at: operatorAt), prefix))
            }
            if keyword("like_regex") {
                skipSpace()
                let patternAt = index
                guard peek("\"") else { throw ParseError(offset: index, message: "'like_regex' takes a string literal") }
                let pattern = try string()
                skipSpace()
                var flags = ""
                if keyword("flag") {
                    skipSpace()
                    guard peek("\"") else { throw ParseError(offset: index, message: "'flag' takes a string literal") }
                    flags = try string()
                }
                let regex: LikeRegex
                do {
                    regex = try LikeRegex(pattern, flags: flags)
                } catch let error as LikeRegex.SyntaxError {
                    throw ParseError(offset: patternAt, message: "the regular expression does not parse: \(error.message) (at character \(error.offset + 1) of the pattern)")
                } catch {
                    throw ParseError(offset: patternAt, message: "the regular expression does not parse")
                }
                return .test(.likeRegex(try expression(left, at: operatorAt), CompiledRegex(pattern: pattern, flags: flags, regex: regex)))
            }
            if keyword("is") {
                throw ParseError(offset: operatorAt, message: "'is unknown' is not supported")
            }
            _ = at
            return left
        }

        /// A primary with its accessors.
        mutating func accessed() throws(ParseError) -> Parsed {
            skipSpace()
            var parsed = try primary()
            while true {
                let accessorAt = index
                skipSpace()
                guard index < characters.count else { return parsed }
                let character = characters[index]
                guard character == "." || character == "[" || character == "?" else {
                    index = accessorAt
                    return parsed
                }
                guard case .expression(var base) = parsed else {
                    throw ParseError(offset: index, message: "a test has no items to access; put the accessor inside the parentheses")
                }
                if case .literal = base.start, base.accessors.isEmpty, character != "?" {
                    throw ParseError(offset: index, message: "a literal has no members or elements")
                }
                guard base.accessors.count < JSONPath.maximumAccessors else {
                    throw ParseError(offset: index, message: "the path applies more than \(JSONPath.maximumAccessors) accessors in a row (the limit on one chain)")
                }
                base.accessors.append(try accessor())
                parsed = .expression(base)
            }
        }

        mutating func accessor() throws(ParseError) -> Accessor {
            let at = index
            let character = characters[index]
            index += 1
            switch character {
            case ".":
                if symbol("**") { throw ParseError(offset: at, message: "the recursive wildcard '.**' is not supported") }
                if symbol("*") { return .anyMember }
                if peek("\"") { return .member(try string()) }
                let keyAt = index
                let key = identifier()
                guard !key.isEmpty else { throw ParseError(offset: keyAt, message: "expected a key, '*' or a quoted key after '.'") }
                let save = index
                skipSpace()
                if peek("(") {
                    throw ParseError(offset: keyAt, message: "item methods such as .\(key)() are not supported")
                }
                index = save
                return .member(key)
            case "[":
                skipSpace()
                if symbol("*") {
                    skipSpace()
                    guard symbol("]") else { throw ParseError(offset: index, message: "expected ']' after '[*'") }
                    return .anyElement
                }
                var subscripts: [Subscript] = []
                while true {
                    let low = try subscriptIndex()
                    skipSpace()
                    if keyword("to") {
                        let high = try subscriptIndex()
                        subscripts.append(.range(low, high))
                    } else {
                        subscripts.append(.single(low))
                    }
                    skipSpace()
                    if symbol(",") { continue }
                    guard symbol("]") else { throw ParseError(offset: index, message: "expected ',' or ']' in a subscript") }
                    return .elements(subscripts)
                }
            default: // "?"
                skipSpace()
                guard symbol("(") else { throw ParseError(offset: index, message: "a filter is written ? (…)") }
                filters += 1
                let inner = try disjunction()
                filters -= 1
                skipSpace()
                guard symbol(")") else { throw ParseError(offset: index, message: "expected ')' to close the filter") }
                return .filter(try test(inner, at: at, beside: "?"))
            }
        }

        mutating func subscriptIndex() throws(ParseError) -> Index {
            skipSpace()
            let at = index
            if keyword("last") {
                skipSpace()
                if symbol("-") {
                    skipSpace()
                    guard let number = integer() else { throw ParseError(offset: index, message: "expected a whole number after 'last -'") }
                    return .last(minus: number)
                }
                return .last(minus: 0)
            }
            guard index < characters.count, characters[index] == "-" || characters[index] == "+" || characters[index] == "." || characters[index].isNumber else {
                throw ParseError(offset: at, message: "a subscript is a number, 'last' or 'last - n'")
            }
            // PostgreSQL truncates a fractional subscript toward zero: [1.5] is [1].
            switch try number() {
            case .integer(let value): return .number(Int(clamping: value))
            case .double(let value): return .number(Int(clamping: Int64(value.rounded(.towardZero).clamped(to: -1e15...1e15))))
            }
        }

        mutating func primary() throws(ParseError) -> Parsed {
            skipSpace()
            guard index < characters.count else { throw ParseError(offset: index, message: "the path ends where a value is expected") }
            let at = index
            let character = characters[index]
            switch character {
            case "$":
                index += 1
                if index < characters.count, characters[index].isLetter || characters[index] == "_" || characters[index] == "\"" {
                    throw ParseError(offset: at, message: "variables ($name) are not supported")
                }
                return .expression(Expression(start: .root))
            case "@":
                guard filters > 0 else { throw ParseError(offset: at, message: "'@' is the item a filter tests; it is allowed only inside ? (…)") }
                index += 1
                return .expression(Expression(start: .current))
            case "\"":
                return .expression(Expression(start: .literal(.string(try string()))))
            case "(":
                index += 1
                let inner = try disjunction()
                skipSpace()
                guard symbol(")") else { throw ParseError(offset: index, message: "expected ')'") }
                return inner
            case "-", "+", "0"..."9", ".":
                return .expression(Expression(start: .literal(.number(try number()))))
            default:
                if keyword("true") { return .expression(Expression(start: .literal(.bool(true)))) }
                if keyword("false") { return .expression(Expression(start: .literal(.bool(false)))) }
                if keyword("null") { return .expression(Expression(start: .literal(.null))) }
                throw ParseError(offset: at, message: "unexpected '\(character)'; a path starts with '$', '@', a literal or '('")
            }
        }

        // MARK: Tokens

        mutating func nest() throws(ParseError) {
            depth += 1
            if depth > JSONPath.maximumDepth { throw ParseError(offset: index, message: "the path nests deeper than \(JSONPath.maximumDepth) levels (parentheses, filters, exists and !)") }
        }

        /// One more operand of `&&` or `||`, within the path's limit.
        mutating func countOperand(at offset: Int) throws(ParseError) {
            operands += 1
            if operands > JSONPath.maximumOperands {
                throw ParseError(offset: offset, message: "the path has more than \(JSONPath.maximumOperands) && and || operators (the limit on one path)")
            }
        }

        func expression(_ parsed: Parsed, at offset: Int) throws(ParseError) -> Expression {
            guard case .expression(let expression) = parsed else {
                throw ParseError(offset: offset, message: "a test cannot be compared or searched; compare values")
            }
            return expression
        }

        func test(_ parsed: Parsed, at offset: Int, beside symbol: String) throws(ParseError) -> Predicate {
            guard case .test(let predicate) = parsed else {
                throw ParseError(offset: offset, message: "'\(symbol)' takes tests (such as @ > 1 or exists(@.a)), not values")
            }
            return predicate
        }

        mutating func skipSpace() {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
        }

        func peek(_ text: String) -> Bool {
            var cursor = index
            for character in text {
                guard cursor < characters.count, characters[cursor] == character else { return false }
                cursor += 1
            }
            return true
        }

        mutating func symbol(_ text: String) -> Bool {
            guard peek(text) else { return false }
            index += text.count
            return true
        }

        /// A keyword: the word, not followed by a character of a key.
        mutating func keyword(_ word: String) -> Bool {
            guard peek(word) else { return false }
            let end = index + word.count
            if end < characters.count, Self.isKeyCharacter(characters[end]) { return false }
            index = end
            return true
        }

        static func isKeyCharacter(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_" || (!character.isASCII && !character.isWhitespace)
        }

        mutating func identifier() -> String {
            let start = index
            while index < characters.count, Self.isKeyCharacter(characters[index]) { index += 1 }
            return String(characters[start..<index])
        }

        mutating func integer() -> Int? {
            let start = index
            var value = 0
            while index < characters.count, let digit = characters[index].wholeNumberValue, characters[index].isASCII {
                value = min(value &* 10 &+ digit, 1_000_000_000)
                index += 1
            }
            return index > start ? value : nil
        }

        mutating func number() throws(ParseError) -> JSONNumber {
            let start = index
            var text = ""
            if peek("-") || peek("+") {
                if peek("-") { text.append("-") }
                index += 1
                skipSpace()
            }
            let digitsStart = index
            while index < characters.count, characters[index].isASCII, characters[index].isNumber { text.append(characters[index]); index += 1 }
            var integral = true
            if index < characters.count, characters[index] == "." {
                integral = false
                text.append(".")
                index += 1
                while index < characters.count, characters[index].isASCII, characters[index].isNumber { text.append(characters[index]); index += 1 }
            }
            guard index > digitsStart, text.contains(where: \.isNumber) else {
                throw ParseError(offset: start, message: "expected a number")
            }
            if index < characters.count, characters[index] == "e" || characters[index] == "E" {
                integral = false
                text.append("e")
                index += 1
                if peek("-") || peek("+") { text.append(characters[index]); index += 1 }
                let exponentStart = index
                while index < characters.count, characters[index].isASCII, characters[index].isNumber { text.append(characters[index]); index += 1 }
                guard index > exponentStart else { throw ParseError(offset: index, message: "expected the exponent's digits") }
            }
            if index < characters.count, Self.isKeyCharacter(characters[index]) {
                throw ParseError(offset: index, message: "unexpected '\(characters[index])' after a number")
            }
            if integral, let value = Int64(text) { return .integer(value) }
            // A whole number written with a fraction or an exponent is an integer when it fits
            // Int64, as a payload's is (JSONValue): 9007199254740993.0 is 2^53 + 1, not 2^53.
            // (Decimal holds 38 digits exactly; a longer text is left to Double.)
            if !integral, text.filter(\.isNumber).count <= 38, let decimal = Decimal(string: text), decimal.isFinite, decimal == decimal.rounded(),
               let value = Int64(exactly: decimal) { return .integer(value) }
            guard let value = Double(text), value.isFinite else { throw ParseError(offset: start, message: "the number \(text) is out of range") }
            return .double(value)
        }

        /// A double-quoted string with the escapes of JSON and of SQL/JSON path (`\xNN`,
        /// `\u{…}`).
        mutating func string() throws(ParseError) -> String {
            let open = index
            index += 1
            var result = ""
            while true {
                guard index < characters.count else { throw ParseError(offset: open, message: "unclosed string") }
                let character = characters[index]
                index += 1
                if character == "\"" { return result }
                if character == "\u{0}" {
                    throw ParseError(offset: index - 1, message: "a string holds the NUL character, which PostgreSQL's text cannot hold")
                }
                guard character == "\\" else { result.append(character); continue }
                guard index < characters.count else { throw ParseError(offset: open, message: "unclosed string") }
                let escaped = characters[index]
                let escapeAt = index - 1
                index += 1
                switch escaped {
                case "\"", "\\", "/": result.append(escaped)
                case "b": result.append("\u{8}")
                case "f": result.append("\u{C}")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "t": result.append("\t")
                case "v": result.append("\u{B}")
                case "x":
                    guard let value = hex(count: 2) else { throw ParseError(offset: escapeAt, message: "\\x takes two hexadecimal digits") }
                    try append(value, to: &result, at: escapeAt)
                case "u":
                    if symbol("{") {
                        let start = index
                        while index < characters.count, characters[index].isHexDigit, index - start < 6 { index += 1 }
                        guard index > start, symbol("}"), let value = UInt32(String(characters[start..<index - 1]), radix: 16) else {
                            throw ParseError(offset: escapeAt, message: "\\u{…} takes one to six hexadecimal digits")
                        }
                        try append(value, to: &result, at: escapeAt)
                    } else {
                        guard var value = hex(count: 4) else { throw ParseError(offset: escapeAt, message: "\\u takes four hexadecimal digits") }
                        if (0xD800...0xDBFF).contains(value) {
                            guard symbol("\\u"), let low = hex(count: 4), (0xDC00...0xDFFF).contains(low) else {
                                throw ParseError(offset: escapeAt, message: "a high surrogate must be followed by a low one")
                            }
                            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                        }
                        try append(value, to: &result, at: escapeAt)
                    }
                default:
                    // SQL/JSON path keeps any other escaped character as it is.
                    result.append(escaped)
                }
            }
        }

        mutating func hex(count: Int) -> UInt32? {
            guard index + count <= characters.count else { return nil }
            let digits = String(characters[index..<index + count])
            guard digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16) else { return nil }
            index += count
            return value
        }

        func append(_ value: UInt32, to result: inout String, at offset: Int) throws(ParseError) {
            guard value != 0, let scalar = Unicode.Scalar(value) else {
                throw ParseError(offset: offset, message: "the escape names no character (or the NUL character, which PostgreSQL's text cannot hold)")
            }
            result.unicodeScalars.append(scalar)
        }
    }
}

extension Decimal {
    fileprivate func rounded() -> Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result
    }
}

extension Int64 {
    /// The decimal as an Int64, when it is one exactly.
    fileprivate init?(exactly decimal: Decimal) {
        guard decimal >= Decimal(Int64.min), decimal <= Decimal(Int64.max) else { return nil }
        let value = NSDecimalNumber(decimal: decimal).int64Value
        guard Decimal(value) == decimal else { return nil }
        self = value
    }
}

extension Double {
    fileprivate func clamped(to range: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
