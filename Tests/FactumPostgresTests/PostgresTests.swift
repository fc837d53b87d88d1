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

    /// A schema name no other test uses.
    static func freshSchema() -> String {
        "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    }

    /// A store on a new, empty schema (or on `schema`).
    static func freshStore(schema: String = freshSchema(), pollInterval: Duration = .milliseconds(200)) async throws -> PostgresEventStore {
        let url = try #require(url, "FACTUM_POSTGRES_URL is not set, and CI=true requires the PostgreSQL tests to run")
        return try await PostgresEventStore(url: url, options: .init(schema: schema, pollInterval: pollInterval))
    }
}

@Suite("Conformance: PostgresEventStore", .enabled(if: Server.available, Server.skipped), .timeLimit(.minutes(3)))
struct PostgresConformanceTests {
    @Test(arguments: EventStoreConformance.checks)
    func conformance(_ check: EventStoreConformance.Check) async throws {
        let schema = Server.freshSchema()
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
        let schema = Server.freshSchema()
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

    /// PostgreSQL's own schemas are refused before anything is sent (issue 27: `pg_catalog`
    /// and `information_schema` were accepted); `public` is allowed (docs/postgres.md).
    @Test func systemSchemasAreRefused() async throws {
        for schema in ["pg_catalog", "pg_toast", "pg_temp_1", "information_schema"] {
            do {
                _ = try await Server.freshStore(schema: schema)
                Issue.record("a ledger opened in \(schema)")
            } catch let error as PostgresEventStore.OpenError {
                #expect(error.message.contains("PostgreSQL's own"), "\(error)")
            }
        }
        let rows = try await Server.freshStore().query("SELECT count(*)::text FROM pg_proc WHERE proname = 'factum_append' AND pronamespace IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)")
        #expect(rows == [["0"]])
    }

    @Test func aNewerSchemaIsRefused() async throws {
        let schema = Server.freshSchema()
        let store = try await Server.freshStore(schema: schema)
        _ = try await store.query("UPDATE \(schema).factum_ledger SET value = '99' WHERE name = 'schema-version'")
        store.close()
        await #expect(throws: PostgresEventStore.OpenError.self) { _ = try await Server.freshStore(schema: schema) }
    }

    /// A ledger of schema 1 (whose append function wrote one row at a time) is migrated on
    /// opening: its functions replaced, its version recorded, its events kept.
    @Test func anOlderSchemaIsMigrated() async throws {
        let schema = Server.freshSchema()
        let store = try await Server.freshStore(schema: schema)
        let first = try await store.append([event()], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .noEvents)
        _ = try await store.query("UPDATE \(schema).factum_ledger SET value = '1' WHERE name = 'schema-version'")
        _ = try await store.query("CREATE OR REPLACE FUNCTION \(schema).factum_try_jsonb(data bytea) RETURNS jsonb LANGUAGE sql AS 'SELECT NULL::jsonb'")
        store.close()
        let reopened = try await Server.freshStore(schema: schema)
        #expect(try await reopened.query("SELECT value FROM \(schema).factum_ledger WHERE name = 'schema-version'") == [["\(PostgresEventStore.schemaVersion)"]])
        #expect(try await reopened.query("SELECT \(schema).factum_try_jsonb('\\x7b7d'::bytea)::text") == [["{}"]], "the functions were replaced")
        let second = try await reopened.append([event(#"not JSON"#)], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .exactly(1))
        #expect(try await reopened.readAll(after: nil, limit: nil).map(\.eventID) == (first + second).map(\.eventID))
        #expect(try await reopened.read(EventSource(entity: "Thing", id: "a"), fromVersion: 2).first?.payload == Data("not JSON".utf8))
        reopened.close()
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
        let schema = Server.freshSchema()
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

/// The server restarts, and a listening connection drops, under live stores. Subscriptions
/// here poll once an hour, so that only a notification (on a reopened LISTEN connection) or a
/// read through the lost connection can deliver in time.
@Suite("PostgreSQL ledger across a restart", .enabled(if: Server.available, Server.skipped), .serialized, .timeLimit(.minutes(2)))
struct PostgresRestartTests {
    let type = EventType(id: UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")!, generation: 1)

    func event(_ n: Int) -> PendingEvent {
        PendingEvent(eventType: type, eventName: "ThingHappened", entity: "Thing", payload: Data(#"{"n":\#(n)}"#.utf8))
    }

    /// A writer appends one event at a time and, when a call fails, tries the same event again;
    /// the server restarts in the middle. Every acknowledged event is stored once, the versions
    /// have no gap, and a subscriber on another store, started before the restart, receives all
    /// of them (woken by notifications on its reopened listening connection).
    @Test func aRetryingCallerSurvivesARestart() async throws {
        let cluster = try Server.PrivateCluster()
        defer { cluster.stop() }
        // A short wait for a connection, so that a request the pool loses fails soon.
        let options = PostgresEventStore.Options(schema: "restarted", pollInterval: .seconds(3_600), connectionWait: .seconds(5))
        let store = try await PostgresEventStore(url: cluster.url, options: options)
        let subscriber = try await PostgresEventStore(url: cluster.url, options: options)
        let source = EventSource(entity: "Thing", id: "r")
        let count = 60
        let subscription = subscriber.subscribe(after: nil)
        let delivered = Task { try await EventStoreConformance.firstEvents(of: subscription, count: count, within: 60) }
        let writer = Task {
            var acknowledged: [EventEnvelope] = []
            var failures: [String] = []
            for n in 0..<count {
                let pending = event(n)
                while true {
                    do {
                        acknowledged += try await store.append([pending], to: source, expectedVersion: .exactly(n))
                        break
                    } catch {
                        failures.append("\(error)")
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
                try await Task.sleep(for: .milliseconds(10))
            }
            return (acknowledged, failures)
        }
        while try await store.readAll(after: nil, limit: nil).count < count / 3 { try await Task.sleep(for: .milliseconds(10)) }
        try cluster.pgctl(["-m", "fast", "restart"])
        let (acknowledged, failures) = try await writer.value
        let stored = try await store.read(source, fromVersion: 1)
        #expect(stored.map(\.version) == Array(1...count), "versions without a gap or a copy")
        #expect(stored.map(\.eventID) == acknowledged.map(\.eventID), "every acknowledged event is stored, once")
        #expect(try await delivered.value.map(\.eventID) == acknowledged.map(\.eventID), "the subscriber received every event, in order")
        print("restart: the writer's calls that failed and were tried again: \(failures.count) \(failures.prefix(3))")
        store.close()
        subscriber.close()
    }

    /// The listening connections of two stores are terminated; they are reopened, and a
    /// notification from one store's append wakes the other's subscription (which polls only
    /// once an hour).
    @Test func aDroppedListeningConnectionIsReopened() async throws {
        let schema = Server.freshSchema()
        let store = try await Server.freshStore(schema: schema, pollInterval: .seconds(3_600))
        let other = try await Server.freshStore(schema: schema)
        let first = try await other.append([event(1)], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .noEvents)
        let subscription = store.subscribe(after: nil)
        let delivered = Task { try await EventStoreConformance.firstEvents(of: subscription, count: 2, within: 20) }
        let listening = "SELECT pid::text FROM pg_stat_activity WHERE query = 'LISTEN \"factum_\(schema)\";'"
        /// The pids of the two stores' listening connections, once both are there and none is in `old`.
        func listeners(notIn old: Set<String> = []) async throws -> Set<String> {
            for _ in 0..<250 {
                let pids = Set(try await other.query(listening).compactMap { $0.first ?? nil })
                if pids.count == 2, pids.isDisjoint(with: old) { return pids }
                try await Task.sleep(for: .milliseconds(20))
            }
            Issue.record("the two stores' listening connections did not show up")
            return []
        }
        let before = try await listeners()
        for pid in before { _ = try await other.query("SELECT pg_terminate_backend(\(pid))::text") }
        // Both are reopened, on new connections; then the other store appends.
        let after = try await listeners(notIn: before)
        #expect(after.count == 2, "each store's listening connection was reopened")
        let second = try await other.append([event(2)], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .exactly(1))
        #expect(try await delivered.value.map(\.eventID) == (first + second).map(\.eventID))
        store.close()
        other.close()
    }
}

extension Server {
    /// A cluster of the test's own, which it may restart without disturbing the other tests:
    /// initdb in a temporary folder (as the postgres user when the tests run as root),
    /// listening on a Unix socket there only.
    struct PrivateCluster {
        let folder: String
        let bin: String
        var data: String { folder + "/data" }
        var url: String { "postgres://postgres@localhost/postgres?host=\(folder)" }

        init() throws {
            let environment = ProcessInfo.processInfo.environment
            let bin = try #require(environment["FACTUM_POSTGRES_BIN"], "FACTUM_POSTGRES_BIN names the folder of initdb and pg_ctl (Scripts/with-postgres.sh sets it)")
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("factum-cluster-\(UUID().uuidString.prefix(8))").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if getuid() == 0 { try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: folder) }
            self.bin = bin
            try run(["\(bin)/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"])
            try pgctl(["-o", "-k '\(folder)' -c listen_addresses='' -p 5432", "start"])
        }

        /// pg_ctl on this cluster, waiting for it to finish.
        func pgctl(_ arguments: [String]) throws {
            try run(["\(bin)/pg_ctl", "-D", data, "-l", "\(folder)/server.log", "-w"] + arguments)
        }

        func stop() {
            try? pgctl(["-m", "immediate", "stop"])
            try? FileManager.default.removeItem(atPath: folder)
        }

        /// Runs a command as the postgres user, output to a log in the folder, and waits for it
        /// with waitpid: Foundation's Process did not notice such a child's exit while
        /// PostgresNIO's threads ran.
        private func run(_ arguments: [String]) throws {
            var command = ["/bin/sh", "-c", arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ") + " >>'\(folder)/commands.log' 2>&1"]
            if getuid() == 0 { command = ["/usr/sbin/runuser", "-u", "postgres", "--"] + command }
            var argv = command.map { strdup($0) }
            argv.append(nil)
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            guard posix_spawn(&pid, command[0], nil, nil, argv, environ) == 0 else {
                throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "cannot run \(command[0])"])
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            guard status == 0 else {
                let log = (try? String(contentsOfFile: "\(folder)/commands.log", encoding: .utf8)) ?? ""
                throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(arguments[0]) failed (status \(status)): \(log.suffix(600))"])
            }
        }
    }
}

/// The application's role needs only the rights docs/postgres.md lists: with them it appends,
/// reads, filters and subscribes; without the right to create, it cannot set a ledger up, and
/// is told so.
@Suite("PostgreSQL ledger: roles", .enabled(if: Server.available, Server.skipped), .timeLimit(.minutes(1)))
struct PostgresRoleTests {
    let type = EventType(id: UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")!, generation: 1)

    @Test func aRoleWithOnlyTheLedgersRightsUsesIt() async throws {
        let url = try #require(Server.url)
        let schema = Server.freshSchema()
        let role = "app_" + schema
        let owner = try await Server.freshStore(schema: schema)
        for statement in [
            "CREATE ROLE \(role) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE",
            "GRANT USAGE ON SCHEMA \(schema) TO \(role)",
            "GRANT SELECT ON ALL TABLES IN SCHEMA \(schema) TO \(role)",
            "GRANT INSERT ON \(schema).factum_events TO \(role)",
            "GRANT INSERT, UPDATE ON \(schema).factum_sources TO \(role)",
            "GRANT USAGE ON SEQUENCE \(schema).factum_positions TO \(role)",
            "REVOKE ALL ON FUNCTION \(schema).factum_append FROM PUBLIC",
            "GRANT EXECUTE ON FUNCTION \(schema).factum_append TO \(role)",
            "GRANT INSERT, UPDATE, DELETE ON \(schema).factum_checkpoints, \(schema).factum_parked TO \(role)",
            "GRANT INSERT, UPDATE ON \(schema).factum_snapshots TO \(role)",
        ] {
            _ = try await owner.query(statement)
        }
        let roleURL = url.replacingOccurrences(of: "postgres://postgres@", with: "postgres://\(role)@")
        #expect(roleURL != url)
        let app = try await PostgresEventStore(url: roleURL, options: .init(schema: schema, pollInterval: .milliseconds(200)))
        let subscription = app.subscribe(after: nil)
        let delivered = Task { try await EventStoreConformance.firstEvents(of: subscription, count: 2, within: 20) }
        let source = EventSource(entity: "Thing", id: "a")
        let pending = PendingEvent(eventType: type, eventName: "ThingHappened", entity: "Thing", payload: Data(#"{"dish":"soup"}"#.utf8))
        let first = try await app.append([pending], to: source, expectedVersion: .noEvents)
        let guarded = AppendCondition(failIfEventsMatch: .filter(FilterSelector(data: ["ThingHappened": #"$.dish == "stew""#])), after: first[0].position)
        let second = try await app.append([PendingEvent(eventType: type, eventName: "ThingHappened", entity: "Thing", payload: Data(#"{"dish":"stew"}"#.utf8))],
                                           to: source, expectedVersion: .exactly(1), condition: guarded)
        #expect(try await app.read(source, fromVersion: 1).map(\.eventID) == (first + second).map(\.eventID))
        #expect(try await app.filter(FilterSelector(data: ["ThingHappened": #"$.dish == "stew""#])).map(\.eventID) == second.map(\.eventID))
        #expect(try await delivered.value.map(\.eventID) == (first + second).map(\.eventID))
        #expect(try await app.query("SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user") == [["false"]])
        // Projections' checkpoints and snapshots need only the rights docs/postgres.md lists.
        try await app.projections.commit(ProjectionCommit(key: ProjectionKey(name: "P", version: 1), from: 0, to: second[0].position, apply: [first[0]])) { _, _ in }
        #expect(try await app.projections.checkpoint(ProjectionKey(name: "P", version: 1)).position == second[0].position)
        try await app.saveSnapshot(Snapshot(source: source, version: 2, stamp: "r1", state: Data("{}".utf8)))
        #expect(try await app.loadSnapshot(source)?.version == 2)
        // Stored events are out of the application's reach.
        for statement in ["UPDATE \(schema).factum_events SET payload = '\\x7b7d'", "DELETE FROM \(schema).factum_events"] {
            await #expect(throws: (any Error).self, "\(statement)") { _ = try await app.query(statement) }
        }
        // The same role cannot set up a ledger of its own, and the error says why.
        do {
            _ = try await PostgresEventStore(url: roleURL, options: .init(schema: Server.freshSchema()))
            Issue.record("a role without CREATE set a ledger up")
        } catch let error as PostgresEventStore.OpenError {
            #expect(error.message.contains("permission denied"), "\(error.message)")
        }
        app.close()
        owner.close()
    }
}

/// Opening fails at once, with the server's own reason, when the server refuses the login or
/// is not there (issue 26: it waited 60 s and said only "no connection to the server").
@Suite("PostgreSQL ledger: opening refused", .enabled(if: Server.available, Server.skipped), .timeLimit(.minutes(1)))
struct PostgresOpenTests {
    /// The server's URL with one part changed.
    func url(user: String? = nil, database: String? = nil, folder: String? = nil) throws -> String {
        let base = try #require(Server.url, "FACTUM_POSTGRES_URL is not set, and CI=true requires the PostgreSQL tests to run")
        var components = try #require(URLComponents(string: base))
        if let user { components.user = user }
        if let database { components.path = "/" + database }
        if let folder { components.queryItems = [URLQueryItem(name: "host", value: folder)] }
        return try #require(components.string)
    }

    /// The opening fails with the server's reason, not after the pool's wait: the wait is set
    /// to two minutes, and a call that waited would say "no connection to the server within".
    /// The time it took is printed, not asserted (7–42 ms alone on the 2-core machine; about
    /// 11 s once, amid the whole suite's parallel start).
    func expectRefusedQuickly(_ url: String, saying expected: String) async {
        let start = ContinuousClock.now
        do {
            _ = try await PostgresEventStore(url: url, options: .init(connectionWait: .seconds(120)))
            Issue.record("\(url) was opened")
        } catch {
            #expect("\(error)".contains(expected) && !"\(error)".contains("no connection to the server within"), "\(error)")
        }
        print("opening refused after \(ContinuousClock.now - start): \(expected)")
    }

    @Test func aRoleThatDoesNotExist() async throws {
        await expectRefusedQuickly(try url(user: "nobody_at_all"), saying: #"role "nobody_at_all" does not exist (SQLSTATE 28000)"#)
    }

    @Test func aDatabaseThatDoesNotExist() async throws {
        await expectRefusedQuickly(try url(database: "no_such_database"), saying: #"database "no_such_database" does not exist (SQLSTATE 3D000)"#)
    }

    @Test func aSocketFolderWithNoServer() async throws {
        let folder = NSTemporaryDirectory() + "factum-no-server-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        await expectRefusedQuickly(try url(folder: folder), saying: "there is no server at the socket \(folder)/.s.PGSQL.5432")
    }

    @Test func aPortWithNoServer() async throws {
        await expectRefusedQuickly("postgres://postgres@127.0.0.1:1/postgres", saying: "no server accepts connections at 127.0.0.1:1")
    }
}

/// The projection kit against the PostgreSQL host: the read model's rows are written on the
/// handler's connection, in the checkpoint's transaction, as plain rows (exactly once).
@Suite("Conformance: PostgresProjectionHost", .enabled(if: Server.available, Server.skipped), .timeLimit(.minutes(3)))
struct PostgresProjectionConformanceTests {
    static func subject(_ store: PostgresEventStore, schema: String) -> ProjectionConformance.Subject<PostgresProjectionHost> {
        ProjectionConformance.Subject(host: store.projections, prepare: { table in
            try await store.withReadModelConnection { connection in
                _ = try await connection.query("CREATE TABLE \(unescaped: schema).\(unescaped: table) (n bigserial PRIMARY KEY, position bigint NOT NULL)", logger: Logger(label: "test"))
            }
        }, record: { table, context in
            try await context.connection.query("INSERT INTO \(unescaped: schema).\(unescaped: table) (position) VALUES (\(context.position))", logger: Logger(label: "test"))
        }, recorded: { table in
            try await store.query("SELECT position::text FROM \(schema).\(table) ORDER BY n").map { Int64($0[0] ?? "") ?? -1 }
        })
    }

    @Test(arguments: ProjectionConformance.Check.allCases)
    func conformance(_ check: ProjectionConformance.Check) async throws {
        let schema = Server.freshSchema()
        try await check.run { Self.subject(try await Server.freshStore(schema: schema), schema: schema) }
    }
}

/// A projection runner on PostgreSQL, in a process of its own (`FactumLedgerWriter project
/// postgres URL SCHEMA`), killed with SIGKILL at random moments while events are appended:
/// the read model and the checkpoint always agree.
@Suite("PostgreSQL projection under kill -9", .enabled(if: Server.available, Server.skipped), .timeLimit(.minutes(3)))
struct PostgresProjectionCrashTests {
    static let helper: URL = {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(), Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("FactumLedgerWriter") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? candidates[0].appendingPathComponent("FactumLedgerWriter")
    }()

    static let key = ProjectionKey(name: "CrashApplied", version: 1)
    static let type = EventType(id: UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")!, generation: 1)

    func verify(_ store: PostgresEventStore, schema: String) async throws -> Int64 {
        let checkpoint = try await store.projections.checkpoint(Self.key).position
        let exists = try await store.query("SELECT count(*)::text FROM pg_tables WHERE schemaname = '\(schema)' AND tablename = 'crash_applied'") == [["1"]]
        let applied = exists ? try await store.query("SELECT position::text FROM \(schema).crash_applied ORDER BY n").map { Int64($0[0] ?? "") ?? -1 } : []
        let expected = try await store.readAll(after: nil, limit: nil).map(\.position).filter { $0 <= checkpoint }
        let agree = applied == expected
        #expect(agree, "checkpoint \(checkpoint): \(applied.count) rows applied for \(expected.count) events (\(applied.count - Set(applied).count) twice)")
        return checkpoint
    }

    @Test func aRunnerKilledAtRandomMomentsAppliesEveryEventOnce() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.helper.path), "FactumLedgerWriter is built with the tests")
        let url = try #require(ProcessInfo.processInfo.environment["FACTUM_POSTGRES_URL"])
        let schema = Server.freshSchema()
        let store = try await Server.freshStore(schema: schema)
        func appendSome(_ count: Int) async throws {
            for batch in 0..<count {
                let events = (0..<3).map { index in
                    PendingEvent(eventType: Self.type, eventName: "BatchWritten", entity: "Crash", payload: Data(#"{"batch":"b\#(batch)","index":\#(index),"size":3}"#.utf8))
                }
                _ = try await store.append(events, to: EventSource(entity: "Crash", id: "s\(batch % 4)"), expectedVersion: .any)
            }
        }
        try await appendSome(200)
        var generator = SystemRandomNumberGenerator()
        var checkpoints: [Int64] = []
        func startRunner() throws -> Process {
            let process = Process()
            process.executableURL = Self.helper
            process.arguments = ["project", "postgres", url, schema]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for _ in 0..<8 {
            let process = try startRunner()
            let appending = Task { try await appendSome(20) }
            try await Task.sleep(for: .milliseconds(Int.random(in: 300...1_200, using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try await appending.value
            checkpoints.append(try await verify(store, schema: schema))
        }
        let last = try await store.lastPosition()
        let process = try startRunner()
        let deadline = ContinuousClock.now + .seconds(90)
        while try await store.projections.checkpoint(Self.key).position < last, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try await verify(store, schema: schema) == last)
        print("PostgreSQL projection runner killed at checkpoints \(checkpoints) of a ledger that grew to \(last) events")
    }
}
