import Foundation
import Testing
@testable import FactumSchema

/// Judges several hundred real event and command names and prints the accuracy, with every
/// name misjudged, so that a change to the rule shows what it gains and loses.
@Suite("Name corpus")
struct NameCorpusTests {
    static func names(_ file: String) -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus/\(file)")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    @Test func eventNamesPass() {
        let names = Self.names("events.txt")
        #expect(names.count >= 300)
        let rejected = names.filter { !PastTense().judge($0).isFact }
        let accuracy = Double(names.count - rejected.count) / Double(names.count) * 100
        print(String(format: "event-past-tense: %d of %d event names accepted (%.1f%%); rejected: %@", names.count - rejected.count, names.count, accuracy, rejected.joined(separator: ", ")))
        #expect(accuracy >= 99, "rejected event names: \(rejected)")
    }

    @Test func commandNamesFail() {
        let names = Self.names("commands.txt")
        #expect(names.count >= 200)
        let accepted = names.filter { PastTense().judge($0).isFact }
        let accuracy = Double(names.count - accepted.count) / Double(names.count) * 100
        print(String(format: "event-past-tense: %d of %d command names rejected (%.1f%%); accepted: %@", names.count - accepted.count, names.count, accuracy, accepted.joined(separator: ", ")))
        #expect(accuracy >= 97, "accepted command names: \(accepted)")
    }

    @Test func noCorpusNameIsOnBothLists() {
        #expect(Set(Self.names("events.txt")).isDisjoint(with: Self.names("commands.txt")))
    }
}
