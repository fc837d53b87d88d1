// The SQLite ledger's figures, each against a baseline measured in the same run:
//
//     swift run -c release --package-path Benchmarks LedgerBenchmarks [--quick]
//
// appends (single and batches of 10, synchronous FULL and NORMAL) against raw GRDB inserts of
// the same rows; replaying a 10,000-event source against a raw SELECT plus JSONDecoder; a
// filter selector over 100,000 events against the same query written with json_extract;
// subscription latency, in-process and from another process; two processes appending at once;
// a projection catching up on 100,000 events against a hand-written loop that reads pages and
// updates one table in a transaction per page.
import BenchmarkSupport
import Factum
import FactumSQLite
import Foundation
import GRDB

let arguments = Array(CommandLine.arguments.dropFirst())
let quick = arguments.contains("--quick")
let type = EventType(id: UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")!, generation: 1)

func event(_ index: Int, name: String = "DishPrepared", dish: String = "Chili") -> PendingEvent {
    PendingEvent(eventType: type, eventName: name, entity: "Kitchen",
                 metadata: EventMetadata(correlationID: "order-\(index)", actor: "register-\(index % 3)"),
                 payload: Data(#"{"dish":"\#(dish)","orderNumber":\#(index),"peppers":\#(index % 5)}"#.utf8))
}

func temporaryLedger(_ name: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("factum-bench-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent(name).path
}

// MARK: Child processes

if arguments.first == "--append-slowly", arguments.count == 3, let count = Int(arguments[2]) {
    // Appends one event every 20 ms and prints when each append returned.
    let store = try SQLiteEventStore(path: arguments[1])
    for index in 0..<count {
        _ = try await store.append([event(index)], to: EventSource(entity: "Kitchen", id: "remote"), expectedVersion: .any)
        FileHandle.standardOutput.write(Data("\(index) \(now())\n".utf8))
        try await Task.sleep(for: .milliseconds(20))
    }
    exit(0)
}
if arguments.first == "--hammer", arguments.count == 4, let count = Int(arguments[2]) {
    let store = try SQLiteEventStore(path: arguments[1])
    for index in 0..<count {
        _ = try await store.append([event(index)], to: EventSource(entity: "Kitchen", id: arguments[3]), expectedVersion: .any)
    }
    exit(0)
}

func child(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = arguments
    return process
}

// MARK: Measuring

func row(_ label: String, _ unit: String, baseline: Double, candidate: Double, perSecond count: Int? = nil) {
    if let count {
        let b = Double(count) / baseline, c = Double(count) / candidate
        print(String(format: "| %@ | %.0f %@/s | %.0f %@/s | %.2f× |", label, b, unit, c, unit, baseline / candidate > 0 ? candidate / baseline : 0))
    } else {
        print(String(format: "| %@ | %.1f ms | %.1f ms | %.2f× |", label, baseline * 1000, candidate * 1000, candidate / baseline))
    }
}

// MARK: Appends

/// A plain table with the ledger's columns and indexes, for the raw inserts.
func rawPool(_ path: String, synchronous: String) throws -> DatabasePool {
    var configuration = Configuration()
    configuration.busyMode = .timeout(30)
    configuration.prepareDatabase { try $0.execute(sql: "PRAGMA synchronous = \(synchronous)") }
    let pool = try DatabasePool(path: path, configuration: configuration)
    try pool.write { db in
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, entity TEXT NOT NULL,
              source_id TEXT NOT NULL, version INTEGER NOT NULL, event_type TEXT NOT NULL, generation INTEGER NOT NULL, event_name TEXT NOT NULL,
              visibility TEXT NOT NULL, timestamp REAL NOT NULL, correlation_id TEXT, causation_id TEXT, actor TEXT, metadata_values TEXT,
              payload BLOB NOT NULL, UNIQUE (entity, source_id, version));
            CREATE INDEX IF NOT EXISTS events_by_name ON events (event_name, position);
            CREATE INDEX IF NOT EXISTS events_by_entity ON events (entity, position);
            """)
    }
    return pool
}

func rawInsert(_ pool: DatabasePool, _ events: [PendingEvent], source: String, firstVersion: Int) async throws {
    try await pool.writeWithoutTransaction { db in
        try db.inTransaction(.immediate) {
            let statement = try db.cachedStatement(sql: "INSERT INTO events (event_id, entity, source_id, version, event_type, generation, event_name, visibility, timestamp, correlation_id, causation_id, actor, metadata_values, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for (offset, event) in events.enumerated() {
                try statement.execute(arguments: [event.eventID.uuidString.lowercased(), "Kitchen", source, firstVersion + offset, event.eventType.id.uuidString.lowercased(), 1, event.eventName, "private", event.timestamp.timeIntervalSince1970, event.metadata.correlationID, nil, event.metadata.actor, nil, event.payload])
            }
            return .commit
        }
    }
}

print("# Factum ledger benchmarks (SQLite \(try DatabaseQueue().read { try String.fetchOne($0, sql: "SELECT sqlite_version()") } ?? "?"), \(ProcessInfo.processInfo.activeProcessorCount) cores)\n")
print("| what | baseline | Factum | Factum / baseline (time) |")
print("| --- | --- | --- | --- |")

let appendCount = quick ? 300 : 1_500
for durability in [SQLiteEventStore.Durability.full, .normal] {
    let synchronous = durability == .full ? "FULL" : "NORMAL"
    for batch in [1, 10] {
        let store = try SQLiteEventStore(path: temporaryLedger("ours.sqlite"), options: .init(durability: durability))
        let raw = try rawPool(temporaryLedger("raw.sqlite"), synchronous: synchronous)
        var round = 0
        let appends = appendCount / batch
        let times = try await compare(3, baseline: {
            round += 1
            for index in 0..<appends {
                try await rawInsert(raw, (0..<batch).map { event(index * batch + $0) }, source: "r\(round)", firstVersion: index * batch + 1)
            }
        }, candidate: {
            for index in 0..<appends {
                _ = try await store.append((0..<batch).map { event(index * batch + $0) }, to: EventSource(entity: "Kitchen", id: "r\(round)"), expectedVersion: .exactly(index * batch))
            }
        })
        let label = "appends, \(batch == 1 ? "1 event" : "batches of \(batch)"), synchronous=\(synchronous) (raw GRDB insert)"
        print(String(format: "| %@ | %.0f events/s | %.0f events/s | %.2f× |", label, Double(appends * batch) / times.baseline, Double(appends * batch) / times.candidate, times.candidate / times.baseline))
    }
}

// MARK: Replay

struct Dish: Decodable { var dish: String; var orderNumber: Int; var peppers: Int }
do {
    let path = temporaryLedger("replay.sqlite")
    let store = try SQLiteEventStore(path: path, options: .init(durability: .normal))
    let source = EventSource(entity: "Kitchen", id: "downtown")
    for chunk in 0..<100 {
        _ = try await store.append((0..<100).map { event(chunk * 100 + $0) }, to: source, expectedVersion: .exactly(chunk * 100))
    }
    let raw = try DatabasePool(path: path)
    let decoder = JSONDecoder()
    let times = try await compare(5, baseline: {
        let rows = try raw.read { db in try Row.fetchAll(db, sql: "SELECT position, event_id, entity, source_id, version, event_type, generation, event_name, visibility, timestamp, correlation_id, causation_id, actor, metadata_values, payload FROM factum_events WHERE entity = ? AND source_id = ? AND version >= 1 ORDER BY version", arguments: ["Kitchen", "downtown"]) }
        var total = 0
        for row in rows { total += try decoder.decode(Dish.self, from: row["payload"] as Data).peppers }
        precondition(rows.count == 10_000 && total > 0)
    }, candidate: {
        let envelopes = try await store.read(source, fromVersion: 1)
        var total = 0
        for envelope in envelopes { total += try decoder.decode(Dish.self, from: envelope.payload).peppers }
        precondition(envelopes.count == 10_000 && total > 0)
    })
    row("replaying a 10,000-event source, payloads decoded (raw SELECT + JSONDecoder)", "", baseline: times.baseline, candidate: times.candidate)
}

// MARK: Filter selectors

do {
    let path = temporaryLedger("filter.sqlite")
    let store = try SQLiteEventStore(path: path, options: .init(durability: .normal))
    let dishes = ["Chili", "Soup", "Curry", "Paella", "Flan", "Salad", "Stew", "Tacos", "Ramen", "Pho"]
    let count = quick ? 20_000 : 100_000
    for chunk in 0..<(count / 1_000) {
        _ = try await store.append((0..<1_000).map { index in
            let n = chunk * 1_000 + index
            return event(n, name: n % 4 == 0 ? "DishAddedToMenu" : "DishPrepared", dish: dishes[n % dishes.count])
        }, to: EventSource(entity: "Kitchen", id: "k\(chunk)"), expectedVersion: .noEvents)
    }
    let raw = try DatabasePool(path: path)
    var expected = 0
    let times = try await compare(3, baseline: {
        let rows = try raw.read { db in try Row.fetchAll(db, sql: "SELECT position, event_id, entity, source_id, version, event_type, generation, event_name, visibility, timestamp, correlation_id, causation_id, actor, metadata_values, payload FROM factum_events WHERE event_name = 'DishPrepared' AND json_extract(payload, '$.dish') = 'Chili' ORDER BY position") }
        expected = rows.count
    }, candidate: {
        let found = try await store.filter(FilterSelector(data: ["DishPrepared": #"$.dish == "Chili""#]))
        precondition(found.count == expected, "\(found.count) vs \(expected)")
    })
    row("filter selector over \(count / 1000)k events, \(expected) selected (json_extract written by hand)", "", baseline: times.baseline, candidate: times.candidate)
    let meta = try await compare(3, baseline: {
        _ = try raw.read { db in try Row.fetchAll(db, sql: "SELECT * FROM factum_events WHERE event_name = 'DishPrepared' AND json_extract(payload, '$.dish') = 'Chili' AND actor LIKE 'register-1%' ORDER BY position") }
    }, candidate: {
        _ = try await store.filter(FilterSelector(data: ["DishPrepared": #"$.dish == "Chili""#], meta: #"$.actor starts with "register-1""#))
    })
    row("the same with a meta path on the actor (json_extract and LIKE)", "", baseline: meta.baseline, candidate: meta.candidate)
    // The alternative design: the evaluator as a SQL function called on every candidate row.
    let chili = try JSONPath(#"$.dish == "Chili""#)
    let function = DatabaseFunction("factum_matches", argumentCount: 1, pure: true) { values in
        guard let data = Data.fromDatabaseValue(values[0]), let document = JSONValue(parsing: data) else { return false }
        return (try? chili.matches(document)) ?? false
    }
    var functionConfiguration = Configuration()
    functionConfiguration.prepareDatabase { $0.add(function: function) }
    let functionPool = try DatabasePool(path: path, configuration: functionConfiguration)
    let viaFunction = try await compare(3, baseline: {
        _ = try raw.read { db in try Row.fetchAll(db, sql: "SELECT * FROM factum_events WHERE event_name = 'DishPrepared' AND json_extract(payload, '$.dish') = 'Chili' ORDER BY position") }
    }, candidate: {
        let rows = try functionPool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM factum_events WHERE event_name = 'DishPrepared' AND factum_matches(payload) ORDER BY position") }
        precondition(rows.count == expected)
    })
    row("the evaluator as a SQL function on every candidate, the design not taken", "", baseline: viaFunction.baseline, candidate: viaFunction.candidate)
}

// MARK: Projections

/// The benchmark's event, as a projection reads it.
struct DishPrepared: DomainEvent {
    static let eventType = EventType(id: UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")!, generation: 1)
    static let visibility = EventVisibility.private
    static let entityName = "Kitchen"
    static let eventName = "DishPrepared"
    var dish: String
    var orderNumber: Int
    var peppers: Int
}

/// Dishes prepared, counted per dish in a table of the ledger's file.
struct DishCounts: Projection {
    typealias Context = SQLiteProjectionContext
    static let projectionName = "DishCounts"
    static let projectionVersion = 1
    static let selector = ProjectionSelector([DishPrepared.eventType])

    func handle(_ event: any DomainEvent, _ context: SQLiteProjectionContext) async throws {
        guard let event = event as? DishPrepared else { return }
        context.write { db in
            try db.execute(sql: "INSERT INTO dish_counts (dish, n) VALUES (?, 1) ON CONFLICT (dish) DO UPDATE SET n = n + 1", arguments: [event.dish])
        }
    }
}

do {
    let path = temporaryLedger("projection.sqlite")
    let store = try SQLiteEventStore(path: path, options: .init(durability: .normal))
    let dishes = ["Chili", "Soup", "Curry", "Paella", "Flan", "Salad", "Stew", "Tacos", "Ramen", "Pho"]
    let count = quick ? 20_000 : 100_000
    for chunk in 0..<(count / 1_000) {
        _ = try await store.append((0..<1_000).map { index in event(chunk * 1_000 + index, dish: dishes[index % dishes.count]) },
                                   to: EventSource(entity: "Kitchen", id: "k\(chunk)"), expectedVersion: .noEvents)
    }
    let registry = try EventRegistry([EventRegistration(DishPrepared.self)])
    var configuration = Configuration()
    configuration.prepareDatabase { try $0.execute(sql: "PRAGMA synchronous = NORMAL") }
    let raw = try DatabasePool(path: path, configuration: configuration)
    try raw.write { db in
        try db.execute(sql: "CREATE TABLE dish_counts (dish TEXT PRIMARY KEY, n INTEGER NOT NULL); CREATE TABLE hand_counts (dish TEXT PRIMARY KEY, n INTEGER NOT NULL); CREATE TABLE hand_checkpoint (position INTEGER NOT NULL)")
    }
    let decoder = JSONDecoder()
    func reset() async throws {
        try await raw.write { db in
            try db.execute(sql: "DELETE FROM dish_counts; DELETE FROM hand_counts; DELETE FROM hand_checkpoint; INSERT INTO hand_checkpoint VALUES (0); DELETE FROM factum_checkpoints")
        }
    }
    let times = try await compare(5, baseline: {
        try await reset()
        var position: Int64 = 0
        while true {
            let after = position
            let page = try await raw.read { db in
                try Row.fetchAll(db, sql: "SELECT position, payload FROM factum_events WHERE position > ? ORDER BY position LIMIT 500", arguments: [after]).map { row -> (Int64, Data) in (row[0], row[1]) }
            }
            guard let lastPosition = page.last?.0 else { break }
            let events = try page.map { try decoder.decode(DishPrepared.self, from: $0.1) }
            try await raw.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    for event in events {
                        try db.execute(sql: "INSERT INTO hand_counts (dish, n) VALUES (?, 1) ON CONFLICT (dish) DO UPDATE SET n = n + 1", arguments: [event.dish])
                    }
                    try db.execute(sql: "UPDATE hand_checkpoint SET position = ?", arguments: [lastPosition])
                    return .commit
                }
            }
            position = lastPosition
        }
    }, candidate: {
        let progress = try await ProjectionRunner(DishCounts(), on: store.projections, registry: registry, options: .init(pageSize: 500)).catchUp()
        precondition(progress.position == Int64(count))
    })
    let agree = try raw.read { db in
        try Row.fetchAll(db, sql: "SELECT dish, n FROM dish_counts ORDER BY dish").map { "\($0[0] as String)=\($0[1] as Int)" } ==
            Row.fetchAll(db, sql: "SELECT dish, n FROM hand_counts ORDER BY dish").map { "\($0[0] as String)=\($0[1] as Int)" }
    }
    precondition(agree, "the projection and the hand-written loop disagree")
    print(String(format: "| projection catching up on %dk events, one table, 500 per page (hand-written page loop) | %.0f events/s | %.0f events/s | %.2f× |",
                 count / 1_000, Double(count) / times.baseline, Double(count) / times.candidate, times.candidate / times.baseline))
}

// MARK: Subscriptions

print("\n| subscription latency, append returned → event delivered | median | 90th percentile |")
print("| --- | --- | --- |")
func percentiles(_ values: [Double]) -> (Double, Double) {
    let sorted = values.sorted()
    return (sorted[sorted.count / 2], sorted[sorted.count * 9 / 10])
}
do {
    let path = temporaryLedger("subscribe.sqlite")
    let store = try SQLiteEventStore(path: path)
    let samples = quick ? 30 : 100
    let subscription = store.subscribe(after: nil)
    let received = Task { () -> [Double] in
        var times: [Double] = []
        for try await _ in subscription {
            times.append(now())
            if times.count == samples { break }
        }
        return times
    }
    var sent: [Double] = []
    for index in 0..<samples {
        _ = try await store.append([event(index)], to: EventSource(entity: "Kitchen", id: "local"), expectedVersion: .any)
        sent.append(now())
        try await Task.sleep(for: .milliseconds(10))
    }
    let delays = zip(sent, try await received.value).map { max(0, $1 - $0) * 1000 }
    let (median, p90) = percentiles(delays)
    print(String(format: "| in-process (woken at commit) | %.2f ms | %.2f ms |", median, p90))

    let remote = Task { () -> [Double] in
        var times: [Double] = []
        for try await envelope in store.subscribe(after: try await store.readAll(after: nil, limit: nil).last?.position) where envelope.source.id == "remote" {
            times.append(now())
            if times.count == samples { break }
        }
        return times
    }
    try await Task.sleep(for: .milliseconds(100))
    let writer = try child(["--append-slowly", path, String(samples)])
    let pipe = Pipe()
    writer.standardOutput = pipe
    try writer.run()
    // Read off the cooperative threads: a blocking read on one would slow the subscriber.
    let data = await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: pipe.fileHandleForReading.readDataToEndOfFile()) }
    }
    let output = String(decoding: data, as: UTF8.self)
    writer.waitUntilExit()
    let appended = output.split(separator: "\n").compactMap { Double($0.split(separator: " ")[1]) }
    let remoteDelays = zip(appended, try await remote.value).map { max(0, $1 - $0) * 1000 }
    let (remoteMedian, remoteP90) = percentiles(remoteDelays)
    print(String(format: "| from another process (polled every %d ms) | %.2f ms | %.2f ms |", 100, remoteMedian, remoteP90))
}

// MARK: Two processes

do {
    let count = quick ? 300 : 1_000
    print("\n| processes appending single events, synchronous=FULL | events/s in all |")
    print("| --- | --- |")
    for processes in [1, 2] {
        let path = temporaryLedger("two.sqlite")
        _ = try SQLiteEventStore(path: path)
        let start = now()
        let children = try (0..<processes).map { try child(["--hammer", path, String(count), "p\($0)"]) }
        for child in children { try child.run() }
        for child in children {
            child.waitUntilExit()
            precondition(child.terminationStatus == 0, "a writer failed")
        }
        let total = try await SQLiteEventStore(path: path).readAll(after: nil, limit: nil).count
        precondition(total == count * processes)
        print(String(format: "| %d | %.0f |", processes, Double(total) / (now() - start)))
    }
}
