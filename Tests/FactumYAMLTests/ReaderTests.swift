import Testing
@testable import FactumYAML

@Suite("YAML reader")
struct ReaderTests {
    let reader = Reader()

    @Test func scalarsKeepTextStyleAndMarks() throws {
        let document = reader.read("a: no\nb: '1.10'\nc: \"x\"\n")
        #expect(document.problems.isEmpty)
        let pairs = try #require(document.root?.mapping)
        #expect(pairs.map(\.keyText) == ["a", "b", "c"])
        #expect(pairs[0].value.scalar == Scalar("no", style: .plain))
        #expect(pairs[1].value.scalar == Scalar("1.10", style: .singleQuoted))
        #expect(pairs[2].value.scalar?.style == .doubleQuoted)
        #expect(pairs[1].key.mark == Mark(line: 2, column: 1))
        #expect(pairs[1].value.mark == Mark(line: 2, column: 4))
    }

    @Test func mappingOrderIsKept() throws {
        let keys = (0..<50).map { "k\(49 - $0)" }
        let text = keys.map { "\($0): 1" }.joined(separator: "\n")
        let pairs = try #require(reader.read(text).root?.mapping)
        #expect(pairs.compactMap(\.keyText) == keys)
    }

    @Test func duplicateKeysAreReportedAtTheSecondKey() throws {
        let document = reader.read("a: 1\nb: 2\na: 3\n")
        #expect(document.problems == [YAMLProblem(kind: .duplicateKey, mark: Mark(line: 3, column: 1), message: "duplicate key 'a'; the first one is at line 1")])
        #expect(document.root?.mapping?.count == 2)
    }

    @Test func aliasesExpandToTheAnchoredNode() throws {
        let document = reader.read("base: &b {x: 1}\ncopy: *b\n")
        #expect(document.problems.isEmpty)
        let pairs = try #require(document.root?.mapping)
        #expect(pairs[1].value.mapping?.first?.keyText == "x")
    }

    @Test func mergeKeysMergeWithWrittenKeysWinning() throws {
        let text = """
            base: &b {x: 1, y: 2}
            item:
              <<: *b
              y: 3
              z: 4
            """
        let document = reader.read(text)
        #expect(document.problems.isEmpty)
        let item = try #require(document.root?.mapping?[1].value.mapping)
        #expect(item.compactMap(\.keyText) == ["x", "y", "z"])
        #expect(item[1].value.scalar?.text == "3")
    }

    @Test func anAliasBombIsStoppedEarly() {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for level in 1..<10 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        let document = reader.read(lines.joined(separator: "\n"))
        #expect(document.problems.count == 1)
        #expect(document.problems.first?.message.contains("expand to more than") == true)
    }

    @Test func deepNestingIsBoundedWithoutRecursion() {
        let text = "a: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let document = reader.read(text)
        #expect(document.problems.first?.message.contains("nests deeper than 128") == true)
        #expect(document.problems.first?.mark.line == 1)
    }

    @Test func anAliasToAnUnfinishedNodeIsAnError() {
        let document = reader.read("a: &x [*x]\n")
        #expect(document.problems.first?.kind == .syntax)
    }

    @Test func syntaxErrorsCarryTheirPosition() {
        let document = reader.read("a: [1, 2\nb: 3\n")
        #expect(document.problems.count == 1)
        #expect(document.problems.first?.kind == .syntax)
        #expect((document.problems.first?.mark.line ?? 0) >= 1)
    }

    @Test func unquotedOptionalCollectionsGetAHint() {
        let document = reader.read("fields:\n  tags: [String]?\n")
        #expect(document.problems.first?.message.contains("must be quoted") == true)
    }

    @Test func oneDocumentPerFile() {
        let document = reader.read("a: 1\n---\nb: 2\n")
        #expect(document.problems.first?.message.contains("one YAML document") == true)
    }

    @Test func emptyTextHasNoRoot() {
        let document = reader.read("")
        #expect(document.root == nil)
        #expect(document.problems.isEmpty)
    }
}
