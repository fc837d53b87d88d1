import Foundation
import Testing
@testable import Factum
import FactumSQLite

/// Factum's SQL/JSON path evaluator against PostgreSQL's own answers, recorded from a real
/// server by Scripts/record-jsonpath-oracle.py into Oracle/jsonpath-oracle.json.
@Suite("SQL/JSON path: PostgreSQL's answers")
struct JSONPathOracleTests {
    struct Row: Decodable, Sendable, CustomTestStringConvertible {
        var document: String
        var path: String
        var exists: Bool?
        var match: Bool?
        var error: String?

        var testDescription: String { "\(path) on \(document.prefix(60))" }

        /// What a filter selector answers: for a test, whether it is true (`@@`); otherwise
        /// whether the path selects anything (`@?`).
        func expected(isPredicate: Bool) -> Bool {
            isPredicate ? match == true : exists == true
        }
    }

    struct Table: Decodable {
        var recordedWith: String
        var rows: [Row]
    }

    static let table: Table = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Oracle/jsonpath-oracle.json")
        guard let data = try? Data(contentsOf: url), let table = try? JSONDecoder().decode(Table.self, from: data) else {
            return Table(recordedWith: "missing", rows: [])
        }
        return table
    }()

    @Test func theTableIsThere() {
        #expect(Self.table.rows.count >= 500, "Oracle/jsonpath-oracle.json: \(Self.table.recordedWith)")
        #expect(Self.table.recordedWith.hasPrefix("PostgreSQL"))
    }

    /// Rows where Factum knowingly answers otherwise, each with its reason (docs/event-stores.md).
    static let knownDifferences: [String: String] = [
        #"$."e\u0301""#: "two keys that differ only in Unicode normalization ('é' and 'e\u{301}') are one key once Foundation's JSON parser has read the document; PostgreSQL keeps them apart",
    ]

    @Test func everyRowGivesPostgreSQLsAnswer() throws {
        var failures: [String] = []
        for row in Self.table.rows {
            if let error = row.error {
                do {
                    _ = try JSONPath(row.path)
                    failures.append("\(row.path): PostgreSQL refuses it (\(error)), Factum parses it")
                } catch {}
                continue
            }
            let path: JSONPath
            do {
                path = try JSONPath(row.path)
            } catch {
                failures.append("\(row.path): PostgreSQL parses it, Factum refuses it: \(error.message) at \(error.offset)")
                continue
            }
            guard let document = JSONValue(parsing: Data(row.document.utf8)) else {
                failures.append("\(row.document): not read as JSON")
                continue
            }
            let ours = try path.matches(document)
            let theirs = row.expected(isPredicate: path.isPredicate)
            if ours != theirs, Self.knownDifferences[row.path] == nil || !row.document.contains("combining") {
                failures.append("\(row.path) on \(row.document): PostgreSQL \(theirs) (@? \(row.exists.map(String.init) ?? "null"), @@ \(row.match.map(String.init) ?? "null")), Factum \(ours)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(Self.table.rows.count) rows differ:\n\(failures.prefix(40).joined(separator: "\n"))")
    }
}

/// The oracle's rows through the SQLite store's filter selectors, whose candidates SQL narrows
/// for the commonest path shapes: what is narrowed away must never be a match.
@Suite("SQL/JSON path: PostgreSQL's answers through the SQLite store")
struct SQLiteOracleTests {
    @Test func filterSelectorsGivePostgreSQLsAnswers() async throws {
        let store = try SQLiteEventStore(path: SQLiteConformanceTests.freshPath())
        let rows = JSONPathOracleTests.table.rows.filter { $0.error == nil }
        let documents = Array(Set(rows.map(\.document))).sorted()
        var positions: [String: Int64] = [:]
        let type = EventType(id: UUID(), generation: 1)
        for document in documents {
            let appended = try await store.append([PendingEvent(eventType: type, eventName: "Doc", entity: "Doc", payload: Data(document.utf8))], to: EventSource(entity: "Doc", id: "d"), expectedVersion: .any)
            positions[document] = appended[0].position
        }
        var failures: [String] = []
        for (path, pathRows) in Dictionary(grouping: rows, by: \.path).sorted(by: { $0.key < $1.key }) {
            guard let parsed = try? JSONPath(path) else { continue }
            let selected = Set(try await store.filter(FilterSelector(data: ["Doc": path])).map(\.position))
            for row in pathRows where JSONPathOracleTests.knownDifferences[row.path] == nil {
                let expected = row.expected(isPredicate: parsed.isPredicate)
                if selected.contains(positions[row.document]!) != expected {
                    failures.append("\(path) on \(row.document): PostgreSQL \(expected)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
    }
}
