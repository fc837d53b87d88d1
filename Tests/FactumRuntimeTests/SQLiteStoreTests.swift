import Factum
import FactumSQLite
import Foundation
import GRDB
import Testing

/// What the SQLite ledger does beyond the conformance kit: refusing files it cannot use
/// without touching them, positions never reused, a deleted file noticed.
@Suite("SQLite ledger", .timeLimit(.minutes(2)))
struct SQLiteStoreTests {
    let type = EventType(id: UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")!, generation: 1)

    func event() -> PendingEvent {
        PendingEvent(eventType: type, eventName: "ThingHappened", entity: "Thing", payload: Data(#"{"n":1}"#.utf8))
    }

    /// Opening `bytes` as a ledger fails with `reason`, and leaves the file as it was.
    func expectRefused(_ bytes: Data, _ matches: (SQLiteEventStore.OpenError.Reason) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = SQLiteConformanceTests.freshPath()
        try bytes.write(to: URL(fileURLWithPath: path))
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        do {
            _ = try SQLiteEventStore(path: path)
            Issue.record("the file was opened as a ledger", sourceLocation: sourceLocation)
        } catch let error as SQLiteEventStore.OpenError {
            #expect(matches(error.reason), "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.contains(path), sourceLocation: sourceLocation)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "the file changed", sourceLocation: sourceLocation)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == before, sourceLocation: sourceLocation)
        // A database in WAL mode gets empty -wal and -shm files beside it from any reader, as
        // SQLite makes them; any other file gets nothing beside it.
        let walMode = bytes.count > 19 && bytes.starts(with: Data("SQLite format 3\0".utf8)) && bytes[18] == 2
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !walMode {
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["ledger.sqlite"], "no -wal or -shm file was left", sourceLocation: sourceLocation)
        }
    }

    /// The bytes of a SQLite database made by `setup`.
    func database(_ setup: (Database) throws -> Void) throws -> Data {
        let path = SQLiteConformanceTests.freshPath()
        let queue = try DatabaseQueue(path: path)
        try queue.write(setup)
        try queue.close()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test func garbageIsNotSQLite() throws {
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try expectRefused(garbage) { $0 == .notSQLite }
        try expectRefused(Data("{\"not\": \"a database\"}\n".utf8)) { $0 == .notSQLite }
    }

    @Test func anotherDatabaseIsNotALedger() throws {
        let bytes = try database { try $0.execute(sql: "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)") }
        try expectRefused(bytes) { if case .notALedger(let tables) = $0 { return tables == ["customers"] }; return false }
    }

    @Test func aNewerLedgerIsRefused() async throws {
        let path = SQLiteConformanceTests.freshPath()
        _ = try await SQLiteEventStore(path: path).append([event()], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .any)
        let queue = try DatabaseQueue(path: path)
        try await queue.write { try $0.execute(sql: "UPDATE factum_ledger SET value = '99' WHERE name = 'schema-version'; PRAGMA journal_mode = DELETE") }
        try queue.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try expectRefused(bytes) { $0 == .newerSchema(found: 99, known: SQLiteEventStore.schemaVersion) }
    }

    @Test func aDamagedLedgerIsRefused() throws {
        var bytes = try database { try $0.execute(sql: "CREATE TABLE t (x)") }
        // The header stays, the rest of the first page is overwritten.
        for index in 100..<min(bytes.count, 4096) { bytes[index] = 0xAB }
        try expectRefused(bytes) { if case .damaged = $0 { return true }; return false }
    }

    @Test func anEmptyFileBecomesALedger() async throws {
        let path = SQLiteConformanceTests.freshPath()
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try SQLiteEventStore(path: path)
        let appended = try await store.append([event()], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .noEvents)
        #expect(appended.map(\.version) == [1])
        let reopened = try SQLiteEventStore(path: path)
        #expect(try await reopened.readAll(after: nil, limit: nil) == appended)
    }

    @Test func positionsAreNeverReused() async throws {
        let path = SQLiteConformanceTests.freshPath()
        let store = try SQLiteEventStore(path: path)
        let source = EventSource(entity: "Thing", id: "a")
        let first = try await store.append([event(), event(), event()], to: source, expectedVersion: .any)
        let queue = try DatabasePool(path: path)
        try await queue.write { try $0.execute(sql: "DELETE FROM factum_events WHERE position >= ?", arguments: [first[1].position]) }
        let next = try await store.append([event()], to: source, expectedVersion: .exactly(1))
        #expect(next[0].position > first[2].position, "a deleted position was given again")
        #expect(next[0].version == 2)
    }

    @Test func theSchemaRefusesGapsAndDuplicates() async throws {
        let path = SQLiteConformanceTests.freshPath()
        let store = try SQLiteEventStore(path: path)
        _ = try await store.append([event()], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .any)
        let pool = try DatabasePool(path: path)
        let row = "INSERT INTO factum_events (event_id, entity, source_id, version, event_type, generation, event_name, visibility, timestamp, payload, payload_narrowable) VALUES (?, 'Thing', 'a', ?, 'x', 1, 'ThingHappened', 'private', 0, x'7b7d', 1)"
        await #expect(throws: DatabaseError.self) { try await pool.write { try $0.execute(sql: row, arguments: [UUID().uuidString, 3]) } }
        await #expect(throws: DatabaseError.self) { try await pool.write { try $0.execute(sql: row, arguments: [UUID().uuidString, 1]) } }
        #expect(try await store.read(EventSource(entity: "Thing", id: "a"), fromVersion: 1).count == 1)
    }

    /// SQL narrows filter candidates only where it reads payloads as the evaluator does: a
    /// duplicated key (json_extract takes its first value, JSON readers the last), a root
    /// array and payloads that are not JSON are left to the evaluator.
    @Test func narrowingNeverHidesAMatch() async throws {
        let path = SQLiteConformanceTests.freshPath()
        let store = try SQLiteEventStore(path: path)
        let reference = InMemoryEventStore()
        let payloads = [#"{"dish":"Soup","dish":"Chili"}"#, #"{"dish":"Chili","dish":"Soup"}"#, #"[{"dish":"Chili"}]"#, #"{"dish":["Soup","Chili"]}"#,
                        #"{"a":[{"dish":"Chili"}]}"#, #"  {"dish":"Chili"}"#, "not json", #"{"dish":"Chili"#, #"{"dish":1}"#, #"{"dish":true}"#]
        for payload in payloads {
            let event = PendingEvent(eventType: type, eventName: "DishPrepared", entity: "Thing", payload: Data(payload.utf8))
            _ = try await store.append([event], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .any)
            _ = try await reference.append([event], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .any)
        }
        for selector in [#"$.dish == "Chili""#, #"$.dish ? (@ == "Chili")"#, #"$.a.dish == "Chili""#, "$.dish == 1", #""Chili" == $.dish"#] {
            let ours = try await store.filter(FilterSelector(data: ["DishPrepared": selector])).map(\.eventID)
            let theirs = try await reference.filter(FilterSelector(data: ["DishPrepared": selector])).map(\.eventID)
            #expect(ours == theirs, "\(selector): \(ours.count) vs \(theirs.count)")
        }
    }

    @Test func aDeletedFileIsNoticed() async throws {
        let path = SQLiteConformanceTests.freshPath()
        let store = try SQLiteEventStore(path: path)
        _ = try await store.append([event()], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .any)
        try FileManager.default.removeItem(atPath: path)
        await #expect(throws: SQLiteEventStore.FileGone.self) { try await store.readAll(after: nil, limit: nil) }
        await #expect(throws: SQLiteEventStore.FileGone.self) { try await store.append([self.event()], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .any) }
    }

    @Test func normalDurabilityAppendsToo() async throws {
        let path = SQLiteConformanceTests.freshPath()
        let store = try SQLiteEventStore(path: path, options: .init(durability: .normal))
        _ = try await store.append([event(), event()], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .noEvents)
        let queue = try DatabaseQueue(path: path)
        #expect(try await queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try await SQLiteEventStore(path: path).read(EventSource(entity: "Thing", id: "a"), fromVersion: 1).count == 2)
    }
}
