import Factum
import FactumConformance
@_spi(Testing) import FactumPostgres
import Foundation
import PostgresNIO
import Testing

/// The server the tests use: `FACTUM_POSTGRES_URL` (Scripts/with-postgres.sh starts a
/// throwaway one and sets it; .ci/run uses it). Without one the tests are skipped, saying so;
/// under `CI=true` they run, and fail, so that a green CI means they ran.
enum Server {
    static let url = ProcessInfo.processInfo.environment["FACTUM_POSTGRES_URL"]
    static let available = url != nil || ProcessInfo.processInfo.environment["CI"] == "true"
    static let skipped: Comment = "no PostgreSQL server: FACTUM_POSTGRES_URL is not set; `bash Scripts/with-postgres.sh swift test` runs one"

    /// Returns once a `withHeldAppend` transaction on `schema` has appended and holds the
    /// append lock, however slow the machine.
    static func waitUntilHeld(_ store: PostgresEventStore, schema: String) async throws {
        for _ in 0..<250 {
            let held = try await store.query("SELECT pid::text FROM pg_stat_activity WHERE state = 'idle in transaction' AND query LIKE '%\"\(schema)\".factum_append(''Thing''%'")
            if !held.isEmpty { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the held append's transaction never showed up")
    }

    /// A store on a new, empty schema.
    static func freshStore(schema: String = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()) async throws -> PostgresEventStore {
        let url = try #require(url, "FACTUM_POSTGRES_URL is not set, and CI=true requires the PostgreSQL tests to run")
        return try await PostgresEventStore(url: url, options: .init(schema: schema, pollInterval: .milliseconds(200)))
    }
}

@Suite("Conformance: PostgresEventStore", .enabled(if: Server.available, Server.skipped), .timeLimit(.minutes(3)))
struct PostgresConformanceTests {
    @Test(arguments: EventStoreConformance.checks)
    func conformance(_ check: EventStoreConformance.Check) async throws {
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await check.run {
            let store = try await Server.freshStore(schema: schema)
            return EventStoreConformance.Ledger(store: store) { try await Server.freshStore(schema: schema) }
        }
    }
}

@Suite("PostgreSQL ledger", .enabled(if: Server.available, Server.skipped), .timeLimit(.minutes(2)))
struct PostgresStoreTests {
    let type = EventType(id: UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")!, generation: 1)

    func event(_ payload: String = #"{"n":1}"#) -> PendingEvent {
        PendingEvent(eventType: type, eventName: "ThingHappened", entity: "Thing", payload: Data(payload.utf8))
    }

    /// An append whose transaction stays open while a later append waits, then commits: a
    /// subscriber and a paging reader end with both events, in position order; a rolled-back
    /// append's position is a hole nobody waits for.
    @Test func anAppendCommittedLateIsNeitherSkippedNorStalling() async throws {
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let store = try await Server.freshStore(schema: schema)
        let first = try await store.append([event()], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .any)
        let subscription = store.subscribe(after: first[0].position)
        let delivered = Task { try await EventStoreConformance.firstEvents(of: subscription, count: 3, within: 20) }
        let url = try #require(Server.url)
        let raw = try await PostgresEventStore(url: url, options: .init(schema: schema))
        // A raw transaction that appends and stays open, holding the append lock.
        let slowID = UUID()
        let holding = Task {
            try await raw.withHeldAppend(eventID: slowID, source: "slow", hold: .seconds(2))
        }
        try await Server.waitUntilHeld(store, schema: schema)
        let later = Task { try await store.append([event(#"{"n":2}"#)], to: EventSource(entity: "Thing", id: "b"), expectedVersion: .any) }
        try await Task.sleep(for: .milliseconds(300))
        let seenEarly = try await store.readAll(after: first[0].position, limit: nil)
        #expect(seenEarly.isEmpty, "nothing is visible while the first append's transaction is open")
        try await holding.value
        let fast = try await later.value
        // A rolled-back append leaves a hole in the positions; the next append goes on.
        try await raw.withHeldAppend(eventID: UUID(), source: "rolled-back", hold: .milliseconds(10), rollBack: true)
        let third = try await store.append([event(#"{"n":3}"#)], to: EventSource(entity: "Thing", id: "c"), expectedVersion: .any)
        var paged: [EventEnvelope] = []
        var after = first[0].position
        while true {
            let page = try await store.readAll(after: after, limit: 1)
            guard let last = page.last else { break }
            paged += page
            after = last.position
        }
        #expect(paged.map(\.eventID) == [slowID, fast[0].eventID, third[0].eventID], "the paging reader: \(paged.map(\.position))")
        #expect(try await delivered.value.map(\.eventID) == [slowID, fast[0].eventID, third[0].eventID], "the subscriber")
        #expect(third[0].position > fast[0].position + 1, "the rolled-back append's position is not reused")
        raw.close()
        store.close()
    }

    /// Filter selectors use the GIN index on payloads: the plan of a filter query names it.
    @Test func filterSelectorsUseTheIndex() async throws {
        let store = try await Server.freshStore()
        for chunk in 0..<20 {
            _ = try await store.append((0..<100).map { event(#"{"dish":"d\#(chunk * 100 + $0)"}"#) }, to: EventSource(entity: "Thing", id: "k\(chunk)"), expectedVersion: .any)
        }
        let plan = try await store.explainFilter(FilterSelector(data: ["ThingHappened": #"$.dish == "d7""#], meta: #"$.actor == "x""#))
        #expect(plan.contains("factum_events_payload"), "\(plan)")
        let found = try await store.filter(FilterSelector(data: ["ThingHappened": #"$.dish ? (@ == "d7")"#]))
        #expect(found.count == 1)
        store.close()
    }

    @Test func aNewerSchemaIsRefused() async throws {
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let store = try await Server.freshStore(schema: schema)
        _ = try await store.query("UPDATE \(schema).factum_ledger SET value = '99' WHERE name = 'schema-version'")
        store.close()
        await #expect(throws: PostgresEventStore.OpenError.self) { _ = try await Server.freshStore(schema: schema) }
    }

    @Test func largeEventsAndLargeAppends() async throws {
        let store = try await Server.freshStore()
        let big = event("{\"blob\":\"" + String(repeating: "x", count: 10_000) + "\"}")
        _ = try await store.append([big], to: EventSource(entity: "Thing", id: "big"), expectedVersion: .noEvents)
        let thousand = (0..<1_000).map { _ in event() }
        let appended = try await store.append(thousand, to: EventSource(entity: "Thing", id: "many"), expectedVersion: .noEvents)
        #expect(appended.map(\.version) == Array(1...1_000))
        #expect(try await store.read(EventSource(entity: "Thing", id: "big"), fromVersion: 1).first?.payload == big.payload)
        store.close()
    }
}

/// Every row of the path table, asked of the live server and of Factum's evaluator: both
/// answer alike (but for the documented normalization case), and as when it was recorded.
@Suite("SQL/JSON path: the live server", .enabled(if: Server.available, Server.skipped))
struct PostgresOracleTests {
    struct Row: Decodable { var document: String; var path: String; var exists: Bool?; var match: Bool?; var error: String? }
    struct Table: Decodable { var rows: [Row] }

    @Test func theServerAndTheEvaluatorAgree() async throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("FactumRuntimeTests/Oracle/jsonpath-oracle.json")
        let rows = try JSONDecoder().decode(Table.self, from: Data(contentsOf: url)).rows.filter { $0.error == nil }
        #expect(rows.count > 2_000)
        let store = try await Server.freshStore()
        let answers = try await store.pathAnswers(rows.map { ($0.document, $0.path) })
        var differences: [String] = []
        for (row, answer) in zip(rows, answers) {
            if answer.exists != row.exists || answer.match != row.match {
                differences.append("\(row.path) on \(row.document): the server now says @? \(String(describing: answer.exists)), @@ \(String(describing: answer.match))")
            }
            let path = try JSONPath(row.path)
            guard let document = JSONValue(parsing: Data(row.document.utf8)) else { continue }
            let server = path.isPredicate ? answer.match == true : answer.exists == true
            if try path.matches(document) != server, !(row.path.contains("u0301") && row.document.contains("combining")) {
                differences.append("\(row.path) on \(row.document): the server \(server), Factum's evaluator the opposite")
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20).joined(separator: "\n"))")
        store.close()
    }
}

/// A connection killed in the middle of an append (`pg_terminate_backend` while the append
/// waits for the append lock inside factum_append): the caller gets an error, nothing of the
/// append is stored, and the same append goes through afterwards, once.
@Suite("PostgreSQL ledger under faults", .enabled(if: Server.available, Server.skipped), .timeLimit(.minutes(1)))
struct PostgresFaultTests {
    let type = EventType(id: UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")!, generation: 1)

    @Test func aConnectionKilledMidAppendLeavesNothing() async throws {
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let store = try await Server.freshStore(schema: schema)
        let holder = try await Server.freshStore(schema: schema)
        let heldID = UUID()
        let held = Task { try await holder.withHeldAppend(eventID: heldID, source: "held", hold: .seconds(4)) }
        try await Server.waitUntilHeld(holder, schema: schema)
        let events = (0..<3).map { _ in PendingEvent(eventType: type, eventName: "ThingHappened", entity: "Thing", payload: Data("{}".utf8)) }
        let append = Task { try await store.append(events, to: EventSource(entity: "Thing", id: "killed"), expectedVersion: .noEvents) }
        var killed = false
        for _ in 0..<60 where !killed {
            try await Task.sleep(for: .milliseconds(50))
            let rows = try await holder.query("SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%\"\(schema)\".factum_append($1::text%' AND datname = current_database()")
            killed = !rows.isEmpty
        }
        #expect(killed, "the waiting append's backend was found and terminated")
        do {
            _ = try await append.value
            Issue.record("the killed append reported success")
        } catch {
            #expect("\(error)".isEmpty == false)
        }
        try await held.value
        let stored = try await store.readAll(after: nil, limit: nil)
        #expect(stored.map(\.eventID) == [heldID], "only the held append is stored: \(stored.count) events")
        let retried = try await store.append(events, to: EventSource(entity: "Thing", id: "killed"), expectedVersion: .noEvents)
        #expect(retried.map(\.version) == [1, 2, 3])
        #expect(try await store.read(EventSource(entity: "Thing", id: "killed"), fromVersion: 1).count == 3)
        store.close()
        holder.close()
    }
}
