import Foundation

/// The output formats of findings.
public enum FindingFormat: String, CaseIterable, Sendable {
    /// `path:line:column: severity: message [rule]`, as compilers print diagnostics.
    case text
    /// One JSON array of finding objects.
    case json
    /// GitHub Actions workflow commands, which annotate the lines of a pull request.
    case github
    /// SARIF 2.1.0, read by code-scanning tools.
    case sarif
}

/// Prints findings: one printer per format, so every command prints them alike.
public enum FindingPrinter {
    public static func render(_ findings: [Finding], as format: FindingFormat) -> String {
        switch format {
        case .text: return text(findings)
        case .json: return json(findings)
        case .github: return github(findings)
        case .sarif: return sarif(findings)
        }
    }

    /// `path:line:column: severity: message [rule]`, one per line, as compilers print them.
    public static func text(_ findings: [Finding]) -> String {
        findings.map { "\($0.path):\($0.line):\($0.column): \($0.severity.rawValue): \($0.message) [\($0.rule)]\n" }.joined()
    }

    /// One JSON array of objects with the keys path, line, column, severity, rule, message.
    /// `[]` when there is none (Foundation's pretty printer writes an empty array over lines).
    public static func json(_ findings: [Finding]) -> String {
        if findings.isEmpty { return "[]\n" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(findings) else { return "[]\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// `::error file=…,line=…,col=…,title=…::message`, one per finding. Notes become notices.
    public static func github(_ findings: [Finding]) -> String {
        findings.map { finding in
            let command: String
            switch finding.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            let properties = "file=\(escapeProperty(finding.path)),line=\(finding.line),col=\(finding.column),title=\(escapeProperty(finding.rule))"
            return "::\(command) \(properties)::\(escapeData(finding.message + " [" + finding.rule + "]"))\n"
        }.joined()
    }

    private static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// A SARIF 2.1.0 log with one run: the tool's rules and one result per finding.
    public static func sarif(_ findings: [Finding], rules: [Rule] = Rule.all) -> String {
        let indexByID = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.id, $0.offset) })
        let log = SARIF.Log(
            version: "2.1.0",
            schema: "https://json.schemastore.org/sarif-2.1.0.json",
            runs: [SARIF.Run(
                tool: SARIF.Tool(driver: SARIF.Driver(
                    name: "factum",
                    rules: rules.map { SARIF.ReportingDescriptor(id: $0.id, shortDescription: SARIF.Message(text: $0.summary), fullDescription: SARIF.Message(text: $0.rationale), defaultConfiguration: SARIF.Configuration(level: SARIF.level($0.severity))) }
                )),
                results: findings.map { finding in
                    SARIF.Result(
                        ruleId: finding.rule,
                        ruleIndex: indexByID[finding.rule],
                        level: SARIF.level(finding.severity),
                        message: SARIF.Message(text: finding.message),
                        locations: [SARIF.Location(physicalLocation: SARIF.PhysicalLocation(
                            artifactLocation: SARIF.ArtifactLocation(uri: finding.path),
                            region: SARIF.Region(startLine: finding.line, startColumn: finding.column)
                        ))]
                    )
                }
            )]
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(log) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The part of SARIF 2.1.0 that findings need.
enum SARIF {
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    struct Log: Encodable {
        var version: String
        var schema: String
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case version, runs
            case schema = "$schema"
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var shortDescription: Message
        var fullDescription: Message
        var defaultConfiguration: Configuration
    }

    struct Configuration: Encodable {
        var level: String
    }

    struct Message: Encodable {
        var text: String
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Message
        var locations: [Location]
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable {
        var uri: String
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }
}
