import Foundation
import GRDB

/// The ledger's tables, and the checks that a file holds a ledger this build can use.
enum Schema {
    static let create = """
        CREATE TABLE factum_ledger (
            name TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        CREATE TABLE factum_events (
            position INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL UNIQUE,
            entity TEXT NOT NULL,
            source_id TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            event_type TEXT NOT NULL,
            generation INTEGER NOT NULL,
            event_name TEXT NOT NULL,
            visibility TEXT NOT NULL,
            timestamp REAL NOT NULL,
            correlation_id TEXT,
            causation_id TEXT,
            actor TEXT,
            metadata_values TEXT,
            payload BLOB NOT NULL,
            -- Whether SQLite reads the payload as JSON: filter selectors narrow only such rows
            -- in SQL.
            payload_narrowable INTEGER NOT NULL,
            UNIQUE (entity, source_id, version)
        );
        -- Replay selectors by event name, and filter selectors' candidates, in log order.
        CREATE INDEX factum_events_by_name ON factum_events (event_name, position);
        -- Replay selectors by entity, in log order.
        CREATE INDEX factum_events_by_entity ON factum_events (entity, position);
        -- A source's versions have no gaps: each follows the source's last one.
        CREATE TRIGGER factum_events_no_gaps BEFORE INSERT ON factum_events
        WHEN NEW.version <> 1 + COALESCE((SELECT MAX(version) FROM factum_events WHERE entity = NEW.entity AND source_id = NEW.source_id), 0)
        BEGIN
            SELECT RAISE(ABORT, 'factum: a version must follow its source''s last one');
        END;
        """

    /// The ledger's schema version, nil for a database with no tables at all; throws when the
    /// database holds something else, or a newer ledger.
    static func check(_ db: Database, path: String) throws -> Int? {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        guard !tables.isEmpty else { return nil }
        guard tables.contains("factum_ledger"), tables.contains("factum_events") else {
            throw SQLiteEventStore.OpenError(path: path, reason: .notALedger(tables: tables))
        }
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM factum_ledger WHERE name = 'schema-version'") else {
            throw SQLiteEventStore.OpenError(path: path, reason: .damaged("its schema version is missing"))
        }
        guard let version = Int(text), version >= 1 else {
            throw SQLiteEventStore.OpenError(path: path, reason: .damaged("its schema version '\(text.prefix(40))' cannot be read: it is not a whole number from 1"))
        }
        guard version <= SQLiteEventStore.schemaVersion else {
            throw SQLiteEventStore.OpenError(path: path, reason: .newerSchema(found: version, known: SQLiteEventStore.schemaVersion))
        }
        return version
    }

    /// Creates the tables in a new database, or checks an existing ledger (in the opening
    /// transaction, so that two processes creating one file at once create it once).
    static func createOrCheck(_ db: Database, path: String) throws {
        if try check(db, path: path) == nil {
            try db.execute(sql: create)
            try db.execute(sql: "INSERT INTO factum_ledger (name, value) VALUES ('schema-version', ?)", arguments: [String(SQLiteEventStore.schemaVersion)])
        }
        try db.execute(sql: projections)
    }

    /// The projections' tables, added to ledgers of schema 1 when they are opened (nothing is
    /// written when they exist). Builds that predate them ignore them.
    static let projections = """
        CREATE TABLE IF NOT EXISTS factum_checkpoints (
            projection TEXT NOT NULL,
            version INTEGER NOT NULL,
            position INTEGER NOT NULL,
            updated REAL NOT NULL,
            PRIMARY KEY (projection, version)
        );
        CREATE TABLE IF NOT EXISTS factum_parked (
            projection TEXT NOT NULL,
            version INTEGER NOT NULL,
            position INTEGER NOT NULL,
            entity TEXT NOT NULL,
            source_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            parked_at REAL NOT NULL,
            PRIMARY KEY (projection, version, position)
        );
        CREATE TABLE IF NOT EXISTS factum_snapshots (
            entity TEXT NOT NULL,
            source_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            stamp TEXT NOT NULL,
            state BLOB NOT NULL,
            taken_at REAL NOT NULL,
            PRIMARY KEY (entity, source_id)
        );
        """
}
