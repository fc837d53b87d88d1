import Factum
import Foundation
import GRDB

/// What a projection's handler is given on SQLite: the event's envelope, and `write`, which
/// queues work on the ledger's database that commits in one transaction with the checkpoint.
///
/// Handlers are `async`, and GRDB's `Database` is usable only inside a synchronous closure, so
/// a handler does not write at once: the closures it passes to `write` run, in order, after every
/// handler of the page has returned, inside the transaction that moves the checkpoint. A closure
/// that throws rolls the whole transaction back and counts as its handler's failure. Closures
/// read what earlier closures of the same transaction wrote.
public final class SQLiteProjectionContext: @unchecked Sendable {
    public let envelope: EventEnvelope
    private let lock = NSLock()
    private var writes: [@Sendable (Database) throws -> Void] = []

    init(envelope: EventEnvelope) {
        self.envelope = envelope
    }

    /// The event's position in the log.
    public var position: Int64 { envelope.position }

    /// Queues `body` to run on the ledger's database in the checkpoint's transaction.
    public func write(_ body: @escaping @Sendable (Database) throws -> Void) {
        lock.lock()
        writes.append(body)
        lock.unlock()
    }

    var queued: [@Sendable (Database) throws -> Void] {
        lock.lock()
        defer { lock.unlock() }
        return writes
    }
}

/// Projections' checkpoints and parked events in the ledger's own file (`factum_checkpoints`,
/// `factum_parked`): a read model whose tables are in the same file commits with its checkpoint
/// in one transaction, so a crash can neither apply an event twice nor skip one.
public struct SQLiteProjectionHost: ProjectionHost {
    public typealias Context = SQLiteProjectionContext

    public let store: SQLiteEventStore
    public var ledger: any EventStore { store }

    public init(store: SQLiteEventStore) {
        self.store = store
    }

    public func checkpoint(_ key: ProjectionKey) async throws -> ProjectionCheckpoint {
        try store.checkFile()
        return try await store.call { try await store.pool.read { db in
            let position = try Int64.fetchOne(db, sql: "SELECT position FROM factum_checkpoints WHERE projection = ? AND version = ?", arguments: [key.name, key.version]) ?? 0
            let rows = try Row.fetchAll(db, sql: "SELECT DISTINCT entity, source_id FROM factum_parked WHERE projection = ? AND version = ?", arguments: [key.name, key.version])
            return ProjectionCheckpoint(position: position, parkedSources: Set(rows.map { EventSource(entity: $0[0], id: $0[1]) }))
        } }
    }

    public func commit(_ commit: ProjectionCommit, handler: @escaping @Sendable (EventEnvelope, SQLiteProjectionContext) async throws -> Void) async throws {
        try store.checkFile()
        var contexts: [SQLiteProjectionContext] = []
        contexts.reserveCapacity(commit.apply.count)
        for envelope in commit.apply {
            let context = SQLiteProjectionContext(envelope: envelope)
            do {
                try await handler(envelope, context)
            } catch {
                throw ProjectionHandlerFailure(position: envelope.position, error: error)
            }
            contexts.append(context)
        }
        let work = contexts.map { ($0.position, $0.queued) }
        try await store.call { try await store.pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let found = try Int64.fetchOne(db, sql: "SELECT position FROM factum_checkpoints WHERE projection = ? AND version = ?", arguments: [commit.key.name, commit.key.version]) ?? 0
                guard found == commit.from else { throw ProjectionError.checkpointMoved(commit.key, expected: commit.from, found: found) }
                for (position, writes) in work {
                    do {
                        for write in writes { try write(db) }
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
                        throw error
                    } catch {
                        throw ProjectionHandlerFailure(position: position, error: error)
                    }
                }
                try db.execute(sql: """
                    INSERT INTO factum_checkpoints (projection, version, position, updated) VALUES (?, ?, ?, ?)
                    ON CONFLICT (projection, version) DO UPDATE SET position = excluded.position, updated = excluded.updated
                    """, arguments: [commit.key.name, commit.key.version, commit.to, Date().timeIntervalSince1970])
                for position in commit.release {
                    try db.execute(sql: "DELETE FROM factum_parked WHERE projection = ? AND version = ? AND position = ?", arguments: [commit.key.name, commit.key.version, position])
                }
                for parked in commit.park {
                    try db.execute(sql: """
                        INSERT OR REPLACE INTO factum_parked (projection, version, position, entity, source_id, event_id, reason, attempts, parked_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [commit.key.name, commit.key.version, parked.position, parked.source.entity, parked.source.id,
                                         parked.eventID.uuidString.lowercased(), parked.reason, parked.attempts, parked.parkedAt.timeIntervalSince1970])
                }
                return .commit
            }
        } }
    }

    public func parked(_ key: ProjectionKey) async throws -> [ParkedEvent] {
        try store.checkFile()
        return try await store.call { try await store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT position, entity, source_id, event_id, reason, attempts, parked_at FROM factum_parked
                WHERE projection = ? AND version = ? ORDER BY position
                """, arguments: [key.name, key.version]).map { row in
                let position: Int64 = row[0]
                guard let id = UUID(uuidString: row[3]) else { throw Rows.UnreadableRow(position: position) }
                return ParkedEvent(position: position, source: EventSource(entity: row[1], id: row[2]), eventID: id,
                                   reason: row[4], attempts: row[5], parkedAt: Date(timeIntervalSince1970: row[6]))
            }
        } }
    }

    public func updateParked(_ key: ProjectionKey, position: Int64, reason: String, attempts: Int) async throws {
        try store.checkFile()
        try await store.call { try await store.pool.write { db in
            try db.execute(sql: "UPDATE factum_parked SET reason = ?, attempts = ? WHERE projection = ? AND version = ? AND position = ?",
                           arguments: [reason, attempts, key.name, key.version, position])
        } }
    }
}

extension SQLiteEventStore {
    /// The host of projections whose checkpoints live in this ledger's file.
    public var projections: SQLiteProjectionHost { SQLiteProjectionHost(store: self) }
}

extension SQLiteEventStore {
    /// Reads the application's own tables in the ledger's file (read models), in a snapshot that
    /// sees only committed transactions.
    public func readModelQuery<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try checkFile()
        return try await call { try await pool.read(body) }
    }

    /// Writes the application's own tables in the ledger's file in one transaction: creating a
    /// read model's tables, for example. The ledger's `factum_` tables are not the application's
    /// to write; its events only ever change by appends.
    public func readModelUpdate<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try checkFile()
        return try await call { try await pool.write(body) }
    }
}
