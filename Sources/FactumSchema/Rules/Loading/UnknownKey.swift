import Foundation
import FactumYAML

extension Rule {
    public static let unknownKey = Rule(
        id: "unknown-key",
        severity: .error,
        category: .loading,
        summary: "A key the format does not define (with a suggestion when one is close).",
        rationale: "A misspelt key (`descripton`, `generaton`) would otherwise be ignored, and the setting it meant would silently not apply.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    visiblity: public  # <-
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
                    visibility: public
            """,
        ]
    )
}

extension Loading {
    /// The pairs by key text; unknown keys (and non-scalar keys) are reported.
    mutating func keyed(_ pairs: [Pair], allowed: [String], in context: @autoclosure () -> String) -> KeyedPairs {
        var result = KeyedPairs()
        result.pairs.reserveCapacity(pairs.count)
        for pair in pairs {
            guard let key = pair.keyText, pair.key.scalar != nil else {
                invalidValue(at: pair.key.mark, "a key in \(context()) is \(pair.key.kindDescription); keys are plain names")
                continue
            }
            guard allowed.contains(key) else {
                sink.report(.unknownKey, in: path, at: pair.key.mark, "unknown key \(quoted(key)) in \(context()) (allowed: \(allowed.joined(separator: ", ")))\(suggestion(for: key, among: allowed))")
                continue
            }
            result.pairs.append((key, pair))
        }
        return result
    }

    /// A mapping's pairs by key. A mapping here has a handful of keys, so a search along them
    /// costs less than hashing; the last pair with a key wins, as in a dictionary.
    struct KeyedPairs {
        var pairs: [(key: String, pair: Pair)] = []

        subscript(key: String) -> Pair? {
            pairs.last { $0.key == key }?.pair
        }
    }
}
