import Foundation
import Testing
@testable import FactumSchema

/// Mutates the example schemas with a seeded generator and checks that the linter survives
/// every mutant and that every finding it reports is well-formed and reported once.
@Suite("Fuzzing the example schemas", .timeLimit(.minutes(1)))
struct FuzzTests {
    static let examples: [(String, String)] = ["Kitchen", "Patron", "Game"].map { name in
        let url = packageRoot.appendingPathComponent("Schemas/\(name).domain.yaml")
        return (name, (try? String(contentsOf: url, encoding: .utf8)) ?? "")
    }

    static let tokens = [":", "[", "]", "{", "}", ",", "-", "#", "&a", "*a", "!", "|", ">", "'", "\"", "%", "@", "\t", "\n", " ", "?", "<<: *a", "~", "null", "no", "1.10", "0x1F", "\u{0}", "\u{FEFF}", "é", "---"]

    @Test(arguments: 0..<3)
    func mutantsGetWellFormedFindings(example: Int) throws {
        let (name, original) = Self.examples[example]
        try #require(!original.isEmpty, "example \(name) not found")
        var generator = SeededGenerator(seed: UInt64(1000 + example))
        for iteration in 0..<1000 {
            let mutant = mutate(original, using: &generator)
            let path = "\(name)-\(iteration).domain.yaml"
            let result = Linter.lint([SourceFile(path: path, text: mutant)])
            let lineCount = mutant.split(separator: "\n", omittingEmptySubsequences: false).count
            // Each check runs once per thing it checks: nothing is reported twice, and nothing is deduplicated to hide it.
            #expect(Set(result.findings).count == result.findings.count, "a finding reported twice in\n\(mutant)\n\(result.findings)")
            for finding in result.findings {
                #expect(finding.path == path)
                #expect(finding.line >= 1 && finding.line <= lineCount + 1, "\(finding) in\n\(mutant)")
                #expect(finding.column >= 1)
                #expect(Rule.named(finding.rule) != nil, "unknown rule \(finding.rule)")
                #expect(!finding.message.isEmpty)
                #expect(!finding.message.contains("\n"))
            }
            if !result.hasErrors {
                #expect(result.files.count == 1, "a mutant without errors must load:\n\(mutant)")
            }
        }
    }

    func mutate(_ text: String, using generator: inout SeededGenerator) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let rounds = Int.random(in: 1...3, using: &generator)
        for _ in 0..<rounds where !lines.isEmpty {
            let index = Int.random(in: 0..<lines.count, using: &generator)
            switch Int.random(in: 0..<7, using: &generator) {
            case 0: lines.remove(at: index)
            case 1: lines.insert(lines[index], at: index)
            case 2: lines.swapAt(index, Int.random(in: 0..<lines.count, using: &generator))
            case 3: lines[index] = String(repeating: " ", count: Int.random(in: 0...3, using: &generator)) + lines[index]
            case 4:
                var characters = Array(lines[index])
                let token = Self.tokens.randomElement(using: &generator) ?? ":"
                let position = characters.isEmpty ? 0 : Int.random(in: 0...characters.count, using: &generator)
                characters.insert(contentsOf: token, at: position)
                lines[index] = String(characters)
            case 5:
                var characters = Array(lines[index])
                if !characters.isEmpty { characters.remove(at: Int.random(in: 0..<characters.count, using: &generator)) }
                lines[index] = String(characters)
            default:
                lines = Array(lines.prefix(index))
            }
        }
        return lines.joined(separator: "\n")
    }
}
