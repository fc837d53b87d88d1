import FactumSchema
import Foundation
import Testing
@testable import FactumCodegen

/// Defaults of every field type at their limits and beyond, and long histories: each is a
/// finding at its line or generated code, never a crash, and the output grows linearly.
@Suite("Defaults at their limits, long histories", .timeLimit(.minutes(2)))
struct DefaultLimitTests {
    func domain(type: String, value: String) -> String {
        """
        domain: Limits
        entities:
          Thing:
            events:
              ThingCounted:
                id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                fields:
                  value: {type: "\(type)", default: \(value)}
        """
    }

    /// The rules reported for the default, or the generated initializer's line.
    func outcome(type: String, value: String) throws -> String {
        let result = Linter.lint([SourceFile(path: "Limits.domain.yaml", text: domain(type: type, value: value))])
        if !result.findings.isEmpty { return result.findings.map { "\($0.line):\($0.rule)" }.joined(separator: " ") }
        let file = try #require(try Generator().generate(result.files).first)
        return file.contents.split(separator: "\n").first { $0.contains("value: ") && $0.contains("=") }.map { String($0.trimmingCharacters(in: .whitespaces)) } ?? "no initializer"
    }

    @Test(arguments: [
        ("Date", #""2024-05-01T12:00:00.00000000000000000000000000000000000Z""#, "8:invalid-default"),
        ("Date", #""2024-05-01T12:00:00.1234567890Z""#, "8:invalid-default"),
        ("Date", #""2024-05-01T12:00:00.123456789Z""#, "= Foundation.Date(timeIntervalSince1970: 1714564800.1234567"),
        ("Date", #""2023-02-29T00:00:00Z""#, "8:invalid-default"),
        ("Date", #""2024-05-01T24:00:00Z""#, "8:invalid-default"),
        ("Date", #""2024-05-01T23:59:60Z""#, "8:invalid-default"),
        ("Date", #""2024-05-01T12:00:00+24:00""#, "8:invalid-default"),
        ("Date", #""2024-05-01 12:00:00Z""#, "8:invalid-default"),
        ("Date", #""+12024-05-01T12:00:00Z""#, "8:invalid-default"),
        ("Date", #""0000-01-01T00:00:00Z""#, "= Foundation.Date(timeIntervalSince1970: -62167219200.0"),
        ("Date", "\"" + String(repeating: "9", count: 100_000) + "\"", "8:invalid-default"),
        ("Int8", "127", "= 127"),
        ("Int8", "128", "8:invalid-default"),
        ("Int64", "-9223372036854775809", "8:invalid-default"),
        ("UInt8", "-0", "8:invalid-default"),
        ("UInt64", "18446744073709551616", "8:invalid-default"),
        ("Int", String(repeating: "9", count: 10_000), "8:invalid-default"),
        ("Double", "1e309", "8:invalid-default"),
        ("Double", "4e-324", "= Swift.Double(bitPattern: 0x1)"),
        ("Double", "1e-400", "= 0.0"),
        ("Float", "3.5e38", "8:invalid-default"),
        ("Float", "1e-45", "= Swift.Float(bitPattern: 0x1)"),
        ("Double", "0x10", "8:invalid-default"),
        ("Double", ".inf", "8:invalid-default"),
        ("Double", "1_000", "8:invalid-default"),
        ("Decimal", "1e200", "8:invalid-default"),
        ("Decimal", "123456789012345678901234567890123456789", "8:invalid-default"),
        ("Decimal", "99999999999999999999999999999999999999", #"= Foundation.Decimal(sign: .plus, exponent: 0, significand: Foundation.Decimal(string: "99999999999999999999999999999999999999")!)"#),
        ("Decimal", "-0.5", "= Foundation.Decimal(sign: .minus, exponent: -1, significand: Foundation.Decimal(5))"),
        ("Decimal", String(repeating: "1", count: 100_000), "8:invalid-default"),
        ("UUID", "0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6", "8:invalid-default"),
        ("URL", #""not a url""#, "8:invalid-default"),
        ("Data", #""not base64!""#, "8:invalid-default"),
        ("Bool", "yes", "8:invalid-default"),
        ("[Int8]", "[1, 300]", "8:invalid-default"),
        ("[String: Float]", "{a: 1e39}", "8:invalid-default"),
        ("Int?", "null", "= nil"),
    ])
    func aDefaultAtOrBeyondItsLimit(type: String, value: String, expected: String) throws {
        let result = try outcome(type: type, value: value)
        if expected.hasPrefix("= ") {
            #expect(result.contains(expected), "\(result)")
        } else {
            #expect(result == expected)
        }
    }

    /// Random text as the default of every type: a finding or code, never a crash.
    @Test func randomDefaultsOfEveryType() throws {
        let types = ["String", "Bool", "Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64", "Double", "Float", "Decimal", "Date", "UUID", "URL", "Data", "[Int]", "[String: Double]", "Date?"]
        let alphabet = Array("0123456789+-.eEZzTt:_ x/=\\\"'")
        var generator = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 0...UInt64.max, using: &generator)
        var random = SplitMix(state: seed)
        for round in 0..<2_000 {
            let type = types[round % types.count]
            let length = Int.random(in: 1...40, using: &random)
            var text = String((0..<length).map { _ in alphabet.randomElement(using: &random)! })
            if round % 3 == 0 { text = "2024-05-01T12:00:00" + text }
            let quoted = "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            let result = try outcome(type: type, value: quoted)
            #expect(!result.isEmpty, "seed \(seed), type \(type), default \(quoted)")
        }
    }

    func history(_ generations: Int) -> String {
        var lines = ["domain: Long", "entities:", "  Thing:", "    events:", "      ThingCounted:", "        id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f", "        generation: \(generations)", "        fields:", "          f\(generations): Int?"]
        if generations > 1 { lines.append("        history:") }
        for number in 1..<max(1, generations) {
            lines += ["          \(number):", "            fields:", "              f\(number): Int?"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func longHistoriesGrowLinearly() throws {
        func size(_ generations: Int) throws -> Int {
            let result = Linter.lint([SourceFile(path: "Long.domain.yaml", text: history(generations))])
            #expect(result.findings.isEmpty, "\(result.findings.prefix(3))")
            return try #require(try Generator().generate(result.files).first).contents.utf8.count
        }
        let hundred = try size(100)
        let thousand = try size(1_000)
        // Ten times the generations, about ten times the code (the names grow a digit).
        #expect(Double(thousand) / Double(hundred) < 11.5, "\(hundred) bytes at 100 generations, \(thousand) at 1,000")
        #expect(thousand < 1_000_000)
    }

    @Test func theGenerationCountIsBounded() {
        let findings = Linter.lint([SourceFile(path: "Long.domain.yaml", text: history(1_001))]).findings
        #expect(findings.contains { $0.rule == Rule.invalidValue.id && $0.line == 7 && $0.message.contains("1 to 1000") }, "\(findings.prefix(3))")
    }
}

/// A seeded generator (SplitMix64), so that a failing round can be replayed from its seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
