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

/// Runs `body` on a thread with a small stack (512 KiB: what macOS gives a secondary thread
/// and a concurrency worker), as a server's worker would, and returns what it returned.
func onSmallStack<Result: Sendable>(_ body: @escaping @Sendable () -> Result) -> Result {
    let box = SmallStackResult<Result>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.value = body()
        done.signal()
    }
    thread.stackSize = 512 * 1024
    thread.start()
    done.wait()
    return box.value!
}

final class SmallStackResult<Value>: @unchecked Sendable { var value: Value? }

/// Long and deep paths: refused past the limits with a message naming the limit, answered
/// within them without deep recursion (issue 27: `$` and 50,000 `.a`, or 10,000 tests joined
/// by `&&`, overflowed the stack).
@Suite("SQL/JSON path: long and deep paths")
struct JSONPathLimitTests {
    static func refusal(_ path: String) -> String? {
        do {
            _ = try JSONPath(path)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func pathsPastTheLimitsAreRefusedNamingTheLimit() {
        let cases: [(String, String)] = [
            ("$" + String(repeating: ".a", count: 50_000), "longer than 65536 bytes"),
            (Array(repeating: "$.n == 1", count: 10_000).joined(separator: " && "), "longer than 65536 bytes"),
            ("$" + String(repeating: ".a", count: 1_001), "more than 1000 accessors"),
            ("$" + String(repeating: "[0]", count: 1_001), "more than 1000 accessors"),
            (Array(repeating: "$.n == 1", count: 4_098).joined(separator: " && "), "more than 4096 && and || operators"),
            (Array(repeating: "$.n == 1", count: 3_000).joined(separator: " && ") + " || " + Array(repeating: "$.n == 2", count: 1_098).joined(separator: " || "), "more than 4096 && and || operators"),
            (String(repeating: "(", count: 33) + "$.n == 1" + String(repeating: ")", count: 33), "deeper than 32 levels"),
            ("$" + String(repeating: " ? (exists(@", count: 20) + String(repeating: "))", count: 20), "deeper than 32 levels"),
            (String(repeating: "(", count: 60_000), "deeper than 32 levels"),
        ]
        let messages = onSmallStack { cases.map { Self.refusal($0.0) } }
        for ((path, expected), message) in zip(cases, messages) {
            #expect(message?.contains(expected) == true, "\(path.prefix(40))…: \(message ?? "parsed")")
        }
    }

    @Test func pathsAtTheLimitsAreAnsweredOnASmallStack() throws {
        // {"a": {"a": … {"a": 1}}}, 1,000 deep, and the paths that walk it.
        var deep = JSONValue.number(.integer(1))
        for _ in 0..<1_000 { deep = .object([JSONMember(key: "a", value: deep)]) }
        let document = deep
        let answers = onSmallStack { () -> [Bool?] in
            func answer(_ text: String, _ on: JSONValue) -> Bool? { (try? JSONPath(text)).flatMap { try? $0.matches(on) } }
            let one = JSONValue.object([JSONMember(key: "n", value: .number(.integer(1)))])
            return [
                answer("$" + String(repeating: ".a", count: 1_000) + " == 1", document),
                answer("$" + String(repeating: ".a", count: 999) + " ? (@.a == 1)", document),
                answer("$" + String(repeating: ".a", count: 1_000), one),
                answer(Array(repeating: "$.n == 1", count: 4_097).joined(separator: " && "), one),
                answer(Array(repeating: "$.n == 2", count: 4_096).joined(separator: " || ") + " || $.n == 1", one),
                answer(Array(repeating: "$.n == 1", count: 4_096).joined(separator: " && ") + " && $.n == 2", one),
                answer(String(repeating: "(", count: 31) + "$.n == 1" + String(repeating: ")", count: 31), one),
                answer("$" + String(repeating: " ? (@.n == 1 && exists(@", count: 15) + String(repeating: "))", count: 15), one),
                answer(String(repeating: "!(", count: 31) + "$.n == 1" + String(repeating: ")", count: 31), one),
            ]
        }
        #expect(answers == [true, true, false, true, true, false, true, true, false])
    }

    @Test func aTaskEvaluatesTheLongestPathsAsAThreadDoes() async throws {
        let path = try JSONPath(Array(repeating: "$.n == 1", count: 4_097).joined(separator: " && "))
        let chain = try JSONPath("$" + String(repeating: ".a", count: 1_000))
        let matched = await Task.detached { (try? path.matches(.object([JSONMember(key: "n", value: .number(.integer(1)))]))) ?? false }.value
        let missed = await Task.detached { (try? chain.matches(.array([]))) ?? true }.value
        #expect(matched && !missed)
    }

    @Test func aNULInAPathStringIsRefusedWrittenOrEscaped() {
        for path in ["$.a == \"x\u{0}y\"", #"$.a == "x\u0000y""#, "$.\"a\u{0}\"", #"$.a starts with "\x00""#] {
            #expect(Self.refusal(path)?.contains("NUL") == true, "\(path.debugDescription): \(Self.refusal(path) ?? "parsed")")
        }
    }

    @Test func likeRegexRefusesAQuantifierOfAQuantifierAndStopsAtTheStepLimit() throws {
        for pattern in ["a**", "a+*", "a{2}{3}", "a?+"] {
            #expect(throws: LikeRegex.SyntaxError.self, "\(pattern)") { try LikeRegex(pattern) }
        }
        #expect(try LikeRegex("(a*)*b").matches("aab"))
        #expect(try LikeRegex("a*?b").matches("aab"))
        // Thousands of automaton states at each of 200,000 characters: stopped, not hung.
        let text = JSONValue.object([JSONMember(key: "s", value: .string(String(repeating: "a", count: 200_000)))])
        #expect(throws: JSONPath.EvaluationLimit.self) { try JSONPath(#"$.s like_regex "[a-z]{0,1000}x""#).matches(text) }
        #expect(try JSONPath(#"$.s like_regex "a{3}""#).matches(text))
    }
}

@Suite("SQL/JSON path: numbers")
struct JSONPathNumberTests {
    /// A whole number written with a fraction is an integer in a path as in a payload, so
    /// that 2^53 + 1 is not 2^53 (PostgreSQL's numeric is exact).
    @Test func wholeNumbersWrittenWithAFractionAreExact() throws {
        let payload = try #require(JSONValue(parsing: Data(#"{"n": 9007199254740993.0, "m": 9007199254740992, "x": 0.30000000000000004, "t": 1e-300}"#.utf8)))
        #expect(try JSONPath("$.n == 9007199254740993").matches(payload))
        #expect(try JSONPath("$.n == 9007199254740993.0").matches(payload))
        #expect(try !JSONPath("$.m == 9007199254740993.0").matches(payload))
        #expect(try JSONPath("$.m == 9.007199254740992e15").matches(payload))
        #expect(try JSONPath("$.x == 0.30000000000000004").matches(payload))
        #expect(try !JSONPath("$.x == 0.3").matches(payload))
        #expect(try JSONPath("$.t == 1e-300 && $.t > 0").matches(payload))
    }
}
