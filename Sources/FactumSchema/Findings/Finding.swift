/// How serious a finding is. The order is the order of importance.
public enum Severity: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    case note, warning, error

    public static func < (a: Severity, b: Severity) -> Bool {
        a.rank < b.rank
    }

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }
}

/// One thing the tool has to say about an input, at a line and column of a file.
///
/// Every loading, validation, lint and evolution problem is one of these; printers turn them
/// into text (the `path:line:column: severity: message [rule]` form compilers use) or JSON.
public struct Finding: Codable, Hashable, Sendable, Comparable {
    public var path: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var rule: String
    public var message: String

    public init(path: String, line: Int, column: Int, severity: Severity, rule: String, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
        self.rule = rule
        self.message = message
    }

    /// A finding of `rule`, with its default severity, at `mark` in the file at `path`.
    public init(_ rule: Rule, path: String, at mark: Mark, _ message: String) {
        self.init(path: path, line: mark.line, column: mark.column, severity: rule.severity, rule: rule.id, message: message)
    }

    /// Findings sort by path, line, column, then rule (and message, so that order is total).
    public static func < (a: Finding, b: Finding) -> Bool {
        (a.path, a.line, a.column, a.rule, a.message) < (b.path, b.line, b.column, b.rule, b.message)
    }
}

/// Where every stage reports: the loader, the validator, the naming and evolution rules, the
/// configuration reader and the workspace all report into a sink they are handed, each finding
/// once, with its rule's default severity.
public struct FindingSink: Sendable {
    public private(set) var findings: [Finding] = []

    public init() {}

    /// Reports `rule` at `mark` of the file at `path`, with the rule's default severity.
    public mutating func report(_ rule: Rule, in path: String, at mark: Mark, _ message: String) {
        findings.append(Finding(rule, path: path, at: mark, message))
    }
}
