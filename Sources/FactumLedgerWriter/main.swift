// A test helper, not a tool, for the crash and multi-process tests, which kill it at random
// moments (Tests/FactumRuntimeTests/SQLiteCrashTests.swift, Tests/FactumPostgresTests).
//
//     FactumLedgerWriter PATH WRITER BATCHES      (BATCHES 0: until killed)
//
// appends batches to a SQLite ledger and acknowledges each on standard output once the append
// returned, one line each: `ack BATCH SOURCE COUNT ID…`.
//
//     FactumLedgerWriter project sqlite PATH
//     FactumLedgerWriter project postgres URL SCHEMA
//
// runs a projection of the writers' events until killed: each event's position is written to
// the read model's table `crash_applied`, in the transaction of the checkpoint
// (`CrashApplied`, version 1), three events per commit.
import Factum
import FactumPostgres
import FactumSQLite
import Foundation
import GRDB
import PostgresNIO

let logger = Logger(label: "factum.crash")

/// The writers' event, as the projection reads it.
struct BatchWritten: DomainEvent {
    static let eventType = EventType(id: UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")!, generation: 1)
    static let visibility = EventVisibility.private
    static let entityName = "Crash"
    static let eventName = "BatchWritten"
    var batch: String
    var index: Int
    var size: Int
}

/// Writes each event's position through the host's context.
struct CrashApplied<Context: Sendable>: Projection {
    static var projectionName: String { "CrashApplied" }
    static var projectionVersion: Int { 1 }
    static var selector: ProjectionSelector { ProjectionSelector([BatchWritten.eventType]) }
    let write: @Sendable (Context) async throws -> Void

    func handle(_ event: any DomainEvent, _ context: Context) async throws {
        try await write(context)
    }
}

func project(_ arguments: [String]) async throws {
    let registry = try EventRegistry([EventRegistration(BatchWritten.self)])
    switch (arguments.first, arguments.count) {
    case ("sqlite", 2):
        let store = try SQLiteEventStore(path: arguments[1])
        try await store.readModelUpdate { db in try db.execute(sql: "CREATE TABLE IF NOT EXISTS crash_applied (position INTEGER NOT NULL)") }
        let projection = CrashApplied<SQLiteProjectionContext> { context in
            let position = context.position
            context.write { db in try db.execute(sql: "INSERT INTO crash_applied (position) VALUES (?)", arguments: [position]) }
        }
        try await ProjectionRunner(projection, on: store.projections, registry: registry, options: .init(pageSize: 3)).run()
    case ("postgres", 3):
        let schema = arguments[2]
        let store = try await PostgresEventStore(url: arguments[1], options: .init(schema: schema, pollInterval: .milliseconds(100)))
        _ = try await store.withReadModelConnection { connection in
            try await connection.query("CREATE TABLE IF NOT EXISTS \(unescaped: schema).crash_applied (n bigserial PRIMARY KEY, position bigint NOT NULL)", logger: logger)
        }
        let projection = CrashApplied<PostgresProjectionContext> { context in
            try await context.connection.query("INSERT INTO \(unescaped: schema).crash_applied (position) VALUES (\(context.position))", logger: logger)
        }
        try await ProjectionRunner(projection, on: store.projections, registry: registry, options: .init(pageSize: 3)).run()
    default:
        FileHandle.standardError.write(Data("usage: FactumLedgerWriter project sqlite PATH | project postgres URL SCHEMA\n".utf8))
        exit(2)
    }
}

let arguments = CommandLine.arguments
if arguments.count > 1, arguments[1] == "project" {
    do {
        try await project(Array(arguments.dropFirst(2)))
    } catch {
        FileHandle.standardError.write(Data("FactumLedgerWriter: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
guard arguments.count == 4, let batches = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: FactumLedgerWriter PATH WRITER BATCHES\n".utf8))
    exit(2)
}
let writer = arguments[2]
let type = EventType(id: UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")!, generation: 1)
do {
    let store = try SQLiteEventStore(path: arguments[1])
    var generator = SystemRandomNumberGenerator()
    var batch = 0
    while batches == 0 || batch < batches {
        batch += 1
        let source = EventSource(entity: "Crash", id: "\(writer)-\(Int.random(in: 0..<5, using: &generator))")
        let count = Int.random(in: 1...10, using: &generator)
        let events = (0..<count).map { index in
            PendingEvent(eventType: type, eventName: "BatchWritten", entity: "Crash", payload: Data(#"{"batch":"\#(writer)-\#(batch)","index":\#(index),"size":\#(count)}"#.utf8))
        }
        _ = try await store.append(events, to: source, expectedVersion: .any)
        let line = "ack \(writer)-\(batch) \(source.id) \(count) " + events.map { $0.eventID.uuidString.lowercased() }.joined(separator: " ") + "\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }
} catch {
    FileHandle.standardError.write(Data("FactumLedgerWriter: \(error)\n".utf8))
    exit(1)
}
