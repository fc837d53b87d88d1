import Foundation
import Testing
@testable import FactumSchema

/// Inputs meant to crash, hang or exhaust the tool: each gets a finding, quickly. The time
/// limit is a guard against hangs, not a speed measure (the benchmark measures speed).
@Suite("Hostile inputs", .timeLimit(.minutes(1)))
struct HostileInputTests {
    func findings(_ bytes: [UInt8]) -> [Finding] {
        Linter.lint([SourceFile(path: "h.domain.yaml", bytes: bytes)]).findings
    }

    @Test func aliasBomb() {
        var lines = ["domain: Bomb", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for level in 1..<12 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        lines.append("entities: *a11")
        let result = findings(Array(lines.joined(separator: "\n").utf8))
        #expect(rules(result) == ["yaml-syntax"])
    }

    @Test func hundredThousandDeepNesting() {
        for opener in ["[", "{a: "] {
            let closer = opener == "[" ? "]" : "}"
            let text = "domain: Deep\nentities: " + String(repeating: opener, count: 100_000) + String(repeating: closer, count: 100_000)
            #expect(rules(findings(Array(text.utf8))) == ["yaml-syntax"])
        }
        let block = "domain: D\n" + (0..<3000).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined()
        #expect(rules(findings(Array(block.utf8))) == ["yaml-syntax"])
    }

    @Test func binaryGarbage() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let result = findings(bytes)
            #expect(!result.isEmpty)
            #expect(result.allSatisfy { $0.severity == .error })
        }
        #expect(rules(findings([0, 0, 0, 0])) == ["yaml-syntax"])
        #expect(rules(findings([0xEF, 0xBB, 0xBF] + Array("domain: [".utf8))) == ["yaml-syntax"])
    }

    @Test func emptyAndBlankFiles() {
        for text in ["", "\n\n", "# only a comment\n", "---\n", "~\n"] {
            #expect(rules(findings(Array(text.utf8))) == ["missing-key"], "\(text.debugDescription)")
        }
        #expect(rules(findings(Array("just a string".utf8))) == ["invalid-value"])
        #expect(rules(findings(Array("- a\n- b\n".utf8))) == ["invalid-value"])
    }

    @Test func filesOverAMegabyte() {
        let longScalar = "domain: Big\ndescription: \"" + String(repeating: "x", count: 2_000_000) + "\"\n"
        #expect(rules(findings(Array(longScalar.utf8))) == ["missing-key"])
        let longName = "domain: " + String(repeating: "A", count: 1_500_000) + "\nentities: {}\n"
        let result = findings(Array(longName.utf8))
        #expect(rules(result) == ["invalid-name", "missing-key"])
        #expect(result.allSatisfy { $0.message.utf8.count < 500 })
        let manyKeys = "domain: Many\n" + (0..<60_000).map { "k\($0): v\n" }.joined()
        #expect(findings(Array(manyKeys.utf8)).count == 60_001)
        let tooLarge = [UInt8](repeating: UInt8(ascii: "#"), count: DomainLoader.maximumFileSize + 1)
        #expect(rules(findings(tooLarge)) == ["file-unreadable"])
    }

    @Test func deeplyNestedTypeStrings() {
        let type = String(repeating: "[", count: 50_000) + "String" + String(repeating: "]", count: 50_000)
        #expect(rules(lint(domain(fields: ["a: \"\(type)\""]))) == ["invalid-value"])
    }

    @Test func aLongChainOfStructTypesDoesNotRecurse() {
        let types = (0..<20_000).map { "  T\($0):\n    fields: {next: T\($0 + 1)?}\n" }.joined() + "  T20000:\n    fields: {next: T0}\n"
        let findings = lint(domain(extra: "types:\n" + types))
        #expect(rules(findings) == ["invalid-value"])
    }
}

/// A small deterministic generator (SplitMix64), so that random tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
