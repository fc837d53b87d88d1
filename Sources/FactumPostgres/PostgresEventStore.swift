import Factum
import Foundation
import PostgresNIO

/// The ledger on PostgreSQL: the same protocol and guarantees as the SQLite ledger, for more
/// than one machine. See docs/postgres.md.
///
/// The store owns its `PostgresClient` and runs it itself, from the moment it is opened until
/// `close()` (or until it is released), so there is no run loop to forget. Appends are one
/// call of a stored function (one round trip) that takes a transaction-level advisory lock:
/// appends run one at a time and positions commit in order, so no reader can skip an event
/// committed late. Filter selectors run in the database, through `@?` and `@@`, which a GIN
/// index on payloads and metadata serves. Subscriptions wake on `LISTEN`/`NOTIFY` (the
/// notification carries a position, never the event) and poll as a backstop.
public final class PostgresEventStore: EventStore, Sendable {
    public struct Options: Sendable {
        /// The schema (namespace) that holds the ledger's tables: one ledger per schema.
        /// Lowercase letters, digits and underscores; not one of PostgreSQL's own (`pg_…`,
        /// `information_schema`).
        public var schema: String
        /// How often a subscription that has read everything reads again when no notification
        /// came (a lost notification, a dropped listening connection).
        public var pollInterval: Duration
        /// How long a subscription keeps reading again, from its last delivered position, while
        /// the connection to the server is lost (a restart, a failover) before it ends with the
        /// error.
        public var reconnectWithin: Duration
        /// How long a call waits for a connection to the server before it fails with a
        /// `PostgresFailure` whose `connectionLost` is true: long enough for a busy pool, or a
        /// server at its `max_connections`, to free one.
        public var connectionWait: Duration

        public init(schema: String = "factum", pollInterval: Duration = .seconds(1), reconnectWithin: Duration = .seconds(60), connectionWait: Duration = .seconds(60)) {
            self.schema = schema
            self.pollInterval = pollInterval
            self.reconnectWithin = reconnectWithin
            self.connectionWait = connectionWait
        }
    }

    /// The database holds a ledger this build cannot use, or cannot be set up.
    public struct OpenError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    /// The schema this build writes, and the newest it reads. Schema 2 changed only the
    /// append function; opening a schema-1 ledger replaces it.
    public static let schemaVersion = 2

    public let options: Options
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let listening: Task<Void, Never>
    private let signal = ChangeSignal()
    let qualified: String

