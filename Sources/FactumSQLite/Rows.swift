import Factum
import Foundation
import GRDB

/// Rows of `factum_events` to envelopes and back, and the queries of selectors.
enum Rows {
    static let columns = "position, event_id, entity, source_id, version, event_type, generation, event_name, visibility, timestamp, correlation_id, causation_id, actor, metadata_values, payload"

    static func envelopes(_ db: Database, where clause: String, _ arguments: StatementArguments) throws -> [EventEnvelope] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT \(columns) FROM factum_events WHERE \(clause)"), arguments: arguments)
        var result: [EventEnvelope] = []
        while let row = try rows.next() { result.append(try envelope(row)) }
        return result
    }

    /// The version of the source's last event; 0 when it has none.
    static func lastVersion(of source: EventSource, _ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(version), 0) FROM factum_events WHERE entity = ? AND source_id = ?"), arguments: [source.entity, source.id]) ?? 0
    }

    static func envelope(eventID: UUID, db: Database) throws -> EventEnvelope? {
        try envelopes(db, where: "event_id = ?", [eventID.uuidString.lowercased()]).first
    }

    /// A row read back; a row this build cannot read is an error that says which.
    static func envelope(_ row: Row) throws -> EventEnvelope {
        let position: Int64 = try column(row, 0, position: nil)
        guard let eventID = uuid(try column(row, 1, position: position)), let typeID = uuid(try column(row, 5, position: position)),
              let visibility = EventVisibility(rawValue: try column(row, 8, position: position)) else {
            throw UnreadableRow(position: position)
        }
        return EventEnvelope(
            eventID: eventID, position: position,
            source: EventSource(entity: try column(row, 2, position: position), id: try column(row, 3, position: position)),
            version: try column(row, 4, position: position),
            eventType: EventType(id: typeID, generation: try column(row, 6, position: position)), eventName: try column(row, 7, position: position), visibility: visibility,
            timestamp: Date(timeIntervalSince1970: try column(row, 9, position: position)),
            metadata: try metadata(row, position: position),
            payload: try column(row, 14, position: position)
        )
    }

    /// The metadata of a row (columns 10 to 13).
    static func metadata(_ row: Row, position: Int64) throws -> EventMetadata {
        EventMetadata(correlationID: try column(row, 10, position: position), causationID: try column(row, 11, position: position),
                      actor: try column(row, 12, position: position), values: try decode(try column(row, 13, position: position), position: position))
    }

    /// A UUID as the ledger writes it (36 characters, lowercase hex and dashes), read without
    /// Foundation's parser, which scans with `sscanf` on Linux and was a fifth of reading a
    /// page (docs/performance.md); any other spelling goes to Foundation.
    static func uuid(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36 else { return UUID(uuidString: String(decoding: bytes, as: UTF8.self)) }
            var value: [UInt8] = []
            value.reserveCapacity(16)
            var index = 0
            while index < 36 {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard bytes[index] == UInt8(ascii: "-") else { return nil }
                    index += 1
                    continue
                }
                guard let high = hex(bytes[index]), let low = hex(bytes[index + 1]) else { return UUID(uuidString: String(decoding: bytes, as: UTF8.self)) }
                value.append(high << 4 | low)
                index += 2
            }
            return UUID(uuid: (value[0], value[1], value[2], value[3], value[4], value[5], value[6], value[7],
                               value[8], value[9], value[10], value[11], value[12], value[13], value[14], value[15]))
        }
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// A column's value, or `UnreadableRow` when it does not hold one of that type (a damaged
    /// row: GRDB's subscript would stop the process).
    static func column<Value: DatabaseValueConvertible>(_ row: Row, _ index: Int, position: Int64?) throws -> Value {
        do {
            return try row.decode(Value.self, atIndex: index)
        } catch {
            throw UnreadableRow(position: position)
        }
    }

    /// A stored row that does not hold an event this build can read.
    struct UnreadableRow: Error, CustomStringConvertible {
        var position: Int64?
        var description: String {
            "the event at \(position.map { "position \($0)" } ?? "a position that cannot be read") cannot be read: a column does not hold what the ledger writes"
        }
    }

    static func encode(_ values: [String: String]) -> String? {
        guard !values.isEmpty, let data = try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String?, position: Int64) throws -> [String: String] {
        guard let text else { return [:] }
        guard let values = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String] else { throw UnreadableRow(position: position) }
        return values
    }

    /// The WHERE clause and arguments of a replay selector; nil when it can select nothing.
    static func replayQuery(_ selector: ReplaySelector, after: Int64, limit: Int?) -> (sql: String, arguments: StatementArguments)? {
        guard let selector = LedgerRules.answerable(selector) else { return nil }
        var sql = "entity = ? AND position > ?"
        var arguments: StatementArguments = [selector.entity, after]
        if let keys = selector.keys {
            guard !keys.isEmpty else { return nil }
            sql += " AND source_id IN (\(Array(repeating: "?", count: keys.count).joined(separator: ", ")))"
            arguments += StatementArguments(keys)
        }
        if let events = selector.events {
            guard !events.isEmpty else { return nil }
            sql += " AND event_name IN (\(Array(repeating: "?", count: events.count).joined(separator: ", ")))"
            arguments += StatementArguments(events)
        }
        sql += " ORDER BY position LIMIT ?"
        arguments += [limit.map { max(0, $0) } ?? -1]
        return (sql, arguments)
    }

    /// Feeds `found` each event after `after` that the filter selects, in log order, at most
    /// `limit`. The candidates are the rows of the selector's event names (by the name index),
    /// narrowed in SQL where a path's shape allows a sound test (`Prefilter`), and each is
    /// tested with Factum's path evaluator.
    static func filter(_ filter: CompiledFilter, after: Int64, limit: Int?, db: Database, found: (EventEnvelope) -> Void) throws {
        let limit = limit.map { max(0, $0) } ?? Int.max
        guard limit > 0, let filter = LedgerRules.answerable(filter) else { return }
        var sql = "SELECT \(columns) FROM factum_events WHERE position > ?"
        var arguments: StatementArguments = [after]
        if !filter.data.isEmpty {
            var alternatives: [String] = []
            for (name, path) in filter.data.sorted(by: { $0.key < $1.key }) {
                if let prefilter = Prefilter(path) {
                    alternatives.append("(event_name = ? AND \(prefilter.sql))")
                    arguments += [name]
                    arguments += prefilter.arguments
                } else {
                    alternatives.append("event_name = ?")
                    arguments += [name]
                }
            }
            sql += " AND (" + alternatives.joined(separator: " OR ") + ")"
        }
        sql += " ORDER BY position"
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        var count = 0
        while let row = try rows.next() {
            let position: Int64 = try column(row, 0, position: nil)
            guard try filter.matches(eventName: try column(row, 7, position: position), payload: try column(row, 14, position: position),
                                     metadata: try metadata(row, position: position)) else { continue }
            found(try envelope(row))
            count += 1
            if count == limit { return }
        }
    }
}

