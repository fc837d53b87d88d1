import FactumConformance
import Foundation
import Testing
@testable import Factum

/// The one date grammar: it agrees with Foundation's ISO 8601 parsing wherever that is safe
/// to call, and refuses in bounded time what is outside the grammar.
@Suite("ISO 8601 timestamps")
struct TimestampTests {
    /// From 1583 on, where Foundation's calendar is the Gregorian one too.
    @Test func agreesWithFoundationOnRandomInstants() {
        var random = SeededRandom(state: 11)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for _ in 0..<2_000 {
            let milliseconds = Int64.random(in: -12_212_553_600_000...253_402_300_799_999, using: &random)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let text = formatter.string(from: date)
            #expect(ISO8601Timestamp.string(from: date) == text)
            let read = ISO8601Timestamp.secondsSince1970(text) ?? .nan
            #expect(abs(read - Double(milliseconds) / 1000) < 1e-6, "\(text)")
        }
    }

    /// Every instant of the years 0000-9999 is written and read back to the millisecond;
    /// outside them the encoder refuses the date rather than write what cannot be read.
    @Test func writesWhatItReads() throws {
        var random = SeededRandom(state: 12)
        for _ in 0..<2_000 {
            let milliseconds = Int64.random(in: -62_167_219_200_000...253_402_300_799_999, using: &random)
            let text = try #require(ISO8601Timestamp.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000)))
            #expect(ISO8601Timestamp.secondsSince1970(text).map { ($0 * 1000).rounded() } == Double(milliseconds), "\(text)")
        }
        #expect(ISO8601Timestamp.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(ISO8601Timestamp.string(from: Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(ISO8601Timestamp.string(from: Date(timeIntervalSince1970: -62_167_219_200.001)) == nil)
        #expect(ISO8601Timestamp.string(from: Date(timeIntervalSince1970: 253_402_300_800)) == nil)
        struct Stamp: Codable { var at: Date }
        #expect(throws: EncodingError.self) { try EventCoding.encoder().encode(Stamp(at: Date(timeIntervalSince1970: 253_402_300_800))) }
    }

    @Test func fractionsOffsetsAndRefusals() {
        #expect(ISO8601Timestamp.secondsSince1970("1970-01-01T00:00:00.5Z") == 0.5)
        #expect(ISO8601Timestamp.secondsSince1970("1970-01-01T01:00:00+01:00") == 0)
        #expect(ISO8601Timestamp.secondsSince1970("1970-01-01T00:00:00-00:30") == 1_800)
        #expect(ISO8601Timestamp.secondsSince1970("2000-02-29T00:00:00Z") == 951_782_400)
        for bad in ["", "1970-01-01", "1970-01-01T00:00:00", "1970-01-01T00:00:00.Z", "1970-01-01T00:00:00.1234567890Z",
                    "1900-02-29T00:00:00Z", "1970-13-01T00:00:00Z", "1970-01-01T00:00:00+0100", "1970-01-01T00:00:00Z ",
                    "１970-01-01T00:00:00Z", "2024-05-01T12:00:00." + String(repeating: "0", count: 35) + "Z"] {
            #expect(ISO8601Timestamp.secondsSince1970(bad) == nil, "\(bad)")
        }
    }

    @Test func payloadDatesUseTheGrammar() throws {
        struct Stamp: Codable { var at: Date }
        let decoder = EventCoding.decoder()
        let nine = try decoder.decode(Stamp.self, from: Data(#"{"at":"2024-05-01T12:00:00.123456789Z"}"#.utf8))
        #expect(abs(nine.at.timeIntervalSince1970 - 1_714_564_800.123456789) < 1e-6)
        #expect(throws: DecodingError.self) { try decoder.decode(Stamp.self, from: Data(#"{"at":"2024-05-01T12:00:00.00000000000000000000000000000000000Z"}"#.utf8)) }
    }
}
