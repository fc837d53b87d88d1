import Foundation

/// How a value from an input file appears inside a message: quoted, and shortened so that a
/// hostile megabyte-long value cannot flood the output.
func quoted(_ text: String, limit: Int = 60) -> String {
    var shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
    shown = shown.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
    return "'\(shown)'"
}

/// "did you mean 'x'?" when one candidate is close to `text`, or an empty string.
func suggestion(for text: String, among candidates: some Sequence<String>) -> String {
    guard let best = closest(to: text, among: candidates) else { return "" }
    return "; did you mean '\(best)'?"
}

/// The candidate closest to `text` by edit distance (case-insensitive), if it is close enough
/// to be a likely typo.
func closest(to text: String, among candidates: some Sequence<String>) -> String? {
    let lowered = Array(text.lowercased().utf8)
    guard lowered.count <= 64 else { return nil }
    var best: (String, Int)?
    for candidate in candidates {
        let other = Array(candidate.lowercased().utf8)
        let distance = editDistance(lowered, other)
        let allowed = max(1, min(3, other.count / 3))
        if distance <= allowed, distance < (best?.1 ?? .max) {
            best = (candidate, distance)
        }
    }
    return best?.0
}

/// The edit distance in which swapping two neighbouring letters is one edit (`UUDI` → `UUID`,
/// `Fromat` → `Format`), as it is one slip of the fingers (optimal string alignment).
private func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = Array(repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}

/// The word with its indefinite article: "an event", "a type", "an Int8", "a UUID".
func withArticle(_ word: String) -> String {
    let lower = word.lowercased()
    // Letters read as names of letters ("a UUID", "an URL"… is "a URL"): only a vowel sound.
    let vowel = ["a", "e", "i", "o"].contains { lower.hasPrefix($0) } || (lower.hasPrefix("u") && !lower.hasPrefix("uu") && !lower.hasPrefix("ur") && !lower.hasPrefix("ui") && !lower.hasPrefix("us"))
    return (vowel ? "an " : "a ") + word
}
