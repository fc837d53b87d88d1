import Factum
import Foundation
import GRDB

/// The embedded ledger: one SQLite file, in WAL mode, that several store values, in one
/// process or in several, may share. See docs/event-stores.md.
///
/// - Appends run in `BEGIN IMMEDIATE` transactions, so writers queue for the file's one write
///   lock (waiting up to `Options.busyTimeout`; none sees `SQLITE_BUSY` sooner) and positions
///   are given, and committed, in order.
/// - With `Durability.full` (the default) an append returns once it is on disk: it survives a
///   killed process and a power cut. `.normal` survives a killed process, not a power cut.
/// - Positions come from `INTEGER PRIMARY KEY AUTOINCREMENT`: never reused, even after the
///   newest events are deleted by hand. (source, version) and event ids are unique in the
///   schema, and a trigger refuses a version that does not follow the source's last one.
/// - Opening refuses a file that is not a SQLite database, a damaged one, a SQLite database
///   that is not a ledger, and a ledger of a newer schema, without writing to it.
public final class SQLiteEventStore: EventStore, Sendable {
    /// What an acknowledged append survives.
    public enum Durability: Sendable, Hashable {
        /// `synchronous=FULL`: a killed process and a power cut.
        case full
        /// `synchronous=NORMAL`: a killed process; the last appends before a power cut may be
        /// lost (never half of one). About twice as fast for single-event appends.
        case normal
    }

    /// What opening an existing ledger checks of its pages, besides its header and schema.
    public enum OpenCheck: Sendable, Hashable {
        /// SQLite's `integrity_check`: every page's structure, and that every index agrees
        /// with its table (0.34 s for 100,000 events, about 40 MB; docs/performance.md). The
        /// default: a damaged index would answer reads wrongly without an error.
        case full
        /// SQLite's `quick_check`: every page's structure, not the indexes' agreement (about
        /// an eighth of the full check; it refused 8–10 of 12 damaged ledgers in the tests,
        /// whose other calls then answer or throw `Damaged`).
        case quick
        /// Nothing: for a very large ledger opened often. Damage is then found, and reported
        /// as `Damaged`, by the call that meets it.
        case none
    }

    public struct Options: Sendable, Hashable {
        public var durability: Durability
        /// How long an append waits for another writer's lock before it fails.
        public var busyTimeout: Duration
        /// How often a subscription that has read everything looks for appends by other
        /// processes (appends in this process wake it at once).
        public var pollInterval: Duration
        /// What opening an existing ledger checks of its pages.
        public var openCheck: OpenCheck

        public init(durability: Durability = .full, busyTimeout: Duration = .seconds(30), pollInterval: Duration = .milliseconds(100), openCheck: OpenCheck = .full) {
            self.durability = durability
            self.busyTimeout = busyTimeout
            self.pollInterval = pollInterval
            self.openCheck = openCheck
        }
    }

    /// Why a file cannot be opened as a ledger. The file is left as it was.
    public struct OpenError: Error, CustomStringConvertible, Sendable, Hashable {
        public enum Reason: Sendable, Hashable {
            case notSQLite
            case damaged(String)
            case notALedger(tables: [String])
            case newerSchema(found: Int, known: Int)
            /// The file, or the folder that holds it, cannot be written: a ledger writes its
            /// file and the `-wal` and `-shm` files beside it, even to read.
            case readOnly(String)
            case cannotOpen(String)
        }

        public var path: String
        public var reason: Reason

        public var description: String {
            switch reason {
            case .notSQLite: return "\(path) is not a SQLite database (its first bytes are not SQLite's header); it was not opened"
            case .damaged(let message): return "\(path) is a damaged SQLite database (\(message)); it was not opened"
            case .notALedger(let tables): return "\(path) is a SQLite database but not a Factum ledger (it holds \(tables.prefix(5).joined(separator: ", "))); it was not changed"
            case .newerSchema(let found, let known): return "\(path) holds a ledger of schema \(found), written by a newer Factum; this build reads schema \(known) and older, and did not change it"
            case .readOnly(let what): return "\(path) cannot be opened as a ledger: \(what) is read-only (a ledger writes its file and the -wal and -shm files beside it, even to read); it was not changed"
            case .cannotOpen(let message): return "\(path) cannot be opened: \(message)"
            }
        }
    }

