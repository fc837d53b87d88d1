// The PostgreSQL ledger's figures, each against a baseline measured in the same run, on the
// server FACTUM_POSTGRES_URL names:
//
//     bash Scripts/with-postgres.sh swift run -c release --package-path Benchmarks PostgresBenchmarks [--quick]
//
// appends with 1 and 8 concurrent writers, single events and batches of 10, against a raw
// INSERT of the same rows through postgres-nio into a copy of the ledger's table (its columns
// and indexes, no version check, no lock); readAll against a raw SELECT of the same columns; a
// filter selector over 100,000 events with its GIN index and without it; subscription latency
// from another store; a projection catching up against a hand-written loop that reads pages
// and updates one table in a transaction per page. It prints the server settings that decide
// the append figures.
import BenchmarkSupport
import Factum
import FactumPostgres
import Foundation
import Logging
import PostgresNIO

let arguments = Array(CommandLine.arguments.dropFirst())
let quick = arguments.contains("--quick")
guard let url = ProcessInfo.processInfo.environment["FACTUM_POSTGRES_URL"] else {
    print("FACTUM_POSTGRES_URL is not set: run it as `bash Scripts/with-postgres.sh swift run -c release --package-path Benchmarks PostgresBenchmarks`")
    exit(2)
}
let logger = Logger(label: "factum.benchmarks")

