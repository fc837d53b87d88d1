@testable import Factum
import Foundation
import Testing

/// Every type a payload field may have, per the schema format.
private struct Everything: Codable, Equatable {
    enum Mood: String, Codable, Equatable { case calm, `default`, cross }
    struct Money: Codable, Equatable {
        var amount: Decimal
        var currency: String
    }

    var text: String
    var flag: Bool
    var int: Int
    var int8: Int8
    var int16: Int16
    var int32: Int32
    var int64: Int64
    var uint: UInt
    var uint8: UInt8
    var uint16: UInt16
    var uint32: UInt32
    var uint64: UInt64
    var double: Double
    var float: Float
    var decimal: Decimal
    var date: Date
    var id: UUID
    var url: URL
    var data: Data
    var mood: Mood
    var money: Money
    var list: [String]
    var nested: [[Int]]
    var table: [String: Money]
    var maybe: String?
    var maybeList: [Money?]?
    var maybeNumber: Int?
}

/// Both decoders' answers for one payload: the value re-encoded, or that it was refused.
///
/// Not the error's text: for a payload damaged in two places inside a `[String: Money]`,
/// which error JSONDecoder reports first follows the dictionary's iteration order, which
/// changes from run to run (Swift seeds hashing per process).
private func outcome(_ decoder: JSONDecoder, _ payload: Data) -> String {
    do {
        let value = try decoder.decode(Everything.self, from: payload)
        return "value " + String(decoding: try EventCoding.encoder().encode(value), as: UTF8.self)
    } catch {
        return "refused"
    }
}

/// The registry's decoder with its own reader (on in every build here: a debug build of the
/// runtime leaves payloads to `JSONDecoder`), and the same conventions read by `JSONDecoder`.
private func decoders() -> (fast: JSONDecoder, reference: JSONDecoder) {
    let fast = EventPayloadDecoder(readsPayloads: true)
    let reference = EventPayloadDecoder(readsPayloads: true)
    // Setting anything, even to the value it has, hands every payload to JSONDecoder.
    reference.keyDecodingStrategy = .useDefaultKeys
    return (fast, reference)
}

private func sample(_ seed: UInt64) -> Everything {
    var generator = SeededGenerator(seed: seed)
    func number<T: FixedWidthInteger>(_: T.Type) -> T { T.random(in: T.min...T.max, using: &generator) }
    let words = ["", "tea", "naïve café", "quote \" and \\ slash /", "tab\tnew\nline", "emoji 🍵", "\u{0}\u{1f}", "日本語"]
    func word() -> String { words[Int.random(in: 0..<words.count, using: &generator)] }
    return Everything(
        text: word(), flag: Bool.random(using: &generator),
        int: number(Int.self), int8: number(Int8.self), int16: number(Int16.self), int32: number(Int32.self), int64: number(Int64.self),
        uint: number(UInt.self), uint8: number(UInt8.self), uint16: number(UInt16.self), uint32: number(UInt32.self), uint64: number(UInt64.self),
        double: [0, -0.0, 1e-300, 2.5, -1234.5678, Double.greatestFiniteMagnitude, Double.random(in: -1e9...1e9, using: &generator)][Int.random(in: 0..<7, using: &generator)],
        float: [0, 0.1, -3.4e38, Float.leastNormalMagnitude, Float.random(in: -1e6...1e6, using: &generator)][Int.random(in: 0..<5, using: &generator)],
        decimal: [Decimal(string: "0")!, Decimal(string: "12.50")!, Decimal(string: "-0.0001")!, Decimal(string: "12345678901234567890.123")!, Decimal(Int.random(in: -999_999...999_999, using: &generator)) / 100][Int.random(in: 0..<5, using: &generator)],
        date: Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000, using: &generator)) + [0, 0.5, 0.125][Int.random(in: 0..<3, using: &generator)]),
        id: UUID(), url: URL(string: ["https://example.com/a?b=c", "file:///tmp/x", "relative/path"][Int.random(in: 0..<3, using: &generator)])!,
        data: Data((0..<Int.random(in: 0..<20, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }),
        mood: [.calm, .default, .cross][Int.random(in: 0..<3, using: &generator)],
        money: Everything.Money(amount: Decimal(Int.random(in: 0...100_000, using: &generator)) / 100, currency: "EUR"),
        list: (0..<Int.random(in: 0..<4, using: &generator)).map { _ in word() },
        nested: [[1, 2], [], [Int.random(in: -5...5, using: &generator)]],
        table: Bool.random(using: &generator) ? [:] : ["a": Everything.Money(amount: 1, currency: "GBP"), word(): Everything.Money(amount: 2, currency: "")],
        maybe: Bool.random(using: &generator) ? nil : word(),
        maybeList: Bool.random(using: &generator) ? nil : [nil, Everything.Money(amount: 3, currency: "USD")],
        maybeNumber: Bool.random(using: &generator) ? nil : number(Int.self)
    )
}

