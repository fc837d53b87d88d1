import Factum
import Foundation
import PostgresNIO

/// What a projection's handler is given on PostgreSQL: the event's envelope and the connection
/// whose transaction moves the checkpoint. Whatever the handler writes through `connection`
/// commits with the checkpoint, or not at all.
///
/// The transaction is the host's: a handler must not send `BEGIN`, `COMMIT` or `ROLLBACK` on
/// it, nor keep the connection after it returns.
public struct PostgresProjectionContext: Sendable {
    public let envelope: EventEnvelope
    public let connection: PostgresConnection

    /// The event's position in the log.
    public var position: Int64 { envelope.position }
}

/// Projections' checkpoints and parked events in the ledger's schema (`factum_checkpoints`,
/// `factum_parked`): a read model whose tables are in the same database commits with its
/// checkpoint in one transaction, so a crash can neither apply an event twice nor skip one.
///
/// A commit locks its checkpoint row (`SELECT … FOR UPDATE`) before any handler runs, so a
/// second runner of the same projection version waits for the first's commit and then finds
/// the checkpoint moved.
public struct PostgresProjectionHost: ProjectionHost {
    public typealias Context = PostgresProjectionContext

    public let store: PostgresEventStore
    public var ledger: any EventStore { store }

    public init(store: PostgresEventStore) {
        self.store = store
    }

    public func checkpoint(_ key: ProjectionKey) async throws -> ProjectionCheckpoint {
        let table = store.qualified
        return try await store.call { connection in
            var position: Int64 = 0
            for try await row in try await connection.query("SELECT position FROM \(unescaped: table).factum_checkpoints WHERE projection = \(key.name) AND version = \(key.version)", logger: PostgresEventStore.logger) {
                position = try row.decode(Int64.self)
            }
            var sources: Set<EventSource> = []
            for try await row in try await connection.query("SELECT DISTINCT entity, source_id FROM \(unescaped: table).factum_parked WHERE projection = \(key.name) AND version = \(key.version)", logger: PostgresEventStore.logger) {
                let (entity, id) = try row.decode((String, String).self)
                sources.insert(EventSource(entity: entity, id: id))
            }
            return ProjectionCheckpoint(position: position, parkedSources: sources)
        }
    }