    /// Opens the ledger in the database the configuration names, creating or migrating its
    /// schema (which needs the right to create a schema once; appends and reads need only
    /// the rights on its tables).
    public init(configuration: PostgresClient.Configuration, options: Options = Options()) async throws {
        guard options.schema.range(of: "^[a-z_][a-z0-9_]{0,40}$", options: .regularExpression) != nil else {
            throw OpenError(message: "the schema name '\(options.schema)' must be lowercase letters, digits and underscores")
        }
        // PostgreSQL's own schemas hold its catalogues, never a ledger. (`public` is allowed:
        // in a database of its own, a ledger's prefixed tables may live there.)
        guard !options.schema.hasPrefix("pg_"), options.schema != "information_schema" else {
            throw OpenError(message: "the schema name '\(options.schema)' is one of PostgreSQL's own (pg_…, information_schema); choose a schema for the ledger")
        }
        // The pool tries again, silently, a server that refuses it; so the server is asked
        // once, directly, and a refusal that no retry can mend fails the opening at once.
        if let refusal = await Self.refusal(configuration) {
            throw OpenError(message: "cannot open the ledger: \(refusal)")
        }
        self.options = options
        qualified = "\"\(options.schema)\""
        let client = PostgresClient(configuration: configuration)
        self.client = client
        // LISTEN holds its connection for as long as the store is open, so it has a client of
        // its own: a pool whose every connection is leased cannot hand the appends one when
        // the server comes back after a restart.
        var listenerConfiguration = configuration
        listenerConfiguration.options.minimumConnections = 0
        listenerConfiguration.options.maximumConnections = 1
        let listener = PostgresClient(configuration: listenerConfiguration)
        running = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { await client.run() }
                group.addTask { await listener.run() }
            }
        }
        let signal = signal
        let channel = "factum_\(options.schema)"
        listening = Task {
            // A dropped listening connection is reopened, and every (re)connection wakes the
            // subscriptions, which then read what they missed.
            while !Task.isCancelled {
                do {
                    try await listener.withConnection { connection in
                        try await connection.listen(on: channel) { notifications in
                            signal.signal()
                            for try await _ in notifications { signal.signal() }
                        }
                    }
                } catch {
                    try? await Task.sleep(for: .milliseconds(200))
                }
            }
        }
        do {
            try await migrate()
        } catch {
            running.cancel()
            listening.cancel()
            if let error = error as? PSQLError {
                throw OpenError(message: "cannot open the ledger in schema \(options.schema): \(PostgresFailure(error))")
            }
            throw error
        }
    }

    /// Opens the ledger at a URL: `postgres://user:password@host:port/database`, with
    /// `?host=/a/folder` for a Unix socket in that folder.
    public convenience init(url: String, options: Options = Options()) async throws {
        try await self.init(configuration: Self.configuration(url: url), options: options)
    }

    /// The client configuration a `postgres://` URL names (for a client of the caller's own on
    /// the same server, as the benchmarks' baselines use).
    public static func configuration(url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw OpenError(message: "'\(url)' is not a postgres:// URL")
        }
        let user = components.user ?? "postgres"
        let database = components.path.isEmpty ? nil : String(components.path.dropFirst())
        let port = components.port ?? 5432
        let configuration: PostgresClient.Configuration
        if let folder = components.queryItems?.first(where: { $0.name == "host" })?.value {
            configuration = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(port)", username: user, password: components.password, database: database)
        } else {
            configuration = .init(host: components.host ?? "localhost", port: port, username: user, password: components.password, database: database, tls: .disable)
        }
        return configuration
    }

    /// Why the server refuses the configuration, when it does so for a reason that trying again
    /// cannot mend: a role, password or database it does not accept (SQLSTATE class 28,
    /// 3D000), or no server at the socket or address (the path does not exist, the connection
    /// is refused). Nil when it accepts, or fails otherwise (a TLS setting the probe cannot
    /// copy, a slow network): the pool then waits for it as for a busy server.
    static func refusal(_ configuration: PostgresClient.Configuration) async -> String? {
        var probe: PostgresConnection.Configuration
        let place: String
        if let socket = configuration.unixSocketPath {
            probe = .init(unixSocketPath: socket, username: configuration.username, password: configuration.password, database: configuration.database)
            place = "the socket \(socket)"
        } else {
            let host = configuration.host ?? "localhost", port = configuration.port ?? 5432
            probe = .init(host: host, port: port, username: configuration.username, password: configuration.password, database: configuration.database,
                          tls: (try? NIOSSLContext(configuration: .makeClientConfiguration())).map { .prefer($0) } ?? .disable)
            place = "\(host):\(port)"
        }
        probe.options.connectTimeout = .seconds(2)
        do {
            let connection = try await PostgresConnection.connect(configuration: probe, id: 0, logger: logger)
            try? await connection.close()
            return nil
        } catch let error as PSQLError {
            if let state = error.serverInfo?[.sqlState], state.hasPrefix("28") || state == "3D000" {
                return "the server refused the login: \(error.serverInfo?[.message] ?? state) (SQLSTATE \(state))"
            }
            let underlying = error.underlying.map { String(describing: $0) } ?? ""
            for (text, meaning) in [("No such file or directory", "there is no server at \(place) (no such socket)"), ("Connection refused", "no server accepts connections at \(place) (connection refused)")]
                where underlying.contains(text) {
                return meaning
            }
            return nil
        } catch {
            return nil
        }
    }

    /// Stops the client. Calls after it fail.
    public func close() {
        listening.cancel()
        running.cancel()
    }

    deinit {
        listening.cancel()
        running.cancel()
    }

    private func migrate() async throws {
        let options = options, qualified = qualified
        try await withConnection { connection in
            /// Runs the statements in one transaction: all of them, or none.
            func inTransaction(_ statements: [String]) async throws {
                try await connection.query("BEGIN", logger: Self.logger)
                do {
                    for statement in statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Self.logger)
                    }
                    try await connection.query("COMMIT", logger: Self.logger)
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: Self.logger)
                    throw error
                }
            }
            // One process at a time sets the schema up.
            try await connection.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_lock(\(PostgresSchema.migrationLock), hashtext('\(options.schema)'))"), logger: Self.logger)
            do {
                let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT to_regclass('\(qualified).factum_ledger') IS NOT NULL"), logger: Self.logger)
                var exists = false
                for try await row in rows { exists = try row.decode(Bool.self) }
                if exists {
                    var version = 0
                    for try await row in try await connection.query(PostgresQuery(unsafeSQL: "SELECT value FROM \(qualified).factum_ledger WHERE name = 'schema-version'"), logger: Self.logger) {
                        version = Int(try row.decode(String.self)) ?? 0
                    }
                    guard version <= Self.schemaVersion else {
                        throw OpenError(message: "the schema \(options.schema) holds a ledger of schema \(version), written by a newer Factum; this build reads schema \(Self.schemaVersion) and older, and did not change it")
                    }
                    if version < Self.schemaVersion {
                        try await inTransaction(PostgresSchema.functions(options.schema) + ["UPDATE \(qualified).factum_ledger SET value = '\(Self.schemaVersion)' WHERE name = 'schema-version'"])
                    }
                } else {
                    try await inTransaction(PostgresSchema.create(options.schema))
                }
                // Projections' and snapshots' tables came after schema 2 and only add to it:
                // created when missing, and ignored by builds that predate them. A role without
                // the right to create opens a ledger that lacks them all the same; projections
                // and snapshots then fail with the server's reason until the owner opens it once.
                var present: Int64 = 0
                for try await row in try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM pg_tables WHERE schemaname = '\(options.schema)' AND tablename IN ('factum_checkpoints', 'factum_parked', 'factum_snapshots')"), logger: Self.logger) {
                    present = try row.decode(Int64.self)
                }
                if present < 3 {
                    do {
                        try await inTransaction(PostgresSchema.projections(options.schema))
                    } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42501" {
                        // permission denied: as above.
                    }
                }
                try await connection.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_unlock(\(PostgresSchema.migrationLock), hashtext('\(options.schema)'))"), logger: Self.logger)
            } catch {
                _ = try? await connection.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_unlock(\(PostgresSchema.migrationLock), hashtext('\(options.schema)'))"), logger: Self.logger)
                throw error
            }
        }
    }

    static let logger = Logger(label: "factum.postgres")

    /// Runs `body` on a connection of the store's pool, waiting at most `Options.connectionWait`
    /// for one, and answering at most a second after its connection closed.
    ///
    /// Both bounds are the store's own, for what postgres-nio's pool (1.33.2) did around a
    /// server restart in the tests: it lost a request waiting for a connection, which then
    /// neither got one nor heard its cancellation, while new connections served later calls;
    /// and it left a query unanswered that was sent on a connection closing at that moment. A
    /// call that gives up fails as a lost connection, and a caller that tries again is served;
    /// the request left behind runs nothing, should the pool ever serve it.
    ///
    /// The call runs in a task of its own, so cancelling the caller does not stop it: an
    /// append either commits or not, and the caller learns which by trying it again.
    func withConnection<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        let client = client, wait = options.connectionWait
        let race = CallRace()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
            let timer = Task {
                do { try await Task.sleep(for: wait) } catch { return }
                if await race.giveUp(leased: false) {
                    continuation.resume(throwing: PostgresFailure(message: "no connection to the server within \(wait)", connectionLost: true))
                }
            }
            Task {
                do {
                    let result = try await client.withConnection { connection in
                        guard await race.lease() else { throw CancellationError() }
                        timer.cancel()
                        let watch = Task {
                            while !connection.isClosed {
                                do { try await Task.sleep(for: .seconds(1)) } catch { return }
                            }
                            try? await Task.sleep(for: .seconds(1))
                            if await race.giveUp(leased: true) {
                                continuation.resume(throwing: PostgresFailure(message: "the connection to the server closed during the call", connectionLost: true))
                            }
                        }
                        defer { watch.cancel() }
                        return try await body(connection)
                    }
                    if await race.finish() { continuation.resume(returning: result) }
                } catch {
                    if await race.finish() {
                        timer.cancel()
                        continuation.resume(throwing: error)
                    }
                }
            }
        }
    }

    /// `withConnection`, with the server's errors as `PostgresFailure`s, which say what went
    /// wrong and whether trying again may help; any other error (a handler's) is left as it is.
    @discardableResult
    func call<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await withConnection(body)
        } catch let error as PSQLError {
            throw PostgresFailure(error)
        }
    }

    /// Every row a query answers, read on one connection.
    private func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await withConnection { connection in
            var rows: [PostgresRow] = []
            for try await row in try await connection.query(query, logger: Self.logger) { rows.append(row) }
            return rows
        }
    }

    // MARK: Appending

    public func append(_ events: [PendingEvent], to source: EventSource, expectedVersion: ExpectedVersion, condition: AppendCondition?) async throws -> [EventEnvelope] {
        try LedgerRules.checkAppend(events, to: source)
        var binds = PostgresBindings()
        binds.append(source.entity)
        binds.append(source.id)
        switch expectedVersion {
        case .any: binds.appendNull()
        case .noEvents: binds.append(0)
        case .exactly(let version): binds.append(version)
        }
        binds.append(events.map(\.eventID))
        binds.append(events.map(\.eventType.id))
        binds.append(events.map(\.eventType.generation))
        binds.append(events.map(\.eventName))
        binds.append(events.map(\.visibility.rawValue))
        binds.append(events.map(\.timestamp.timeIntervalSince1970))
        binds.append(try events.map { try Self.storedMetadata($0.metadata) })
        binds.append(try events.map { try Self.json($0.metadata.json) })
        binds.append(events.map { ByteBuffer(bytes: $0.payload) })
        try Self.bindCondition(condition, into: &binds)
        let sql = "SELECT out_position, out_version FROM \(qualified).factum_append($1::text, $2::text, $3::integer, $4::uuid[], $5::uuid[], $6::integer[], $7::text[], $8::text[], $9::double precision[], $10::text[], $11::text[], $12::bytea[], $13::integer, $14::bigint, $15::text, $16::text[], $17::text[], $18::text[], $19::text[], $20::boolean[], $21::text, $22::boolean)"
        var positions: [(Int64, Int)] = []
        do {
            for row in try await rows(PostgresQuery(unsafeSQL: sql, binds: binds)) {
                positions.append(try row.decode((Int64, Int).self))
            }
        } catch let error as PSQLError {
            switch error.serverInfo?[.sqlState] {
            case "FX001": return try await storedRetry(of: events, in: source)
            case "FX002":
                throw EventStoreError.wrongExpectedVersion(source: source, expected: expectedVersion, actual: Int(error.serverInfo?[.message] ?? "") ?? -1)
            case "FX003": throw EventStoreError.conditionFailed
            case "FX004": throw EventStoreError.duplicateEventID(events.first { _ in true }?.eventID ?? UUID(), source: source)
            default: throw PostgresFailure(error)
            }
        }
        // Subscriptions of this store wake at once; others wake on the notification.
        signal.signal()
        return zip(events, positions).map { event, stored in
            EventEnvelope(eventID: event.eventID, position: stored.0, source: source, version: stored.1, eventType: event.eventType,
                          eventName: event.eventName, visibility: event.visibility, timestamp: Date(timeIntervalSince1970: event.timestamp.timeIntervalSince1970),
                          metadata: event.metadata, payload: event.payload)
        }
    }

    /// The condition's parameters: kind (0 none, 1 replay, 2 filter), position, then the
    /// replay selector's, then the filter selector's.
    private static func bindCondition(_ condition: AppendCondition?, into binds: inout PostgresBindings) throws {
        var kind = 0
        var replay: ReplaySelector?
        var filter: CompiledFilter?
        if let condition {
            // A selector that can select nothing (its strings hold a NUL, which no stored
            // event's can) never conflicts: no condition.
            switch condition.selector {
            case .replay(let selector):
                if let answerable = LedgerRules.answerable(selector) { kind = 1; replay = answerable }
            case .filter(let selector):
                if let answerable = LedgerRules.answerable(try selector.compiled()) { kind = 2; filter = answerable }
            }
        }
        binds.append(kind)
        binds.append(condition?.after ?? 0)
        binds.append(replay?.entity)
        if let keys = replay?.keys { binds.append(keys) } else { binds.appendNull() }
        if let names = replay?.events { binds.append(names) } else { binds.appendNull() }
        let data = (filter?.data ?? [:]).sorted { $0.key < $1.key }
        binds.append(data.map(\.key))
        binds.append(data.map(\.value.text))
        binds.append(data.map(\.value.isPredicate))
        binds.append(filter?.meta?.text)
        binds.append(filter?.meta?.isPredicate ?? false)
    }

    /// The stored envelopes when `events` were all appended to `source` before, in this order.
    private func storedRetry(of events: [PendingEvent], in source: EventSource) async throws -> [EventEnvelope] {
        let stored = try await envelopes(where: "event_id = ANY ($1)", [events.map(\.eventID)])
        let byID = Dictionary(uniqueKeysWithValues: stored.map { ($0.eventID, $0) })
        var result: [EventEnvelope] = []
        for event in events {
            guard let envelope = byID[event.eventID], envelope.source == source, envelope.payload == event.payload,
                  result.last.map({ $0.version + 1 == envelope.version }) ?? true else {
                throw EventStoreError.duplicateEventID(event.eventID, source: source)
            }
            result.append(envelope)
        }
        return result
    }

    static func storedMetadata(_ metadata: EventMetadata) throws -> String {
        var object: [String: Any] = [:]
        if let value = metadata.correlationID { object["correlationId"] = value }
        if let value = metadata.causationID { object["causationId"] = value }
        if let value = metadata.actor { object["actor"] = value }
        if !metadata.values.isEmpty { object["values"] = metadata.values }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func json(_ value: JSONValue) throws -> String {
        func foundation(_ value: JSONValue) -> Any {
            switch value {
            case .null: return NSNull()
            case .bool(let flag): return flag
            case .number(.integer(let number)): return number
            case .number(.double(let number)): return number
            case .string(let text): return text
            case .array(let items): return items.map(foundation)
            case .object(let members): return Dictionary(members.map { ($0.key, foundation($0.value)) }, uniquingKeysWith: { _, last in last })
            }
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: foundation(value), options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    // MARK: Reading

    static let columns = "position, event_id, entity, source_id, version, event_type, generation, event_name, visibility, \"timestamp\", correlation_id, causation_id, actor, metadata_values::text, payload"

    private func envelopes(where clause: String, _ values: [any PostgresDynamicTypeEncodable & Sendable]) async throws -> [EventEnvelope] {
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        return try await envelopes(PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM \(qualified).factum_events WHERE \(clause)", binds: binds))
    }

    private func envelopes(_ query: PostgresQuery) async throws -> [EventEnvelope] {
        var result: [EventEnvelope] = []
        do {
            for row in try await rows(query) {
                let (position, eventID, entity, sourceID, version, typeID, generation, name, visibility, timestamp, correlation, causation, actor, values, payload) =
                    try row.decode((Int64, UUID, String, String, Int, UUID, Int, String, String, Double, String?, String?, String?, String?, ByteBuffer).self)
                guard let visibility = EventVisibility(rawValue: visibility) else { throw UnreadableRow(position: position) }
                let free = try values.map { text -> [String: String] in
                    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String] else { throw UnreadableRow(position: position) }
                    return object
                } ?? [:]
                result.append(EventEnvelope(
                    eventID: eventID, position: position, source: EventSource(entity: entity, id: sourceID), version: version,
                    eventType: EventType(id: typeID, generation: generation), eventName: name, visibility: visibility,
                    timestamp: Date(timeIntervalSince1970: timestamp),
                    metadata: EventMetadata(correlationID: correlation, causationID: causation, actor: actor, values: free),
                    payload: Data(buffer: payload)
                ))
            }
        } catch let error as PSQLError {
            throw PostgresFailure(error)
        }
        return result
    }

    public func read(_ source: EventSource, fromVersion: Int) async throws -> [EventEnvelope] {
        // No stored string holds a NUL, and PostgreSQL's text cannot take one as an argument.
        if LedgerRules.holdsNUL(source.entity) || LedgerRules.holdsNUL(source.id) { return [] }
        return try await envelopes(where: "entity = $1 AND source_id = $2 AND version >= $3 ORDER BY version", [source.entity, source.id, fromVersion])
    }

    public func readAll(after position: Int64?, limit: Int?) async throws -> [EventEnvelope] {
        if let limit, limit <= 0 { return [] }
        return try await envelopes(where: "position > $1 ORDER BY position LIMIT $2", [position ?? 0, limit.map(Int64.init) ?? Int64.max])
    }

    public func lastPosition() async throws -> Int64 {
        do {
            let rows = try await rows(PostgresQuery(unsafeSQL: "SELECT COALESCE(MAX(position), 0)::int8 FROM \(qualified).factum_events"))
            return try rows.first?.decode(Int64.self) ?? 0
        } catch let error as PSQLError {
            throw PostgresFailure(error)
        }
    }

    public func replay(_ selector: ReplaySelector) async throws -> [EventEnvelope] {
        if let limit = selector.limit, limit <= 0 { return [] }
        guard let selector = LedgerRules.answerable(selector) else { return [] }
        var binds = PostgresBindings()
        binds.append(selector.entity)
        binds.append(selector.after ?? 0)
        var sql = "entity = $1 AND position > $2"
        if let keys = selector.keys { binds.append(keys); sql += " AND source_id = ANY ($\(binds.count))" }
        if let events = selector.events { binds.append(events); sql += " AND event_name = ANY ($\(binds.count))" }
        binds.append(selector.limit.map(Int64.init) ?? Int64.max)
        sql += " ORDER BY position LIMIT $\(binds.count)"
        return try await envelopes(PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM \(qualified).factum_events WHERE \(sql)", binds: binds))
    }

    public func filter(_ selector: FilterSelector) async throws -> [EventEnvelope] {
        let compiled = try selector.compiled()
        if let limit = selector.limit, limit <= 0 { return [] }
        guard let answerable = LedgerRules.answerable(compiled) else { return [] }
        return try await envelopes(Self.filterQuery(answerable, table: "\(qualified).factum_events"))
    }

    /// The filter selector as SQL: each path through `@?` (or `@@` for a test), so that the
    /// GIN indexes on `payload_json` and `metadata` serve it.
    static func filterQuery(_ filter: CompiledFilter, table: String, columns: String = PostgresEventStore.columns) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(filter.selector.after ?? 0)
        var sql = "SELECT \(columns) FROM \(table) WHERE position > $1"
        if !filter.data.isEmpty {
            var alternatives: [String] = []
            for (name, path) in filter.data.sorted(by: { $0.key < $1.key }) {
                binds.append(name)
                binds.append(path.text)
                alternatives.append("(event_name = $\(binds.count - 1) AND payload_json \(path.isPredicate ? "@@" : "@?") $\(binds.count)::jsonpath)")
            }
            sql += " AND (" + alternatives.joined(separator: " OR ") + ")"
        }
        if let meta = filter.meta {
            binds.append(meta.text)
            sql += " AND metadata \(meta.isPredicate ? "@@" : "@?") $\(binds.count)::jsonpath"
        }
        binds.append(filter.selector.limit.map(Int64.init) ?? Int64.max)
        sql += " ORDER BY position LIMIT $\(binds.count)"
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    /// Reads through a lost connection: a read that fails because the server went away is
    /// tried again, from the same position, until `Options.reconnectWithin` has passed.
    public func subscribe(after position: Int64?) -> EventSubscription {
        EventSubscription(after: position, signal: signal, pollInterval: options.pollInterval) { [self] after, limit in
            let start = ContinuousClock.now
            var pause = Duration.milliseconds(50)
            while true {
                do {
                    return try await readAll(after: after, limit: limit)
                } catch let failure as PostgresFailure where failure.connectionLost && ContinuousClock.now - start < options.reconnectWithin {
                    try await Task.sleep(for: pause)
                    pause = min(pause * 2, .seconds(1))
                }
            }
        }
    }

    /// Runs a query against the ledger's database (for tests and tools).
    public func query(_ sql: String) async throws -> [[String?]] {
        var result: [[String?]] = []
        for row in try await rows(PostgresQuery(unsafeSQL: sql)) {
            result.append(try row.map { cell in try cell.decode(String?.self) })
        }
        return result
    }
}

/// Who answers a call of `withConnection`, once: the call, or a bound that gives up on it.
private actor CallRace {
    private enum State { case waiting, leased, answered }
    private var state = State.waiting

    /// The connection arrived: true if in time (the call then runs).
    func lease() -> Bool {
        guard state == .waiting else { return false }
        state = .leased
        return true
    }

    /// The call ended: true if it answers (nothing gave up on it).
    func finish() -> Bool {
        guard state != .answered else { return false }
        state = .answered
        return true
    }

    /// A bound ran out, for a call still waiting for its connection or already running on
    /// it: true if the bound answers.
    func giveUp(leased: Bool) -> Bool {
        guard state == (leased ? .leased : .waiting) else { return false }
        state = .answered
        return true
    }
}

/// A stored row that does not hold an event this build can read.
struct UnreadableRow: Error, CustomStringConvertible {
    var position: Int64
    var description: String { "the event at position \(position) of the ledger cannot be read: a column does not hold what the ledger writes" }
}

/// A failure reported by PostgreSQL or the connection, with the server's message.
public struct PostgresFailure: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var sqlState: String?
    /// The connection to the server was lost or refused (the server shut down or restarted,
    /// the network failed): the call may succeed when tried again. An append tried again with
    /// the same event ids is stored once, whether or not the lost attempt committed.
    public var connectionLost: Bool

    init(message: String, connectionLost: Bool) {
        self.message = message
        self.connectionLost = connectionLost
    }

    init(_ error: PSQLError) {
        sqlState = error.serverInfo?[.sqlState]
        message = error.serverInfo?[.message] ?? "\(error.code)"
        connectionLost = [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(error.code)
            || sqlState.map { $0.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains($0) } == true
    }

    public var description: String { "PostgreSQL: \(message)\(sqlState.map { " (SQLSTATE \($0))" } ?? "")" }
}

// MARK: For the store's own tests

extension PostgresEventStore {
    /// Appends one event in a transaction held open for `hold` (or rolled back after it): an
    /// append that commits late, for the ordering tests.
    @_spi(Testing) public func withHeldAppend(eventID: UUID, source: String, hold: Duration, rollBack: Bool = false) async throws {
        let qualified = qualified
        try await withConnection { connection in
            try await connection.query("BEGIN", logger: Self.logger)
            var binds = PostgresBindings()
            binds.append([eventID])
            binds.append(source)
            try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT * FROM \(qualified).factum_append('Thing', $2::text, NULL::integer, $1::uuid[], $1::uuid[], ARRAY[1]::integer[], ARRAY['ThingHappened'], ARRAY['private'],
                    ARRAY[0]::double precision[], ARRAY['{}'], ARRAY['{}'], ARRAY['\\x7b7d'::bytea], 0, 0::bigint, NULL::text, NULL::text[], NULL::text[],
                    ARRAY[]::text[], ARRAY[]::text[], ARRAY[]::boolean[], NULL::text, false)
                """, binds: binds), logger: Self.logger)
            try await Task.sleep(for: hold)
            try await connection.query(rollBack ? "ROLLBACK" : "COMMIT", logger: Self.logger)
        }
    }

    /// The plan PostgreSQL chooses for a filter selector's query when it may not scan the table.
    @_spi(Testing) public func explainFilter(_ selector: FilterSelector) async throws -> String {
        let query = Self.filterQuery(try selector.compiled(), table: "\(qualified).factum_events")
        let qualified = qualified
        return try await withConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "ANALYZE \(qualified).factum_events"), logger: Self.logger)
            try await connection.query("BEGIN", logger: Self.logger)
            try await connection.query("SET LOCAL enable_seqscan = off", logger: Self.logger)
            var lines: [String] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: "EXPLAIN " + query.sql, binds: query.binds), logger: Self.logger) {
                lines.append(try row.decode(String.self))
            }
            try await connection.query("ROLLBACK", logger: Self.logger)
            return lines.joined(separator: "\n")
        }
    }
}

extension PostgresEventStore {
    /// What the server answers for each (document, path): `document @? path` and
    /// `document @@ path`, in one query (for the oracle tests).
    @_spi(Testing) public func pathAnswers(_ cases: [(document: String, path: String)]) async throws -> [(exists: Bool?, match: Bool?)] {
        var binds = PostgresBindings()
        binds.append(cases.map(\.document))
        binds.append(cases.map(\.path))
        let sql = "SELECT d::jsonb @? p::jsonpath, d::jsonb @@ p::jsonpath FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(d, p, n) ORDER BY n"
        var answers: [(exists: Bool?, match: Bool?)] = []
        for row in try await rows(PostgresQuery(unsafeSQL: sql, binds: binds)) {
            let (exists, match) = try row.decode((Bool?, Bool?).self)
            answers.append((exists, match))
        }
        return answers
    }
}
