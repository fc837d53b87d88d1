import Factum
import Foundation

/// The agreement the kit guarantees at the edges of what JSON holds: a random log of payloads
/// with numbers at the edges of `Int64` and `Double`, Unicode and long strings, and payloads
/// with `\u0000`, and a few hundred random selectors over them, select the same events on the
/// store under test as on `InMemoryEventStore`.
///
/// Its domain is where every store agrees (docs/event-stores.md, "Numbers"): integers compare
/// exactly with integers at any size; a number written with a fraction or an exponent is a
/// `Double` in Factum's evaluator and exact in PostgreSQL, so the kit compares such numbers
/// only with numbers they are not within rounding of (every double here is written in its
/// shortest form, and none lies near an integer beyond 2^53).
enum EdgeValueChecks {
    /// Integers written as integers: exact on every store.
    static let integers: [String] = [
        "-9223372036854775808", "-9223372036854775807", "-9007199254740993", "-9007199254740992", "-1", "0", "1", "42",
        "9007199254740992", "9007199254740993", "9223372036854775806", "9223372036854775807",
    ]
    /// Doubles in their shortest form, none near an integer beyond 2^53.
    static let doubles: [String] = [
        "0.5", "-0.5", "0.1", "0.30000000000000004", "1.5e-300", "5e-324", "2.2250738585072014e-308", "1e300", "-1e300",
        "1.7976931348623157e308", "-1.7976931348623157e308", "42.0", "-0.0", "3.141592653589793", "1e15",
    ]
    static let strings: [String] = [
        "", "a", "Chili", "chili", "é", "e\u{301}", "🌶️", "Grüße", "ключ", "a\"b", "back\\slash", "tab\there",
        String(repeating: "x", count: 5_000), String(repeating: "é", count: 300) + "z",
    ]

    /// A string as a JSON literal (for payloads) and as a path literal (the same escapes).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    static func randomPayload(_ random: inout PropertyChecks.Random) -> String {
        var members: [String] = []
        if Int.random(in: 0..<5, using: &random) > 0 { members.append("\"i\":" + integers.randomElement(using: &random)!) }
        if Int.random(in: 0..<5, using: &random) > 0 { members.append("\"d\":" + doubles.randomElement(using: &random)!) }
        if Int.random(in: 0..<5, using: &random) > 0 { members.append("\"s\":" + quoted(strings.randomElement(using: &random)!)) }
        if Bool.random(using: &random) {
            let list = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                Bool.random(using: &random) ? integers.randomElement(using: &random)! : quoted(strings.randomElement(using: &random)!)
            }
            members.append("\"list\":[" + list.joined(separator: ",") + "]")
        }
        if Int.random(in: 0..<4, using: &random) == 0 { members.append(#""ключ":"значение""#) }
        // PostgreSQL's jsonb cannot hold it: on every store, such a payload matches no path.
        if Int.random(in: 0..<12, using: &random) == 0 { members.append(#""z":"a\u0000b""#) }
        return "{" + members.shuffled(using: &random).joined(separator: ",") + "}"
    }

    static let comparisons = ["==", "!=", "<", "<=", ">", ">="]

    static func randomPath(_ random: inout PropertyChecks.Random) -> String {
        let comparison = comparisons.randomElement(using: &random)!
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return "$.i \(comparison) " + integers.randomElement(using: &random)!
        case 1: return "$.d \(comparison) " + (Bool.random(using: &random) ? doubles : ["0", "1", "42", "-1"]).randomElement(using: &random)!
        case 2: return "$.s \(comparison) " + quoted(strings.randomElement(using: &random)!)
        case 3: return "$.list[*] ? (@ \(comparison) " + integers.randomElement(using: &random)! + ")"
        case 4: return "$.i == " + integers.randomElement(using: &random)!
        case 5: return "$.d == " + doubles.randomElement(using: &random)!
        case 6: return "$.s starts with " + quoted(String(strings.randomElement(using: &random)!.prefix(2)))
        case 7: return "$.s like_regex " + quoted(["^C", "é", "^$", "x{3}", "\\\\"].randomElement(using: &random)!) + (Bool.random(using: &random) ? " flag \"i\"" : "")
        case 8: return ["exists($.z)", "$.ключ", "$.*", "$.i", "$ ? (@.i > 0 && @.d < 0)", "$.list[last]"].randomElement(using: &random)!
        default: return "$ ? (@.s == " + quoted(strings.randomElement(using: &random)!) + " || @.i \(comparison) 0)"
        }
    }

    static let all: [EventStoreConformance.Check] = [
        check("edge numbers, Unicode, long strings and NULs select what InMemoryEventStore selects") { context, ledger in
            let seed = UInt64.random(in: 0...UInt64.max)
            var random = PropertyChecks.Random(state: seed)
            let reference = InMemoryEventStore()
            for index in 0..<80 {
                let event = PendingEvent(eventType: Sample.eventType, eventName: Bool.random(using: &random) ? "EdgeReached" : "EdgeCrossed", entity: "Edge",
                                         timestamp: Date(timeIntervalSince1970: 1_700_000_000), payload: Data(randomPayload(&random).utf8))
                let source = EventSource(entity: "Edge", id: "e\(index % 7)")
                _ = try await ledger.store.append([event], to: source, expectedVersion: .any)
                _ = try await reference.append([event], to: source, expectedVersion: .any)
            }
            for round in 0..<300 {
                var data: [String: String] = [:]
                for _ in 0..<Int.random(in: 1...2, using: &random) { data[Bool.random(using: &random) ? "EdgeReached" : "EdgeCrossed"] = randomPath(&random) }
                let selector = FilterSelector(data: data)
                let expected = try await reference.filter(selector).map(\.eventID)
                let actual = try await ledger.store.filter(selector).map(\.eventID)
                try context.expect(actual == expected, "seed \(seed), round \(round): \(data) selected \(actual.count) events, InMemoryEventStore \(expected.count)")
                if round % 10 == 0 {
                    let probe = PendingEvent(eventType: Sample.eventType, eventName: "ProbeAppended", entity: "Probe", payload: Data("{}".utf8))
                    do {
                        _ = try await ledger.store.append([probe], to: EventSource(entity: "Probe", id: "p\(round)"), expectedVersion: .any,
                                                          condition: AppendCondition(failIfEventsMatch: .filter(selector), after: nil))
                        try context.expect(expected.isEmpty, "seed \(seed), round \(round): a guard on \(data) passed although \(expected.count) events match")
                        _ = try await reference.append([probe], to: EventSource(entity: "Probe", id: "p\(round)"), expectedVersion: .any)
                    } catch EventStoreError.conditionFailed {
                        try context.expect(!expected.isEmpty, "seed \(seed), round \(round): a guard on \(data) failed although no event matches")
                    }
                }
            }
        },
    ]
}
