import Factum
import FactumConformance
import FactumSQLite
import Foundation
import GRDB
import Testing

/// The read model of the in-memory subject: rows written idempotently by position, as the
/// at-least-once contract asks of a handler.
actor MemoryTables {
    private var tables: [String: [Int64]] = [:]

    func record(_ table: String, _ position: Int64) {
        if tables[table, default: []].contains(position) { return }
        tables[table, default: []].append(position)
    }

    func rows(_ table: String) -> [Int64] { tables[table] ?? [] }
}

func memorySubject<Host: ProjectionHost>(_ host: Host) -> ProjectionConformance.Subject<Host> where Host.Context == ProjectionDelivery {
    let tables = MemoryTables()
    return ProjectionConformance.Subject(host: host, prepare: { _ in }, record: { table, delivery in
        await tables.record(table, delivery.position)
    }, recorded: { table in await tables.rows(table) })
}

func sqliteSubject(_ path: String) throws -> ProjectionConformance.Subject<SQLiteProjectionHost> {
    let store = try SQLiteEventStore(path: path)
    return ProjectionConformance.Subject(host: store.projections, prepare: { table in
        try await store.readModelUpdate { db in try db.execute(sql: "CREATE TABLE \(table) (position INTEGER NOT NULL)") }
    }, record: { table, context in
        let position = context.position
        context.write { db in try db.execute(sql: "INSERT INTO \(table) (position) VALUES (?)", arguments: [position]) }
    }, recorded: { table in
        try await store.readModelQuery { db in try Int64.fetchAll(db, sql: "SELECT position FROM \(table) ORDER BY rowid") }
    })
}

@Suite("Conformance: projection hosts", .timeLimit(.minutes(3)))
struct ProjectionConformanceTests {
    @Test(arguments: ProjectionConformance.Check.allCases)
    func inMemory(_ check: ProjectionConformance.Check) async throws {
        try await check.run { memorySubject(InMemoryProjectionHost(ledger: InMemoryEventStore())) }
    }

    @Test(arguments: ProjectionConformance.Check.allCases)
    func sqlite(_ check: ProjectionConformance.Check) async throws {
        let path = SQLiteConformanceTests.freshPath()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        try await check.run { try sqliteSubject(path) }
    }
}

/// A host with one flaw of the kind the kit is there to catch.
struct CarelessHost: ProjectionHost {
    enum Flaw: Sendable, CaseIterable {
        /// Commits whatever checkpoint it is given, without comparing.
        case noCompareAndSet
        /// Moves the checkpoint even when a handler fails: the event is skipped silently.
        case skipsFailures
        /// Forgets parked events: nothing waits behind them and nothing can be retried.
        case forgetsParked
        /// Runs handlers once more after a commit (a duplicate delivery the model cannot tell).
        case appliesTwice
    }

    let inner: InMemoryProjectionHost
    let flaw: Flaw
    var ledger: any EventStore { inner.ledger }

    func checkpoint(_ key: ProjectionKey) async throws -> ProjectionCheckpoint {
        var checkpoint = await inner.checkpoint(key)
        if flaw == .forgetsParked { checkpoint.parkedSources = [] }
        return checkpoint
    }

    func commit(_ commit: ProjectionCommit, handler: @escaping @Sendable (EventEnvelope, ProjectionDelivery) async throws -> Void) async throws {
        var commit = commit
        switch flaw {
        case .noCompareAndSet:
            commit.from = await inner.checkpoint(commit.key).position
            try await inner.commit(commit, handler: handler)
        case .skipsFailures:
            try await inner.commit(commit) { envelope, delivery in try? await handler(envelope, delivery) }
        case .forgetsParked:
            commit.park = []
            try await inner.commit(commit, handler: handler)
        case .appliesTwice:
            try await inner.commit(commit, handler: handler)
            for envelope in commit.apply { try? await handler(envelope, ProjectionDelivery(envelope: envelope)) }
        }
    }

    func parked(_ key: ProjectionKey) async throws -> [ParkedEvent] {
        flaw == .forgetsParked ? [] : await inner.parked(key)
    }

    func updateParked(_ key: ProjectionKey, position: Int64, reason: String, attempts: Int) async throws {
        await inner.updateParked(key, position: position, reason: reason, attempts: attempts)
    }
}

/// The rows of a careless host's read model are plain (not idempotent), as on a host whose
/// transaction holds them: a second application shows.
actor PlainTables {
    private var tables: [String: [Int64]] = [:]
    func record(_ table: String, _ position: Int64) { tables[table, default: []].append(position) }
    func rows(_ table: String) -> [Int64] { tables[table] ?? [] }
}

@Suite("Conformance kit catches careless projection hosts", .timeLimit(.minutes(3)))
struct CarelessProjectionHostTests {
    @Test(arguments: CarelessHost.Flaw.allCases)
    func theKitFindsTheFlaw(_ flaw: CarelessHost.Flaw) async throws {
        let failures = await ProjectionConformance.failures {
            let tables = PlainTables()
            return ProjectionConformance.Subject(host: CarelessHost(inner: InMemoryProjectionHost(ledger: InMemoryEventStore()), flaw: flaw), prepare: { _ in }, record: { table, delivery in
                await tables.record(table, delivery.position)
            }, recorded: { table in await tables.rows(table) })
        }
        #expect(!failures.isEmpty, "the kit passed a host that \(flaw)")
    }

    @Test func anAtLeastOnceHostWithPlainRowsFailsWhereAPageIsRetried() async throws {
        // The in-memory host delivers at least once; with plain rows (not idempotent), a page
        // retried event by event after a failure shows its first events twice.
        let failures = await ProjectionConformance.failures {
            let tables = PlainTables()
            return ProjectionConformance.Subject(host: InMemoryProjectionHost(ledger: InMemoryEventStore()), prepare: { _ in }, record: { table, delivery in
                await tables.record(table, delivery.position)
            }, recorded: { table in await tables.rows(table) })
        }
        #expect(failures.map(\.check) == [ProjectionConformance.Check.aFailedCommitLeavesNoWrite, .aFailingEventIsParkedAndItsSourceWaitsBehindIt].map(\.rawValue))
    }
}
