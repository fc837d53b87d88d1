import Testing
@testable import FactumYAML

/// Large texts are parsed on a second thread while the tree is built; these check that the
/// document and its problems are exactly those of reading on one thread, also when the reading
/// stops early or libyaml fails.
@Suite("Concurrent parsing")
struct ConcurrentParsingTests {
    static func dump(_ node: Node?) -> String {
        guard let node else { return "nil" }
        let head = "@\(node.mark.line):\(node.mark.column)\(node.tag.map { "!" + $0 } ?? "")"
        switch node.content {
        case .scalar(let scalar): return "\(head)'\(scalar.text)'\(scalar.style)"
        case .sequence(let items): return "\(head)[" + items.map { dump($0) }.joined(separator: ",") + "]"
        case .mapping(let pairs): return "\(head){" + pairs.map { dump($0.key) + ":" + dump($0.value) }.joined(separator: ",") + "}"
        }
    }

    static let large = (0..<3_000).map { "key\($0): {a: &x\($0) [1, 'two', \"three\"], b: *x\($0)}" }.joined(separator: "\n") + "\n"

    static let texts: [(String, String)] = [
        ("small", "a: 1\nb: [x, y]\nc: {d: e}\n"),
        ("duplicate keys", "a: 1\nb: 2\na: 3\n"),
        ("merge keys", "base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  y: 3\n"),
        ("empty", ""),
        ("tab", "a:\n\tb: 1\n"),
        ("large", large),
        ("large, then a syntax error", large + "broken: [unclosed\n"),
        ("large, then a second document", large + "---\nsecond: 1\n---\nthird: [unclosed\n"),
        ("large, then a duplicate key", large + "key7: again\n"),
        ("deep nesting", String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)),
        ("alias bomb", "a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"),
        ("alias to nothing", large + "z: *missing\n"),
    ]

    @Test(arguments: texts.map(\.0))
    func concurrentReadingMatchesOneThread(_ name: String) throws {
        let text = try #require(Self.texts.first { $0.0 == name }?.1)
        let sequential = Reader(concurrentParsingThreshold: .max).read(text)
        let concurrent = Reader(concurrentParsingThreshold: 0).read(text)
        #expect(concurrent.problems == sequential.problems)
        #expect(Self.dump(concurrent.root) == Self.dump(sequential.root))
    }

    @Test func aSyntaxErrorAfterManyBatchesIsReportedOnceWithoutATree() {
        let document = Reader(concurrentParsingThreshold: 0).read(Self.large + "broken: [unclosed\n")
        #expect(document.problems.map(\.kind) == [.syntax])
        #expect(document.root == nil)
    }
}