/// A small deterministic generator (SplitMix64), so that a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

@Suite("Payload reader")
struct PayloadReaderTests {
    @Test func theRegistrysDecoderReadsPayloadsItselfUntilASettingChanges() throws {
        let (fast, reference) = decoders()
        #expect((fast as? EventPayloadDecoder)?.readsPayloadsItself == true)
        #expect((reference as? EventPayloadDecoder)?.readsPayloadsItself == false)
        #expect((EventCoding.decoder() as? EventPayloadDecoder)?.readsPayloadsItself == EventPayloadDecoder.readsPayloadsInThisBuild)
        let decoder = EventPayloadDecoder(readsPayloads: true)
        decoder.dateDecodingStrategy = .secondsSince1970
        #expect(decoder.readsPayloadsItself == false)
        #expect(try decoder.decode(Date.self, from: Data("12".utf8)) == Date(timeIntervalSince1970: 12))
    }

    @Test(arguments: 0..<200)
    func readsWhatTheEncoderWroteAsJSONDecoderDoes(seed: Int) throws {
        let value = sample(UInt64(seed))
        let payload = try EventCoding.encoder().encode(value)
        // Read by the reader itself, not handed over: a refusal here would throw.
        let read = try PayloadReader.decode(Everything.self, from: payload, userInfoSource: JSONDecoder())
        let (_, reference) = decoders()
        #expect(try reference.decode(Everything.self, from: payload) == read)
        #expect(outcome(decoders().fast, payload) == outcome(reference, payload))
    }

    static let base = #"{"text":"a","flag":true,"int":1,"int8":-8,"int16":16,"int32":32,"int64":64,"uint":1,"uint8":8,"uint16":16,"uint32":32,"uint64":64,"double":2.5,"float":0.5,"decimal":12.5,"date":"2026-11-23T10:00:00.250Z","id":"E621E1F8-C36C-495A-93FC-0C247A3E6E5F","url":"https://example.com","data":"AAEC","mood":"calm","money":{"amount":1,"currency":"EUR"},"list":["x"],"nested":[[1]],"table":{},"maybe":null}"#

