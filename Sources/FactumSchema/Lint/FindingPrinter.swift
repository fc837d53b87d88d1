import Foundation

/// The output formats of findings.
public enum FindingFormat: String, CaseIterable, Sendable {
    case text, json
}

/// Prints findings: one printer per format, so every command prints them alike.
public enum FindingPrinter {
    public static func render(_ findings: [Finding], as format: FindingFormat) -> String {
        switch format {
        case .text: return text(findings)
        case .json: return json(findings)
        }
    }

    /// `path:line:column: severity: message [rule]`, one per line, as compilers print them.
    public static func text(_ findings: [Finding]) -> String {
        findings.map { "\($0.path):\($0.line):\($0.column): \($0.severity.rawValue): \($0.message) [\($0.rule)]\n" }.joined()
    }

    /// One JSON array of objects with the keys path, line, column, severity, rule, message.
    public static func json(_ findings: [Finding]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(findings) else { return "[]\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
