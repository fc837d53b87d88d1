import Foundation
import FactumYAML

extension Rule {
    public static let invalidName = Rule(
        id: "invalid-name",
        severity: .error,
        category: .loading,
        summary: "A name that is not a usable identifier: domain, entity, event and type names are PascalCase, field names and enum cases are identifiers.",
        rationale: "Names become Swift identifiers and JSON keys; one that is not an identifier cannot be generated.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  order-placed:  # <-
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
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
                    fields:
                      default: String
            """,
        ]
    )
}

extension Loading {
    /// True for an identifier of at most `Names.maximumLength` characters (a field name, an
    /// enum case); false, with `message`, for anything else.
    mutating func identifier(_ name: String, at mark: Mark, _ message: @autoclosure () -> String) -> Bool {
        if Names.isIdentifier(name), name.utf8.count <= Names.maximumLength { return true }
        sink.report(.invalidName, in: path, at: mark, message())
        return false
    }

    /// A mapping key that must be a PascalCase name; nil (with a finding) when it is not.
    mutating func pascalCaseKey(_ key: Node, what: String) -> String? {
        guard let name = text(key, what: withArticle(what) + " name") else { return nil }
        return pascalCaseName(name, at: key.mark, what: what) ? name : nil
    }

    @discardableResult
    mutating func pascalCaseName(_ name: String, at mark: Mark, what: String) -> Bool {
        if name.utf8.count > Names.maximumLength {
            sink.report(.invalidName, in: path, at: mark, "\(what) name \(quoted(name)) is longer than \(Names.maximumLength) characters")
            return false
        }
        if Names.isPascalCase(name) { return true }
        var advice = "use ASCII letters and digits starting with a capital"
        if Names.isIdentifier(name) {
            let camel = Names.pascalCased(name)
            if Names.isPascalCase(camel) { advice += ", as in '\(camel)'" }
        }
        sink.report(.invalidName, in: path, at: mark, "\(what) name \(quoted(name)) is not PascalCase; \(advice)")
        return false
    }
}

extension Names {
    /// `order_placed` → `OrderPlaced`, `orderPlaced` → `OrderPlaced`.
    static func pascalCased(_ name: String) -> String {
        name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