/// The events every benchmark appends (static, so that concurrent tasks may call it).
enum Sample {
    static let type = EventType(id: UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")!, generation: 1)

    static func event(_ index: Int, name: String = "DishPrepared", dish: String = "Chili") -> PendingEvent {
        PendingEvent(eventType: type, eventName: name, entity: "Kitchen",
                     metadata: EventMetadata(correlationID: "order-\(index)", actor: "register-\(index % 3)"),
                     payload: Data(#"{"dish":"\#(dish)","orderNumber":\#(index),"peppers":\#(index % 5)}"#.utf8))
    }
}

func freshStore() async throws -> PostgresEventStore {
    try await PostgresEventStore(url: url, options: .init(schema: "bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()))
}

/// A client of the benchmark's own for the raw baselines, run in a task.
func rawClient() throws -> (PostgresClient, Task<Void, Never>) {
    let client = PostgresClient(configuration: try PostgresEventStore.configuration(url: url))
    return (client, Task { await client.run() })
}

let (raw, rawRunning) = try rawClient()
func rawQuery(_ sql: String) async throws -> [String] {
    var result: [String] = []
    for try await row in try await raw.query(PostgresQuery(unsafeSQL: sql), logger: logger) { result.append(try row.decode(String.self)) }
    return result
}

let version = try await rawQuery("SELECT current_setting('server_version')").first ?? "?"
let settings = try await rawQuery("SELECT name || '=' || setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers') ORDER BY name")
print("# Factum PostgreSQL ledger benchmarks (PostgreSQL \(version), \(settings.joined(separator: ", ")), \(ProcessInfo.processInfo.activeProcessorCount) cores)\n")
print("| what | raw INSERT / SELECT | Factum | Factum / baseline (time) |")
print("| --- | --- | --- | --- |")

// MARK: Appends

enum Raw {
    /// A raw insert of the rows an append writes, in one statement, into a copy of the ledger's
    /// table: the same columns, keys and indexes, without the version check, the lock and the
    /// notification.
    static func insert(_ raw: PostgresClient, into table: String, _ events: [PendingEvent], source: String, firstVersion: Int) async throws {
        var binds = PostgresBindings()
        binds.append(events.map(\.eventID))
        binds.append(source)
        binds.append(firstVersion)
        binds.append(events.map(\.eventType.id))
        binds.append(events.map(\.eventName))
        binds.append(events.map(\.timestamp.timeIntervalSince1970))
        binds.append(events.map { $0.metadata.correlationID ?? "" })
        binds.append(events.map { $0.metadata.actor ?? "" })
        binds.append(events.map { #"{"actor":"\#($0.metadata.actor ?? "")","correlationId":"\#($0.metadata.correlationID ?? "")"}"# })
        binds.append(events.map { ByteBuffer(bytes: $0.payload) })
        try await raw.query(PostgresQuery(unsafeSQL: """
            INSERT INTO \(table) SELECT nextval('\(table)_positions'), id, 'Kitchen', $2, $3 + n::integer - 1, t, 1, name, 'private', ts, corr, NULL, act, NULL, meta::jsonb, payload, convert_from(payload, 'UTF8')::jsonb
            FROM unnest($1::uuid[], $4::uuid[], $5::text[], $6::double precision[], $7::text[], $8::text[], $9::text[], $10::bytea[]) WITH ORDINALITY AS e(id, t, name, ts, corr, act, meta, payload, n)
            """, binds: binds), logger: Logger(label: "factum.benchmarks"))
    }

    /// `pages` pages of 1,000 rows of the ledger's columns, each row decoded as the store
    /// decodes it; the payloads' total size.
    static func readPages(_ raw: PostgresClient, table: String, pages: Int) async throws -> Int {
        var after: Int64 = 0
        var total = 0
        for _ in 0..<pages {
            var binds = PostgresBindings()
            binds.append(after)
            let query = PostgresQuery(unsafeSQL: "SELECT position, event_id, entity, source_id, version, event_type, generation, event_name, visibility, \"timestamp\", correlation_id, causation_id, actor, metadata_values::text, payload FROM \(table) WHERE position > $1 ORDER BY position LIMIT 1000", binds: binds)
            for try await row in try await raw.query(query, logger: Logger(label: "factum.benchmarks")) {
                let (position, _, _, _, _, _, _, _, _, _, _, _, _, _, payload) = try row.decode((Int64, UUID, String, String, Int, UUID, Int, String, String, Double, String?, String?, String?, String?, ByteBuffer).self)
                after = position
                total += payload.readableBytes
            }
        }
        return total
    }

    /// `writers` tasks at once, each running `body` with its number.
    static func concurrently(_ writers: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers { group.addTask { try await body(writer) } }
            try await group.waitForAll()
        }
    }
}

let appendCount = quick ? 400 : 2_000
for writers in [1, 8] {
    for batch in [1, 10] {
        let store = try await freshStore()
        let table = "\(store.options.schema).raw_events"
        _ = try await rawQuery("CREATE TABLE \(table) (LIKE \(store.options.schema).factum_events INCLUDING ALL)")
        _ = try await rawQuery("CREATE SEQUENCE \(table)_positions")
        var round = 0
        let appendsPerWriter = appendCount / batch / writers
        let times = try await compare(3, baseline: {
            round += 1
            let round = round
            try await Raw.concurrently(writers) { writer in
                for index in 0..<appendsPerWriter {
                    try await Raw.insert(raw, into: table, (0..<batch).map { Sample.event(index * batch + $0) }, source: "r\(round)w\(writer)", firstVersion: index * batch + 1)
                }
            }
        }, candidate: {
            let round = round
            try await Raw.concurrently(writers) { writer in
                for index in 0..<appendsPerWriter {
                    _ = try await store.append((0..<batch).map { Sample.event(index * batch + $0) }, to: EventSource(entity: "Kitchen", id: "r\(round)w\(writer)"),
                                               expectedVersion: .exactly(index * batch))
                }
            }
        })
        let events = Double(appendsPerWriter * batch * writers)
        let label = "appends, \(batch == 1 ? "1 event" : "batches of \(batch)"), \(writers) writer\(writers == 1 ? "" : "s")"
        print(String(format: "| %@ | %.0f events/s | %.0f events/s | %.2f× |", label, events / times.baseline, events / times.candidate, times.candidate / times.baseline))
        store.close()
    }
}

// MARK: Reading

let store = try await freshStore()
let dishes = ["Chili", "Soup", "Curry", "Paella", "Flan", "Salad", "Stew", "Tacos", "Ramen", "Pho"]
let count = quick ? 20_000 : 100_000
for chunk in 0..<(count / 1_000) {
    _ = try await store.append((0..<1_000).map { index in
        let n = chunk * 1_000 + index
        return Sample.event(n, name: n % 4 == 0 ? "DishAddedToMenu" : "DishPrepared", dish: n % 1_000 == 7 ? "Haggis" : dishes[n % dishes.count])
    }, to: EventSource(entity: "Kitchen", id: "k\(chunk)"), expectedVersion: .noEvents)
}
let table = "\(store.options.schema).factum_events"
_ = try await rawQuery("ANALYZE \(table)")
do {
    let pages = 10
    let times = try await compare(5, baseline: {
        let total = try await Raw.readPages(raw, table: table, pages: pages)
        precondition(total > 0)
    }, candidate: {
        var after: Int64? = nil
        var read = 0
        for _ in 0..<pages {
            let page = try await store.readAll(after: after, limit: 1_000)
            after = page.last?.position
            read += page.count
        }
        precondition(read == pages * 1_000)
    })
    let rows = Double(pages * 1_000)
    print(String(format: "| readAll, 10 pages of 1,000 events (raw SELECT, rows decoded) | %.0f events/s | %.0f events/s | %.2f× |", rows / times.baseline, rows / times.candidate, times.candidate / times.baseline))
}

// MARK: Projections

/// The benchmark's event, as a projection reads it.
struct DishPrepared: DomainEvent {
    static let eventType = Sample.type
    static let visibility = EventVisibility.private
    static let entityName = "Kitchen"
    static let eventName = "DishPrepared"
    var dish: String
    var orderNumber: Int
    var peppers: Int
}

/// Dishes counted per dish, written on the checkpoint's transaction.
struct DishCounts: Projection {
    typealias Context = PostgresProjectionContext
    static let projectionName = "DishCounts"
    static let projectionVersion = 1
    static let selector = ProjectionSelector([DishPrepared.eventType])
    let schema: String

    func handle(_ event: any DomainEvent, _ context: PostgresProjectionContext) async throws {
        guard let event = event as? DishPrepared else { return }
        try await context.connection.query("INSERT INTO \(unescaped: schema).dish_counts AS c (dish, n) VALUES (\(event.dish), 1) ON CONFLICT (dish) DO UPDATE SET n = c.n + 1", logger: logger)
    }
}

do {
    let projected = try await freshStore()
    let schema = projected.options.schema
    let events = quick ? 5_000 : 20_000
    for chunk in 0..<(events / 1_000) {
        _ = try await projected.append((0..<1_000).map { Sample.event(chunk * 1_000 + $0, dish: dishes[$0 % dishes.count]) }, to: EventSource(entity: "Kitchen", id: "k\(chunk)"), expectedVersion: .noEvents)
    }
    for statement in ["CREATE TABLE \(schema).dish_counts (dish text PRIMARY KEY, n bigint NOT NULL)", "CREATE TABLE \(schema).hand_counts (dish text PRIMARY KEY, n bigint NOT NULL)",
                      "CREATE TABLE \(schema).hand_checkpoint (position bigint NOT NULL)"] {
        try await raw.query(PostgresQuery(unsafeSQL: statement), logger: logger)
    }
    let registry = try EventRegistry([EventRegistration(DishPrepared.self)])
    let decoder = JSONDecoder()
    func reset() async throws {
        for statement in ["DELETE FROM \(schema).dish_counts", "DELETE FROM \(schema).hand_counts", "DELETE FROM \(schema).hand_checkpoint",
                          "INSERT INTO \(schema).hand_checkpoint VALUES (0)", "DELETE FROM \(schema).factum_checkpoints"] {
            try await raw.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
    }
    let times = try await compare(3, baseline: {
        try await reset()
        try await raw.withConnection { connection in
            var position: Int64 = 0
            while true {
                var page: [(Int64, DishPrepared)] = []
                for try await (at, payload) in try await connection.query("SELECT position, payload FROM \(unescaped: schema).factum_events WHERE position > \(position) ORDER BY position LIMIT 500", logger: logger).decode((Int64, ByteBuffer).self) {
                    page.append((at, try decoder.decode(DishPrepared.self, from: Data(payload.readableBytesView))))
                }
                guard let last = page.last?.0 else { break }
                try await connection.query("BEGIN", logger: logger)
                for (_, event) in page {
                    try await connection.query("INSERT INTO \(unescaped: schema).hand_counts AS c (dish, n) VALUES (\(event.dish), 1) ON CONFLICT (dish) DO UPDATE SET n = c.n + 1", logger: logger)
                }
                try await connection.query("UPDATE \(unescaped: schema).hand_checkpoint SET position = \(last)", logger: logger)
                try await connection.query("COMMIT", logger: logger)
                position = last
            }
        }
    }, candidate: {
        let progress = try await ProjectionRunner(DishCounts(schema: schema), on: projected.projections, registry: registry, options: .init(pageSize: 500)).catchUp()
        precondition(progress.position == Int64(events))
    })
    let ours = try await rawQuery("SELECT string_agg(dish || '=' || n, ',' ORDER BY dish) FROM \(schema).dish_counts")
    let theirs = try await rawQuery("SELECT string_agg(dish || '=' || n, ',' ORDER BY dish) FROM \(schema).hand_counts")
    precondition(ours == theirs, "the projection and the hand-written loop disagree: \(ours) \(theirs)")
    print(String(format: "| projection catching up on %dk events, one table, 500 per page (hand-written page loop) | %.0f events/s | %.0f events/s | %.2f× |",
                 events / 1_000, Double(events) / times.baseline, Double(events) / times.candidate, times.candidate / times.baseline))
}

// MARK: Filter selectors

do {
    let selector = FilterSelector(data: ["DishPrepared": #"$.dish == "Haggis""#])
    let expected = try await store.filter(selector).count
    var withIndex = Double.infinity, withoutIndex = Double.infinity
    for _ in 0..<3 {
        let start = now()
        let found = try await store.filter(selector).count
        precondition(found == expected)
        withIndex = min(withIndex, now() - start)
    }
    // The same query on the same server without the GIN index: the planner scans.
    _ = try await rawQuery("DROP INDEX \(store.options.schema).factum_events_payload")
    for _ in 0..<3 {
        let start = now()
        let found = try await store.filter(selector).count
        precondition(found == expected)
        withoutIndex = min(withoutIndex, now() - start)
    }
    print(String(format: "| filter selector over %dk events, %d selected (baseline: its GIN index dropped) | %.1f ms | %.1f ms | %.2f× |", count / 1_000, expected, withoutIndex * 1000, withIndex * 1000, withIndex / withoutIndex))
}

// MARK: Subscriptions

do {
    let samples = quick ? 50 : 200
    let writer = try await PostgresEventStore(url: url, options: .init(schema: store.options.schema))
    let start = try await store.readAll(after: nil, limit: nil).last?.position
    let received = Task { () -> [Double] in
        var times: [Double] = []
        for try await _ in store.subscribe(after: start) {
            times.append(now())
            if times.count == samples { break }
        }
        return times
    }
    try await Task.sleep(for: .milliseconds(200))
    var sent: [Double] = []
    for index in 0..<samples {
        _ = try await writer.append([Sample.event(index)], to: EventSource(entity: "Kitchen", id: "live"), expectedVersion: .any)
        sent.append(now())
        try await Task.sleep(for: .milliseconds(10))
    }
    let delays = zip(sent, try await received.value).map { max(0, $1 - $0) * 1000 }.sorted()
    print("\n| subscription latency, another store's append returned → event delivered (LISTEN/NOTIFY) | median | 90th percentile |")
    print("| --- | --- | --- |")
    print(String(format: "| %d appends | %.2f ms | %.2f ms |", samples, delays[delays.count / 2], delays[delays.count * 9 / 10]))
    writer.close()
}
store.close()
rawRunning.cancel()
