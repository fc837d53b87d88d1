import Foundation
import Testing
@testable import Factum

/// The path language's edges: refusals that point at the offending character, and bounded
/// work on hostile documents and patterns.
@Suite("SQL/JSON path", .timeLimit(.minutes(1)))
struct JSONPathTests {
    @Test(arguments: [
        ("$.dish ==", 9), ("$.a ? (@ = 1)", 9), ("dish", 0), ("$.a.size()", 4), ("$.**", 1), ("@.a", 0),
        ("strict $.a", 0), ("$.a like_regex \"(a\"", 15), ("$.a like_regex \"\\\\1\"", 15), ("$[1", 3), ("$.a ? (@ > 1", 12),
        ("$ && $", 2), ("$.\"unclosed", 2), ("$.a starts with 1", 16), ("$var", 0), ("$.a ! 1", 4), ("", 0),
    ])
    func refusalsPointAtTheCharacter(path: String, offset: Int) {
        do {
            _ = try JSONPath(path)
            Issue.record("\(path) parsed")
        } catch {
            #expect(error.offset == offset, "\(path): \(error)")
            #expect(error.description.contains("^"))
        }
    }

    @Test func pathologicalPatternsAreLinear() throws {
        let text = String(repeating: "a", count: 20_000)
        for pattern in ["(a+)+b", "(a|a)*b", "(a*)*b", "a{0,100}a{100}b", "(.*a){20}b"] {
            let regex = try LikeRegex(pattern)
            #expect(!regex.matches(text), "\(pattern)")
        }
        #expect(try LikeRegex("(a+)+b").matches(text + "b"))
        #expect(throws: LikeRegex.SyntaxError.self) { try LikeRegex("a{5000}") }
        #expect(throws: LikeRegex.SyntaxError.self) { try LikeRegex(String(repeating: "(", count: 200) + "a" + String(repeating: ")", count: 200)) }
    }

    @Test func regexBasics() throws {
        #expect(try LikeRegex("^ch", flags: "i").matches("Chili"))
        #expect(try !LikeRegex("^ch").matches("Chili"))
        #expect(try LikeRegex("[0-9]{3}-[a-z]+$").matches("call 555-abc"))
        #expect(try !LikeRegex("a.b").matches("a\nb"))
        #expect(try LikeRegex("a.b", flags: "s").matches("a\nb"))
        #expect(try LikeRegex("^b", flags: "m").matches("a\nb"))
        #expect(try LikeRegex("a.b", flags: "q").matches("xa.by"))
        #expect(try !LikeRegex("a.b", flags: "q").matches("axb"))
        #expect(try LikeRegex("\\d+\\s\\w").matches("12 x"))
        #expect(try LikeRegex("(?:ab)+c").matches("ababc"))
        #expect(throws: LikeRegex.SyntaxError.self) { try LikeRegex("(?=a)") }
        #expect(throws: LikeRegex.SyntaxError.self) { try LikeRegex("a", flags: "z") }
    }

    @Test func hugeDocumentsStopAtTheStepLimit() throws {
        // A wide array crossed with itself: a million comparisons and more.
        let wide = JSONValue.object([JSONMember(key: "a", value: .array((0..<2_000).map { .number(.integer(Int64($0))) }))])
        #expect(throws: JSONPath.EvaluationLimit.self) { try JSONPath("$.a[*] ? (@ == $.a[*] && @ < 0)").matches(wide) }
        // A deep document is read without recursion trouble up to Foundation's own limit.
        let deep = Data((String(repeating: "[", count: 400) + "1" + String(repeating: "]", count: 400)).utf8)
        if let document = JSONValue(parsing: deep) {
            #expect(try JSONPath("$[0][0][0]").matches(document))
        }
        #expect(try JSONPath("$.a[1999] == 1999").matches(wide))
    }
}