    public func commit(_ commit: ProjectionCommit, handler: @escaping @Sendable (EventEnvelope, PostgresProjectionContext) async throws -> Void) async throws {
        let table = store.qualified
        let logger = PostgresEventStore.logger
        try await store.call { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                // The row exists from the first commit on, and is locked for the transaction.
                try await connection.query("INSERT INTO \(unescaped: table).factum_checkpoints (projection, version, position, updated) VALUES (\(commit.key.name), \(commit.key.version), 0, 0) ON CONFLICT DO NOTHING", logger: logger)
                var found: Int64 = 0
                for try await row in try await connection.query("SELECT position FROM \(unescaped: table).factum_checkpoints WHERE projection = \(commit.key.name) AND version = \(commit.key.version) FOR UPDATE", logger: logger) {
                    found = try row.decode(Int64.self)
                }
                guard found == commit.from else { throw ProjectionError.checkpointMoved(commit.key, expected: commit.from, found: found) }
                for envelope in commit.apply {
                    do {
                        try await handler(envelope, PostgresProjectionContext(envelope: envelope, connection: connection))
                    } catch {
                        throw ProjectionHandlerFailure(position: envelope.position, error: error)
                    }
                }
                let now = Date().timeIntervalSince1970
                try await connection.query("UPDATE \(unescaped: table).factum_checkpoints SET position = \(commit.to), updated = \(now) WHERE projection = \(commit.key.name) AND version = \(commit.key.version)", logger: logger)
                for position in commit.release {
                    try await connection.query("DELETE FROM \(unescaped: table).factum_parked WHERE projection = \(commit.key.name) AND version = \(commit.key.version) AND position = \(position)", logger: logger)
                }
                for parked in commit.park {
                    try await connection.query("""
                        INSERT INTO \(unescaped: table).factum_parked (projection, version, position, entity, source_id, event_id, reason, attempts, parked_at)
                        VALUES (\(commit.key.name), \(commit.key.version), \(parked.position), \(parked.source.entity), \(parked.source.id), \(parked.eventID), \(parked.reason), \(parked.attempts), \(parked.parkedAt.timeIntervalSince1970))
                        ON CONFLICT (projection, version, position) DO UPDATE SET reason = excluded.reason, attempts = excluded.attempts, parked_at = excluded.parked_at
                        """, logger: logger)
                }
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    public func parked(_ key: ProjectionKey) async throws -> [ParkedEvent] {
        let table = store.qualified
        return try await store.call { connection in
            var parked: [ParkedEvent] = []
            for try await row in try await connection.query("""
                SELECT position, entity, source_id, event_id, reason, attempts, parked_at FROM \(unescaped: table).factum_parked
                WHERE projection = \(key.name) AND version = \(key.version) ORDER BY position
                """, logger: PostgresEventStore.logger) {
                let (position, entity, id, eventID, reason, attempts, parkedAt) = try row.decode((Int64, String, String, UUID, String, Int, Double).self)
                parked.append(ParkedEvent(position: position, source: EventSource(entity: entity, id: id), eventID: eventID, reason: reason, attempts: attempts, parkedAt: Date(timeIntervalSince1970: parkedAt)))
            }
            return parked
        }
    }

    public func updateParked(_ key: ProjectionKey, position: Int64, reason: String, attempts: Int) async throws {
        let table = store.qualified
        try await store.call { connection in
            try await connection.query("UPDATE \(unescaped: table).factum_parked SET reason = \(reason), attempts = \(attempts) WHERE projection = \(key.name) AND version = \(key.version) AND position = \(position)", logger: PostgresEventStore.logger)
        }
    }
}

extension PostgresEventStore {
    /// The host of projections whose checkpoints live in this ledger's schema.
    public var projections: PostgresProjectionHost { PostgresProjectionHost(store: self) }

    /// Runs `body` on a connection to the ledger's database, for the application's own tables
    /// (read models): creating them, querying them. The ledger's `factum_` tables are not the
    /// application's to write; its events only ever change by appends.
    public func withReadModelConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await call(body)
    }
}

extension PostgresEventStore: SnapshotStore {
    public func saveSnapshot(_ snapshot: Snapshot) async throws {
        let table = qualified
        try await call { connection in
            var stored = 0
            for try await row in try await connection.query("SELECT version FROM \(unescaped: table).factum_sources WHERE entity = \(snapshot.source.entity) AND source_id = \(snapshot.source.id)", logger: Self.logger) {
                stored = try row.decode(Int.self)
            }
            guard snapshot.version >= 0, snapshot.version <= stored else {
                throw SnapshotError.versionNotStored(source: snapshot.source, version: snapshot.version, stored: stored)
            }
            // Kept unless the source holds a snapshot of the same stamp at a later version.
            try await connection.query("""
                INSERT INTO \(unescaped: table).factum_snapshots AS s (entity, source_id, version, stamp, state, taken_at)
                VALUES (\(snapshot.source.entity), \(snapshot.source.id), \(snapshot.version), \(snapshot.stamp), \(ByteBuffer(bytes: snapshot.state)), \(snapshot.takenAt.timeIntervalSince1970))
                ON CONFLICT (entity, source_id) DO UPDATE SET version = excluded.version, stamp = excluded.stamp, state = excluded.state, taken_at = excluded.taken_at
                WHERE s.stamp <> excluded.stamp OR excluded.version >= s.version
                """, logger: Self.logger)
        }
    }

    public func loadSnapshot(_ source: EventSource) async throws -> Snapshot? {
        let table = qualified
        return try await call { connection in
            var snapshot: Snapshot?
            for try await row in try await connection.query("SELECT version, stamp, state, taken_at FROM \(unescaped: table).factum_snapshots WHERE entity = \(source.entity) AND source_id = \(source.id)", logger: Self.logger) {
                let (version, stamp, state, takenAt) = try row.decode((Int, String, ByteBuffer, Double).self)
                snapshot = Snapshot(source: source, version: version, stamp: stamp, state: Data(state.readableBytesView), takenAt: Date(timeIntervalSince1970: takenAt))
            }
            return snapshot
        }
    }
}
