import Factum
import Foundation
import GRDB

extension SQLiteEventStore: SnapshotStore {
    public func saveSnapshot(_ snapshot: Snapshot) async throws {
        try checkFile()
        try await call { try await pool.write { db in
            let stored = try Rows.lastVersion(of: snapshot.source, db)
            guard snapshot.version >= 0, snapshot.version <= stored else {
                throw SnapshotError.versionNotStored(source: snapshot.source, version: snapshot.version, stored: stored)
            }
            // Kept unless the source holds a snapshot of the same stamp at a later version.
            try db.execute(sql: """
                INSERT INTO factum_snapshots (entity, source_id, version, stamp, state, taken_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (entity, source_id) DO UPDATE SET version = excluded.version, stamp = excluded.stamp, state = excluded.state, taken_at = excluded.taken_at
                WHERE factum_snapshots.stamp <> excluded.stamp OR excluded.version >= factum_snapshots.version
                """, arguments: [snapshot.source.entity, snapshot.source.id, snapshot.version, snapshot.stamp, snapshot.state, snapshot.takenAt.timeIntervalSince1970])
        } }
    }

    public func loadSnapshot(_ source: EventSource) async throws -> Snapshot? {
        try checkFile()
        return try await call { try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT version, stamp, state, taken_at FROM factum_snapshots WHERE entity = ? AND source_id = ?", arguments: [source.entity, source.id]).map { row in
                Snapshot(source: source, version: row[0], stamp: row[1], state: row[2], takenAt: Date(timeIntervalSince1970: row[3]))
            }
        } }
    }
}
