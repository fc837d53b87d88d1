import Foundation
import FactumYAML

/// The access level of generated declarations.
public enum AccessLevel: String, Hashable, Sendable, CaseIterable {
    case `internal`, package, `public`
}

/// The settings of `factum-config.yaml`: access level, per-rule severities, the past-tense
/// rule's extra words, and a templates folder.
public struct Configuration: Sendable {
    public static let fileNames = ["factum-config.yaml", "factum-config.yml"]
    public static let keys = ["access", "rules", "pastTense", "templates"]
    public static let pastTenseKeys = ["allow", "deny"]

    /// The file it came from, if any.
    public var path: String?
    public var access: AccessLevel = .internal
    /// Severity by rule id; nil turns a rule off.
    public var severities: [String: Severity?] = [:]
    public var pastTense = PastTense()
    /// The templates folder, resolved against the config file's folder.
    public var templates: String?

    public init() {}

    /// The severity a finding of `rule` gets: the configured one, or the rule's own; nil is off.
    public func severity(for rule: String, default severity: Severity) -> Severity? {
        if let configured = severities[rule] { return configured }
        return severity
    }

    /// Applies per-rule severities: changes or drops findings.
    public func apply(to findings: [Finding]) -> [Finding] {
        guard !severities.isEmpty else { return findings }
        return findings.compactMap { finding in
            guard let severity = severity(for: finding.rule, default: finding.severity) else { return nil }
            var changed = finding
            changed.severity = severity
            return changed
        }
    }

    /// Reads a configuration file's text; problems are findings at its lines.
    public static func load(path: String, bytes: inout [UInt8], into sink: inout FindingSink) -> Configuration {
        var configuration = Configuration()
        configuration.path = path
        let document = Reader().read(bytes: &bytes)
        for problem in document.problems {
            sink.report(problem.kind == .duplicateKey ? .duplicateKey : .yamlSyntax, in: path, at: problem.mark, problem.message)
        }
        guard document.problems.isEmpty, let root = document.root, !(root.scalar?.isNull ?? false) else {
            return configuration
        }
        guard let pairs = root.mapping else {
            sink.report(.invalidValue, in: path, at: root.mark, "a configuration file is a mapping of settings (\(keys.joined(separator: ", ")))")
            return configuration
        }
        for pair in pairs {
            guard let key = pair.keyText else { continue }
            switch key {
            case "access":
                let text = pair.value.scalar?.text ?? ""
                if let access = AccessLevel(rawValue: text) {
                    configuration.access = access
                } else {
                    let choices = AccessLevel.allCases.map(\.rawValue)
                    sink.report(.invalidValue, in: path, at: pair.value.mark, "access \(quoted(text)) is not one of \(choices.joined(separator: ", "))\(suggestion(for: text, among: choices))")
                }
            case "templates":
                if let text = pair.value.scalar?.text, !text.isEmpty {
                    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
                    configuration.templates = text.hasPrefix("/") ? text : folder.appendingPathComponent(text).path
                } else {
                    sink.report(.invalidValue, in: path, at: pair.value.mark, "templates is the path of a folder of templates")
                }
            case "rules":
                configuration.severities = severities(pair.value, in: path, into: &sink)
            case "pastTense":
                configuration.pastTense = pastTense(pair.value, in: path, into: &sink)
            default:
                sink.report(.unknownKey, in: path, at: pair.key.mark, "unknown setting \(quoted(key)) (settings: \(keys.joined(separator: ", ")))\(suggestion(for: key, among: keys))")
            }
        }
        return configuration
    }

    private static func severities(_ node: Node, in path: String, into sink: inout FindingSink) -> [String: Severity?] {
        guard let pairs = node.mapping else {
            sink.report(.invalidValue, in: path, at: node.mark, "rules is a mapping from rule id to severity, as in 'event-crud-verb: off'")
            return [:]
        }
        var result: [String: Severity?] = [:]
        let choices = Severity.allCases.map(\.rawValue) + ["off"]
        for pair in pairs {
            guard let id = pair.keyText else { continue }
            guard let rule = Rule.named(id) else {
                sink.report(.unknownKey, in: path, at: pair.key.mark, "unknown rule \(quoted(id))\(suggestion(for: id, among: Rule.all.map(\.id)))")
                continue
            }
            guard rule.category == .naming else {
                sink.report(.invalidValue, in: path, at: pair.key.mark, "rule '\(id)' guards that domain files can be generated and stored events read; its severity cannot be changed")
                continue
            }
            let text = pair.value.scalar?.text ?? ""
            if text == "off" {
                result[id] = .some(nil)
            } else if let severity = Severity(rawValue: text) {
                result[id] = .some(severity)
            } else {
                sink.report(.invalidValue, in: path, at: pair.value.mark, "severity \(quoted(text)) is not one of \(choices.joined(separator: ", "))\(suggestion(for: text, among: choices))")
            }
        }
        return result
    }

    private static func pastTense(_ node: Node, in path: String, into sink: inout FindingSink) -> PastTense {
        guard let pairs = node.mapping else {
            sink.report(.invalidValue, in: path, at: node.mark, "pastTense is a mapping with 'allow' and 'deny' lists of words")
            return PastTense()
        }
        var allowed: Set<String> = []
        var denied: Set<String> = []
        for pair in pairs {
            guard let key = pair.keyText else { continue }
            guard pastTenseKeys.contains(key) else {
                sink.report(.unknownKey, in: path, at: pair.key.mark, "unknown key \(quoted(key)) in pastTense (allowed: allow, deny)\(suggestion(for: key, among: pastTenseKeys))")
                continue
            }
            guard let items = pair.value.sequence else {
                sink.report(.invalidValue, in: path, at: pair.value.mark, "'\(key)' is a list of words, as in [Ready, Live]")
                continue
            }
            for item in items {
                guard let word = item.scalar?.text, !word.isEmpty, word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else {
                    sink.report(.invalidValue, in: path, at: item.mark, "'\(key)' takes single words of letters, such as 'Ready'")
                    continue
                }
                if key == "allow" { allowed.insert(word) } else { denied.insert(word) }
            }
        }
        return PastTense(allowed: allowed, denied: denied)
    }
}
