import Foundation
import FactumYAML

extension Rule {
    public static let yamlSyntax = Rule(
        id: "yaml-syntax",
        severity: .error,
        category: .loading,
        summary: "The file is not well-formed YAML, or breaks a bound of the reader.",
        rationale: "Nothing can be read from a file libyaml rejects. The reader also bounds nesting depth and alias expansion, so that no file can exhaust memory or time, and holds one document per file.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events: [OrderPlaced  # <-
            """,
            """
            domain: Shop
            entities: &a
              Order: *a  # <-
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ]
    )
}

extension Loading {
    mutating func yamlSyntax(_ problem: YAMLProblem) {
        sink.report(.yamlSyntax, in: path, at: problem.mark, problem.message + Self.indentationHint(problem.message, line: problem.mark.line))
    }

    /// libyaml's messages that a misindented line causes say nothing of indentation; this says
    /// what to look at. (A tab has its own hint, from the reader.)
    static func indentationHint(_ message: String, line: Int) -> String {
        let indentation = ["did not find expected key", "mapping values are not allowed in this context", "did not find expected '-' indicator",
                           "block sequence entries are not allowed in this context", "could not find expected ':'", "did not find expected node content"]
        guard indentation.contains(where: message.contains) else { return "" }
        return "; check the indentation of line \(line) and the lines above it: a key lines up with the keys of its mapping, and its value's keys are indented further"
    }
}