    /// The ledger's file is damaged: SQLite found a page that is not what it wrote
    /// (`SQLITE_CORRUPT`, `SQLITE_NOTADB`), or a row does not hold what the ledger writes. Every
    /// call reports it so, never as a raw driver error; nothing is written to a damaged file.
    public struct Damaged: Error, CustomStringConvertible, Sendable, Hashable {
        public var path: String
        public var message: String
        public var description: String {
            "the ledger \(path) is damaged (\(message)); restore it from a backup, or save what can still be read with `sqlite3 \(path) .recover`"
        }
    }

    /// The ledger's file is gone, or was replaced, since it was opened: the store refuses to
    /// answer from the copy it still holds open.
    public struct FileGone: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var description: String { "the ledger \(path) was deleted or replaced since it was opened; open it again" }
    }

    /// The schema this build writes, and the newest it reads.
    public static let schemaVersion = 1

    public let path: String
    public let options: Options
    let pool: DatabasePool
    private let signal: ChangeSignal
    private let identity: FileIdentity

    /// Opens the ledger at `path`, creating the file when there is none.
    public init(path: String, options: Options = Options()) throws {
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        self.path = full
        self.options = options
        try Self.inspect(full, options: options)
        var configuration = Configuration()
        configuration.busyMode = .timeout(options.busyTimeout.seconds)
        let synchronous = options.durability == .full ? "FULL" : "NORMAL"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
        }
        do {
            pool = try DatabasePool(path: full, configuration: configuration)
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try Schema.createOrCheck(db, path: full)
                    return .commit
                }
            }
        } catch {
            throw Self.openError(error, path: full)
        }
        guard let identity = FileIdentity(path: full) else { throw OpenError(path: full, reason: .cannotOpen("the file vanished while it was opened")) }
        self.identity = identity
        signal = Signals.shared.signal(for: identity)
    }

    /// Checks, read-only, that an existing file is a ledger this build can use: a SQLite
    /// header, a ledger's tables of a schema it knows, and its pages (`Options.openCheck`).
    /// It also refuses a file or folder that cannot be written, before SQLite tries to.
    private static func inspect(_ path: String, options: Options) throws {
        let folder = (path as NSString).deletingLastPathComponent
        guard let handle = FileHandle(forReadingAtPath: path) else {
            // No file: a new ledger, in a folder that must take it.
            if FileManager.default.fileExists(atPath: path) { throw OpenError(path: path, reason: .readOnly("the file cannot be read, and")) }
            guard access(folder, W_OK | X_OK) == 0 else { throw OpenError(path: path, reason: .readOnly("its folder \(folder)")) }
            return
        }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        guard access(path, W_OK) == 0 else { throw OpenError(path: path, reason: .readOnly("the file")) }
        guard access(folder, W_OK | X_OK) == 0 else { throw OpenError(path: path, reason: .readOnly("its folder \(folder)")) }
        guard !header.isEmpty else { return }                                     // an empty file: a new ledger
        guard header == Data("SQLite format 3\0".utf8) else { throw OpenError(path: path, reason: .notSQLite) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(options.busyTimeout.seconds)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                guard try Schema.check(db, path: path) != nil else { return }
                let pragma: String
                switch options.openCheck {
                case .quick: pragma = "quick_check"
                case .full: pragma = "integrity_check"
                case .none: return
                }
                let problems = try String.fetchAll(db, sql: "PRAGMA \(pragma)(3)")
                guard problems == ["ok"] else {
                    throw OpenError(path: path, reason: .damaged("SQLite's \(pragma): " + problems.joined(separator: "; ")))
                }
            }
            try queue.close()
        } catch {
            throw openError(error, path: path)
        }
    }

    /// An error met while opening, as the `OpenError` that says why (never GRDB's text, which
    /// quotes the SQL it ran).
    private static func openError(_ error: any Error, path: String) -> OpenError {
        switch error {
        case let error as OpenError:
            return error
        case let error as DatabaseError:
            let message = error.message ?? "\(error.resultCode)"
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT: return OpenError(path: path, reason: .damaged(message))
            case .SQLITE_READONLY: return OpenError(path: path, reason: .readOnly("the file or its folder"))
            default: return OpenError(path: path, reason: .cannotOpen("SQLite: \(message)"))
            }
        case let error as Rows.UnreadableRow:
            return OpenError(path: path, reason: .damaged(error.description))
        default:
            return OpenError(path: path, reason: .cannotOpen("\(error)"))
        }
    }

    /// Runs a call on the database, reporting a damaged file as `Damaged`.
    func call<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            throw Damaged(path: path, message: error.message ?? "\(error.resultCode)")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR && error.message == "malformed JSON" {
            // Filters narrow in SQL only payloads that read as JSON when they were appended
            // (payload_narrowable); one that no longer does was changed on disk.
            throw Damaged(path: path, message: "a stored payload no longer reads as the JSON it was when it was appended")
        } catch let error as Rows.UnreadableRow {
            throw Damaged(path: path, message: error.description)
        }
    }

    // MARK: Appending

    public func append(_ events: [PendingEvent], to source: EventSource, expectedVersion: ExpectedVersion, condition: AppendCondition?) async throws -> [EventEnvelope] {
        try LedgerRules.checkAppend(events, to: source)
        try checkFile()
        let compiled = try condition.map { condition throws -> (AppendCondition, CompiledFilter?) in
            if case .filter(let filter) = condition.selector { return (condition, try filter.compiled()) }
            return (condition, nil)
        }
        let appended = try await call { try await pool.writeWithoutTransaction { db in
            var result: [EventEnvelope] = []
            try db.inTransaction(.immediate) {
                result = try Self.append(events, to: source, expectedVersion: expectedVersion, condition: compiled, in: db)
                return .commit
            }
            return result
        } }
        if !appended.isEmpty { signal.signal() }
        return appended
    }

    private static func append(_ events: [PendingEvent], to source: EventSource, expectedVersion: ExpectedVersion, condition: (AppendCondition, CompiledFilter?)?, in db: Database) throws -> [EventEnvelope] {
        if let retry = try storedRetry(of: events, in: source, db: db) { return retry }
        let actual = try Rows.lastVersion(of: source, db)
        guard expectedVersion.allows(actual) else {
            throw EventStoreError.wrongExpectedVersion(source: source, expected: expectedVersion, actual: actual)
        }
        if let (condition, compiled) = condition, try conflicts(condition, compiled, db: db) {
            throw EventStoreError.conditionFailed
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO factum_events (event_id, entity, source_id, version, event_type, generation, event_name, visibility, timestamp, correlation_id, causation_id, actor, metadata_values, payload, payload_narrowable)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, json_valid(?14))
            """)
        var appended: [EventEnvelope] = []
        appended.reserveCapacity(events.count)
        for (offset, event) in events.enumerated() {
            let version = actual + offset + 1
            do {
                try insert.execute(arguments: [
                    event.eventID.uuidString.lowercased(), source.entity, source.id, version, event.eventType.id.uuidString.lowercased(),
                    event.eventType.generation, event.eventName, event.visibility.rawValue, event.timestamp.timeIntervalSince1970,
                    event.metadata.correlationID, event.metadata.causationID, event.metadata.actor, Rows.encode(event.metadata.values), event.payload,
                ])
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT && (error.message ?? "").contains("event_id") {
                throw EventStoreError.duplicateEventID(event.eventID, source: source)
            }
            // The timestamp as it reads back: seconds since 1970 in a REAL.
            appended.append(EventEnvelope(
                eventID: event.eventID, position: db.lastInsertedRowID, source: source, version: version, eventType: event.eventType,
                eventName: event.eventName, visibility: event.visibility, timestamp: Date(timeIntervalSince1970: event.timestamp.timeIntervalSince1970),
                metadata: event.metadata, payload: event.payload
            ))
        }
        return appended
    }

    /// The stored envelopes when `events` were all appended to `source` before, in this order.
    private static func storedRetry(of events: [PendingEvent], in source: EventSource, db: Database) throws -> [EventEnvelope]? {
        guard let first = events.first,
              try Row.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM factum_events WHERE event_id = ?"), arguments: [first.eventID.uuidString.lowercased()]) != nil
        else { return nil }
        var stored: [EventEnvelope] = []
        for event in events {
            guard let envelope = try Rows.envelope(eventID: event.eventID, db: db), envelope.source == source, envelope.payload == event.payload,
                  stored.last.map({ $0.version + 1 == envelope.version }) ?? true else {
                throw EventStoreError.duplicateEventID(event.eventID, source: source)
            }
            stored.append(envelope)
        }
        return stored
    }

    /// Whether an event the condition selects is stored after its position.
    private static func conflicts(_ condition: AppendCondition, _ compiled: CompiledFilter?, db: Database) throws -> Bool {
        let after = condition.after ?? 0
        switch condition.selector {
        case .replay(let selector):
            guard let query = Rows.replayQuery(selector, after: after, limit: 1) else { return false }
            return try Row.fetchOne(db, sql: "SELECT 1 FROM factum_events WHERE \(query.sql)", arguments: query.arguments) != nil
        case .filter:
            guard let compiled else { return false }
            var found = false
            try Rows.filter(compiled, after: after, limit: 1, db: db) { _ in found = true }
            return found
        }
    }

    // MARK: Reading

    public func read(_ source: EventSource, fromVersion: Int) async throws -> [EventEnvelope] {
        try checkFile()
        // No stored string holds a NUL, and SQLite would cut the argument there.
        if LedgerRules.holdsNUL(source.entity) || LedgerRules.holdsNUL(source.id) { return [] }
        return try await call { try await pool.read { db in
            try Rows.envelopes(db, where: "entity = ? AND source_id = ? AND version >= ? ORDER BY version", [source.entity, source.id, fromVersion])
        } }
    }

    public func readAll(after position: Int64?, limit: Int?) async throws -> [EventEnvelope] {
        try checkFile()
        return try await call { try await pool.read { db in
            try Rows.envelopes(db, where: "position > ? ORDER BY position LIMIT ?", [position ?? 0, limit.map { max(0, $0) } ?? -1])
        } }
    }

    public func lastPosition() async throws -> Int64 {
        try checkFile()
        return try await call { try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(position), 0) FROM factum_events") ?? 0
        } }
    }

    public func replay(_ selector: ReplaySelector) async throws -> [EventEnvelope] {
        try checkFile()
        guard let query = Rows.replayQuery(selector, after: selector.after ?? 0, limit: selector.limit) else { return [] }
        return try await call { try await pool.read { db in try Rows.envelopes(db, where: query.sql, query.arguments) } }
    }

    public func filter(_ selector: FilterSelector) async throws -> [EventEnvelope] {
        let compiled = try selector.compiled()
        try checkFile()
        return try await call { try await pool.read { db in
            var result: [EventEnvelope] = []
            try Rows.filter(compiled, after: selector.after ?? 0, limit: selector.limit, db: db) { result.append($0) }
            return result
        } }
    }

    public func subscribe(after position: Int64?) -> EventSubscription {
        EventSubscription(after: position, signal: signal, pollInterval: options.pollInterval) { [self] after, limit in
            try await readAll(after: after, limit: limit)
        }
    }

    /// Throws `FileGone` when the file at `path` is no longer the one this store opened.
    func checkFile() throws {
        guard FileIdentity(path: path) == identity else { throw FileGone(path: path) }
    }
}

extension Duration {
    /// The duration in seconds, as GRDB's busy timeout takes it.
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
