import Foundation
@testable import FactumSchema

/// Lints domain file texts given by path, as the command would.
func lint(_ files: [String: String], configuration: Configuration = Configuration()) -> LintResult {
    Linter.lint(files.map { SourceFile(path: $0.key, text: $0.value) }, configuration: configuration)
}

func lint(_ text: String) -> [Finding] {
    lint(["test.domain.yaml": text]).findings
}

func rules(_ findings: [Finding]) -> [String] {
    findings.map(\.rule)
}

/// The package's root folder, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A minimal valid domain with the given event name and field lines.
func domain(event: String = "OrderPlaced", fields: [String] = [], extra: String = "") -> String {
    var text = """
        domain: Shop
        \(extra)
        entities:
          Order:
            events:
              \(event):
                id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
        """
    if !fields.isEmpty {
        text += "\n        fields:\n" + fields.map { "          " + $0 }.joined(separator: "\n")
    }
    return text + "\n"
}