/// A test in SQL that every payload a path matches passes (it may let more through; the
/// evaluator decides), for the commonest shape: a chain of plain keys from the root compared
/// with a string or number, `$.a.b == "x"` or `$.a.b ? (@ == "x")`. In lax mode an array
/// anywhere along the chain is unwrapped, so a payload with one is let through; so is one that
/// SQLite does not read as JSON.
struct Prefilter {
    var sql: String
    var arguments: StatementArguments

    init?(_ path: JSONPath) {
        guard let (keys, literal) = path.plainKeyEquality, !keys.isEmpty,
              keys.allSatisfy({ key in key.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } == true && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } }) else { return nil }
        var prefixes: [String] = []
        for key in keys { prefixes.append((prefixes.last ?? "$") + "." + key) }
        let last = prefixes[prefixes.count - 1]
        // Let through: what SQLite does not read as JSON; a payload with an escape or with a
        // key of the chain written twice (json_extract takes a key's first value, JSON readers
        // its last; without escapes every occurrence of a key is its quoted text); a root
        // array; the literal at the end of the chain; an array on the way. SQLite parses a
        // payload once for all the json_ calls of a row.
        let twice = keys.map { key in "length(payload) - length(replace(payload, '\"\(key)\"', '')) > \(key.utf8.count + 2)" }.joined(separator: " OR ")
        let arrays = prefixes.map { "json_type(payload, '\($0)') = 'array'" }.joined(separator: " OR ")
        let equal: String
        switch literal {
        case .string(let text):
            // Strings compare by their bytes, in SQLite (BINARY) as in the evaluator.
            equal = "json_extract(payload, '\(last)') = ?"
            arguments = [text]
        case .number(let number):
            // The evaluator compares two integers exactly and anything else as Doubles, while
            // SQLite compares an INTEGER with a REAL exactly, and its reading of a JSON number
            // may differ from Foundation's in the last bit: so a number is let through when it
            // is within a millionth of a millionth of the literal, and the evaluator decides.
            // (2^53 + 1 written as 9007199254740993.0 reads as 2^53, which equals the
            // literal 9007199254740993 as Doubles, never as SQLite compares them.)
            let value = number.doubleValue
            equal = "(json_type(payload, '\(last)') IN ('integer', 'real') AND abs(CAST(json_extract(payload, '\(last)') AS REAL) - ?) <= ?)"
            arguments = [value, max(abs(value) * 1e-12, 1e-300)]
        default:
            return nil
        }
        sql = "(payload_narrowable = 0 OR instr(payload, '\\') > 0 OR \(twice) OR json_type(payload) = 'array' OR \(equal) OR \(arrays))"
    }
}