    /// Hand-picked payloads at the edges of JSON and of each type: the registry's decoder must
    /// give exactly what `JSONDecoder` gives, the same value or the same error.
    static let edges: [String] = {
        func replacing(_ old: String, _ new: String) -> String { base.replacingOccurrences(of: old, with: new) }
        return [
            base,
            " \n\t\r" + base + " \n",
            base + "x", base + "{}", "", "null", "[]", "\u{FEFF}" + base,
            replacing(#""int":1"#, #""int":1.0"#), replacing(#""int":1"#, #""int":1e2"#), replacing(#""int":1"#, #""int":-0"#),
            replacing(#""int":1"#, #""int":01"#), replacing(#""int":1"#, #""int":"1""#), replacing(#""int":1"#, #""int":true"#),
            replacing(#""int":1"#, #""int":9223372036854775807"#), replacing(#""int":1"#, #""int":9223372036854775808"#),
            replacing(#""int":1"#, #""int":-9223372036854775808"#), replacing(#""int8":-8"#, #""int8":-129"#),
            replacing(#""uint8":8"#, #""uint8":256"#), replacing(#""uint":1"#, #""uint":-1"#), replacing(#""uint":1"#, #""uint":-0"#),
            replacing(#""uint64":64"#, #""uint64":18446744073709551615"#), replacing(#""uint64":64"#, #""uint64":18446744073709551616"#),
            replacing(#""double":2.5"#, #""double":1e400"#), replacing(#""double":2.5"#, #""double":-1e-400"#),
            replacing(#""double":2.5"#, #""double":2"#), replacing(#""double":2.5"#, #""double":2.5E+3"#),
            replacing(#""double":2.5"#, #""double":.5"#), replacing(#""double":2.5"#, #""double":2."#),
            replacing(#""double":2.5"#, #""double":"NaN""#), replacing(#""double":2.5"#, #""double":0.30000000000000004"#),
            replacing(#""float":0.5"#, #""float":3.5e38"#), replacing(#""float":0.5"#, #""float":16777217"#),
            replacing(#""float":0.5"#, #""float":0.1"#), replacing(#""float":0.5"#, #""float":1e-50"#),
            replacing(#""float":0.5"#, #""float":1e-40"#), replacing(#""double":2.5"#, #""double":1e-310"#), replacing(#""double":2.5"#, #""double":0e-5"#), replacing(#""double":2.5"#, #""double":0e5"#),
            replacing(#""float":0.5"#, #""float":0e5"#), replacing(#""float":0.5"#, #""float":0E0"#), replacing(#""decimal":12.5"#, #""decimal":0e5"#),
            replacing(#""decimal":12.5"#, #""decimal":-0.0"#), replacing(#""decimal":12.5"#, #""decimal":1.5e-3"#),
            replacing(#""double":2.5"#, #""double":-0.0"#), replacing(#""double":2.5"#, #""double":0.0e400"#),
            replacing(#""decimal":12.5"#, #""decimal":"12.5""#), replacing(#""decimal":12.5"#, #""decimal":-0.0001"#),
            replacing(#""decimal":12.5"#, #""decimal":1e5"#), replacing(#""decimal":12.5"#, #""decimal":123456789012345678901234567890123456789012"#),
            replacing(#""decimal":12.5"#, #""decimal":1E-200"#),
            replacing("10:00:00.250Z", "10:00:00Z"), replacing("10:00:00.250Z", "10:00:00+01:00"), replacing("2026-11-23T10:00:00.250Z", "yesterday"),
            replacing("E621E1F8", "E621E1F"), replacing(#""url":"https://example.com""#, #""url":"""#), replacing(#""url":"https://example.com""#, #""url":"a b""#),
            replacing(#""data":"AAEC""#, #""data":"AAE""#), replacing(#""data":"AAEC""#, #""data":"""#),
            replacing(#""mood":"calm""#, #""mood":"glad""#), replacing(#""mood":"calm""#, #""mood":"default""#),
            replacing(#""text":"a""#, #""text":"caf\u00e9 \"q\" \\ \/ \b\f\n\r\t""#), replacing(#""text":"a""#, #""text":"\ud83c\udf75""#),
            replacing(#""text":"a""#, #""text":"\ud83c""#), replacing(#""text":"a""#, #""text":"\udf75x""#), replacing(#""text":"a""#, #""text":"\u0000""#),
            replacing(#""text":"a""#, #""text":"\x""#), replacing(#""text":"a""#, #""text":"\u12""#), replacing(#""text":"a""#, "\"text\":\"tab\there\""),
            replacing(#""text":"a""#, #""text":"a","text":"b""#), replacing(#""text":"a""#, #""te\u0078t":"escaped key""#),
            replacing(#""text":"a""#, #""text":"a","unknown":[1,{"x":null}]"#), replacing(#""text":"a""#, #""text":"a","unknown":"\ud800""#),
            replacing(#""text":"a""#, #""text":"a","text2":"a","text":"b""#), replacing(#""text":"a","#, ""),
            replacing(#""maybe":null"#, #""maybe":"here""#), replacing(#","maybe":null"#, ""), replacing(#""maybe":null"#, #""maybe":1"#),
            replacing(#""maybe":null"#, #""maybe":null,"maybeList":[null,{"amount":2,"currency":"X"}]"#),
            replacing(#""maybe":null"#, #""maybe":null,"maybeList":null"#),
            replacing(#""maybe":null"#, #""maybe":null,"maybeNumber":1"#), replacing(#""maybe":null"#, #""maybe":null,"maybeNumber":1,"maybeNumber":2"#),
            replacing(#""maybe":null"#, #""maybe":null,"maybeNumber":null,"maybeNumber":2"#), replacing(#""maybe":null"#, #""maybe":"a","maybe":"b""#),
            replacing(#""table":{}"#, #""table":{"k":{"amount":1,"currency":"A"},"k":{"amount":2,"currency":"B"}}"#),
            replacing(#""table":{}"#, #""table":{"a":{"amount":1,"currency":"A"},"b":null}"#),
            replacing(#""list":["x"]"#, #""list":["x",]"#), replacing(#""list":["x"]"#, #""list":[ "x" , "y" ]"#),
            replacing(#""list":["x"]"#, #""list":null"#), replacing(#""nested":[[1]]"#, #""nested":[[1],[2,3],[]]"#),
            replacing(#""nested":[[1]]"#, #""nested":[[1]"#), replacing(#""flag":true"#, #""flag":tru"#), replacing(#""flag":true"#, #""flag":1"#),
            replacing(#""money":{"amount":1,"currency":"EUR"}"#, #""money":[1,"EUR"]"#),
            replacing(#""text":"a","#, #""text":"a","deep":"# + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + ","),
            replacing(#""text":"a","#, #""text":"a","deep":"# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + ","),
        ]
    }()

    @Test(arguments: edges)
    func decidesEveryEdgeAsJSONDecoderDoes(payload: String) {
        let (fast, reference) = decoders()
        #expect(outcome(fast, Data(payload.utf8)) == outcome(reference, Data(payload.utf8)))
    }

    /// `JSONDecoder` finds keys by Swift string equality, which is canonical equivalence.
    @Test(arguments: [
        #"{"K":1}"#, "{\"\u{212A}\":1}", #"{"\u212A":1}"#, "{\"K\":1,\"\u{212A}\":2}", "{\"\u{212A}\":2,\"K\":1}",
        "{\"caf\u{E9}\":1}", "{\"cafe\u{301}\":1}", "{\"caf\u{E9}\":1,\"cafe\u{301}\":2}",
    ])
    func matchesKeysAsSwiftStringsDo(payload: String) {
        struct Keys: Codable, Equatable {
            var K: Int?
            var café: Int?
        }
        struct Table: Codable, Equatable {
            var table: [String: Int]
        }
        let (fast, reference) = decoders()
        func outcome<T: Codable>(_ type: T.Type, _ decoder: JSONDecoder, _ payload: String) -> String {
            do { return "value \(try decoder.decode(type, from: Data(payload.utf8)))" } catch { return "refused" }
        }
        #expect(outcome(Keys.self, fast, payload) == outcome(Keys.self, reference, payload))
        let table = #"{"table":"# + payload + "}"
        #expect(outcome(Table.self, fast, table) == outcome(Table.self, reference, table))
    }

    /// A dictionary of many entries is read through a table of its keys, not key by key.
    @Test func readsLargeDictionariesAsJSONDecoderDoes() throws {
        struct Table: Codable, Equatable {
            var table: [String: Int]
        }
        let (fast, reference) = decoders()
        let entries = (0..<5_000).map { #""key\#($0)":\#($0)"# }
        let large = Data((#"{"table":{"# + entries.joined(separator: ",") + "}}").utf8)
        let read = try PayloadReader.decode(Table.self, from: large, userInfoSource: fast)
        #expect(read.table.count == 5_000)
        #expect(try reference.decode(Table.self, from: large) == read)
        for payload in [
            #"{"table":{"# + (entries.prefix(20) + [#""key3":-1"#]).joined(separator: ",") + "}}",
            #"{"table":{"# + (entries.prefix(20) + ["\"caf\u{E9}\":1", "\"cafe\u{301}\":2"]).joined(separator: ",") + "}}",
            #"{"table":{"# + (entries.prefix(20) + [#""key\u0033x":7"#]).joined(separator: ",") + "}}",
        ] {
            let data = Data(payload.utf8)
            let ours = (try? fast.decode(Table.self, from: data)).map { "\($0.table.sorted { $0.key < $1.key })" }
            let theirs = (try? reference.decode(Table.self, from: data)).map { "\($0.table.sorted { $0.key < $1.key })" }
            #expect(ours == theirs)
        }
    }

    @Test func invalidUTF8IsDecidedAsJSONDecoderDoes() {
        let (fast, reference) = decoders()
        for bad: [UInt8] in [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC3, 0xA9]] {
            var payload = Array(Self.base.utf8)
            let at = payload.firstIndex(of: UInt8(ascii: "a"))!
            payload.replaceSubrange(at...at, with: bad)
            #expect(outcome(fast, Data(payload)) == outcome(reference, Data(payload)))
        }
    }

    /// Thousands of damaged payloads (bytes changed, dropped, repeated): whatever each one is,
    /// both decoders must agree on it.
    @Test func agreesWithJSONDecoderOnDamagedPayloads() throws {
        let (fast, reference) = decoders()
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array(#"{}[]:,"\-.0123456789eEtrufalsn \u"#.utf8) + [0x80, 0xC3, 0xFF]
        for round in 0..<3_000 {
            var payload = Array(try EventCoding.encoder().encode(sample(UInt64(round))))
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0..<payload.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: payload[at] = alphabet.randomElement(using: &generator)!
                case 1: payload.remove(at: at)
                default: payload.insert(payload[at], at: at)
                }
            }
            let ours = outcome(fast, Data(payload))
            let theirs = outcome(reference, Data(payload))
            #expect(ours == theirs, "payload: \(String(decoding: payload, as: UTF8.self))")
            if ours != theirs { break }
        }
    }
}
