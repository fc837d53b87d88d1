import Factum
import FactumSQLite
import Foundation
import GRDB
import Testing

/// Drinks per tab, kept in memory; fails on the tabs of waiter "broken" while `broken` holds.
actor DrinksModel {
    var drinks: [Int: [String]] = [:]
    var applied: [Int64] = []
    var calls = 0
    var broken = true

    func apply(_ position: Int64, table: Int, drinks more: [String], waiter: String?) throws {
        calls += 1
        if waiter == "broken", broken { throw ModelFailure(table: table) }
        applied.append(position)
        drinks[table, default: []] += more
    }

    func repair() { broken = false }
}

struct ModelFailure: Error, CustomStringConvertible {
    var table: Int
    var description: String { "table \(table) is broken" }
}

/// A hand-written projection of the shape the generator writes (`handle` dispatching to `when`).
struct DrinksPerTab: Projection {
    typealias Context = ProjectionDelivery
    static let projectionName = "DrinksPerTab"
    static let projectionVersion = 1
    static let selector = ProjectionSelector([TabOpened.eventType, DrinksOrdered.eventType])
    let model: DrinksModel
    let waiters: Waiters

    func handle(_ event: any DomainEvent, _ context: ProjectionDelivery) async throws {
        switch event {
        case let event as TabOpened:
            await waiters.set(context.envelope.source.id, event.waiter)
            try await model.apply(context.position, table: event.table, drinks: [], waiter: event.waiter)
        case let event as DrinksOrdered:
            let table = Int(context.envelope.source.id) ?? -1
            try await model.apply(context.position, table: table, drinks: event.drinks, waiter: await waiters.get(context.envelope.source.id))
        default:
            throw ProjectionError.unexpectedEvent(projection: Self.projectionName, eventName: context.envelope.eventName)
        }
    }
}

actor Waiters {
    var names: [String: String] = [:]
    func set(_ id: String, _ name: String) { names[id] = name }
    func get(_ id: String) -> String? { names[id] }
}

private func opened(_ table: Int, waiter: String) throws -> PendingEvent { try registry.pending(TabOpened(table: table, waiter: waiter)) }
private func ordered(_ drinks: [String]) throws -> PendingEvent { try registry.pending(DrinksOrdered(drinks: drinks, amount: 1, currency: "EUR")) }
private func closed() throws -> PendingEvent { try registry.pending(TabClosed(closedAt: Date(timeIntervalSince1970: 0))) }
private func tab(_ number: Int) -> EventSource { EventSource(entity: "Tab", id: String(number)) }
private let fast = ProjectionRunner<DrinksPerTab, InMemoryProjectionHost>.Options(pageSize: 4, attempts: 3, backoff: .milliseconds(1))

@Suite("Projections: the runner")
struct ProjectionRunnerTests {
    @Test func catchesUpOnlyTheEventsItReadsInLogOrderAndMovesPastTheRest() async throws {
        let store = InMemoryEventStore()
        _ = try await store.append([opened(1, waiter: "ann"), ordered(["tea"]), ordered(["beer"]), closed()], to: tab(1), expectedVersion: .noEvents)
        _ = try await store.append([opened(2, waiter: "bob"), ordered(["wine"])], to: tab(2), expectedVersion: .noEvents)
        _ = try await store.append([registry.pending(KitchenOpened(chef: "Ana"))], to: EventSource(entity: "Kitchen", id: "k"), expectedVersion: .noEvents)
        let model = DrinksModel()
        let host = InMemoryProjectionHost(ledger: store)
        let runner = ProjectionRunner(DrinksPerTab(model: model, waiters: Waiters()), on: host, registry: registry, options: fast)
        let progress = try await runner.catchUp()
        #expect(progress.position == 7 && progress.head == 7 && progress.isCaughtUp && progress.lag == 0)
        #expect(await model.applied == [1, 2, 3, 5, 6])
        #expect(await model.drinks == [1: ["tea", "beer"], 2: ["wine"]])
        // Again: nothing is applied twice.
        try await runner.catchUp()
        #expect(await model.calls == 5)
        #expect(await host.checkpoint(DrinksPerTab.key).position == 7)
    }

    @Test func aFailingEventIsRetriedThenParkedAndLaterEventsOfItsSourceParkBehindIt() async throws {
        let store = InMemoryEventStore()
        _ = try await store.append([opened(1, waiter: "broken")], to: tab(1), expectedVersion: .noEvents)   // 1
        _ = try await store.append([opened(2, waiter: "ann")], to: tab(2), expectedVersion: .noEvents)      // 2
        _ = try await store.append([ordered(["tea"])], to: tab(1), expectedVersion: .exactly(1))          // 3
        _ = try await store.append([ordered(["wine"])], to: tab(2), expectedVersion: .exactly(1))         // 4
        _ = try await store.append([ordered(["beer"])], to: tab(1), expectedVersion: .exactly(2))         // 5
        let model = DrinksModel()
        let host = InMemoryProjectionHost(ledger: store)
        let seen = Seen()
        let runner = ProjectionRunner(DrinksPerTab(model: model, waiters: Waiters()), on: host, registry: registry, options: fast) { seen.add($0) }
        let progress = try await runner.catchUp()
        #expect(progress.position == 5 && progress.parked == 3)
        #expect(await model.applied == [2, 4])
        let parked = try await runner.parked()
        #expect(parked.map(\.position) == [1, 3, 5])
        #expect(parked[0].attempts == 3 && parked[0].reason == "table 1 is broken")
        #expect(parked[1].attempts == 0 && parked[1].reason.contains("parked behind"))
        #expect(seen.last?.parked == 3)
        // Still broken: the first stays parked, and so do the ones behind it, untried.
        #expect(try await runner.retryParked().map(\.position) == [1, 3, 5])
        #expect(try await runner.parked()[0].attempts == 4)
        // Repaired: all three are applied, in order, and nothing is left parked.
        await model.repair()
        #expect(try await runner.retryParked().isEmpty)
        #expect(await model.applied == [2, 4, 1, 3, 5])
        #expect(await model.drinks == [1: ["tea", "beer"], 2: ["wine"]])
        // A later event of the released source is applied normally.
        _ = try await store.append([ordered(["gin"])], to: tab(1), expectedVersion: .exactly(3))
        try await runner.catchUp()
        #expect(await model.applied.last == 6)
    }

    @Test func twoRunnersCannotBothAdvanceOneCheckpoint() async throws {
        let store = InMemoryEventStore()
        _ = try await store.append([opened(1, waiter: "ann")], to: tab(1), expectedVersion: .noEvents)
        let host = InMemoryProjectionHost(ledger: store)
        try await host.commit(ProjectionCommit(key: DrinksPerTab.key, from: 0, to: 1)) { _, _ in }
        await #expect(throws: ProjectionError.checkpointMoved(DrinksPerTab.key, expected: 0, found: 1)) {
            try await host.commit(ProjectionCommit(key: DrinksPerTab.key, from: 0, to: 1)) { _, _ in }
        }
        // Another version is another checkpoint.
        try await host.commit(ProjectionCommit(key: ProjectionKey(name: "DrinksPerTab", version: 2), from: 0, to: 1)) { _, _ in }
    }

    @Test func runFollowsLiveAppendsAndStopsOnCancellation() async throws {
        let store = InMemoryEventStore()
        let model = DrinksModel()
        let runner = ProjectionRunner(DrinksPerTab(model: model, waiters: Waiters()), on: InMemoryProjectionHost(ledger: store), registry: registry, options: fast)
        let task = Task { try await runner.run() }
        _ = try await store.append([opened(1, waiter: "ann"), ordered(["tea"])], to: tab(1), expectedVersion: .noEvents)
        for _ in 0..<500 where await model.applied.count < 2 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await model.applied == [1, 2])
        task.cancel()
        try await task.value
    }
}

final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var all: [ProjectionProgress] = []
    func add(_ progress: ProjectionProgress) { lock.withLock { all.append(progress) } }
    var last: ProjectionProgress? { lock.withLock { all.last } }
}

/// Drinks per tab in a table of the ledger's own file, written in the checkpoint's transaction.
struct DrinksTable: Projection {
    typealias Context = SQLiteProjectionContext
    static let projectionName = "DrinksTable"
    static let projectionVersion = 1
    static let selector = ProjectionSelector([DrinksOrdered.eventType])
    /// A drink this handler refuses to write (its write throws inside the transaction).
    var refused: String?

    func handle(_ event: any DomainEvent, _ context: SQLiteProjectionContext) async throws {
        guard let event = event as? DrinksOrdered else { throw ProjectionError.unexpectedEvent(projection: Self.projectionName, eventName: context.envelope.eventName) }
        let tab = context.envelope.source.id
        let position = context.position
        let refused = refused
        context.write { db in
            for drink in event.drinks {
                if drink == refused { throw ModelFailure(table: Int(tab) ?? 0) }
                try db.execute(sql: "INSERT INTO drinks (tab, drink, position) VALUES (?, ?, ?)", arguments: [tab, drink, position])
            }
        }
    }
}

@Suite("Projections: SQLite, exactly once")
struct SQLiteProjectionTests {
    func ledger() throws -> (SQLiteEventStore, String) {
        let path = NSTemporaryDirectory() + "factum-projection-\(UUID().uuidString).sqlite"
        let store = try SQLiteEventStore(path: path, options: .init(durability: .normal))
        return (store, path)
    }

    func rows(_ path: String) throws -> (drinks: [String], checkpoint: Int64?) {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            (try String.fetchAll(db, sql: "SELECT drink FROM drinks ORDER BY position, rowid"),
             try Int64.fetchOne(db, sql: "SELECT position FROM factum_checkpoints WHERE projection = 'DrinksTable' AND version = 1"))
        }
    }

    @Test func theReadModelAndTheCheckpointCommitTogether() async throws {
        let (store, path) = try ledger()
        try await store.readModelUpdate { db in try db.execute(sql: "CREATE TABLE drinks (tab TEXT, drink TEXT, position INTEGER)") }
        _ = try await store.append([opened(1, waiter: "ann"), ordered(["tea", "beer"]), ordered(["gin"])], to: tab(1), expectedVersion: .noEvents)
        _ = try await store.append([opened(2, waiter: "bob"), ordered(["poison"]), ordered(["wine"])], to: tab(2), expectedVersion: .noEvents)
        _ = try await store.append([ordered(["water"])], to: tab(1), expectedVersion: .exactly(3))
        let options = ProjectionRunner<DrinksTable, SQLiteProjectionHost>.Options(pageSize: 100, attempts: 2, backoff: .milliseconds(1))
        let runner = ProjectionRunner(DrinksTable(refused: "poison"), on: store.projections, registry: registry, options: options)
        let progress = try await runner.catchUp()
        // The page failed in its transaction and was rolled back whole; event by event, the
        // poisoned one parked, the later one of its tab behind it, tab 1 went on.
        #expect(progress.position == 7)
        #expect(try rows(path).drinks == ["tea", "beer", "gin", "water"])
        #expect(try rows(path).checkpoint == 7)
        #expect(try await runner.parked().map(\.position) == [5, 6])
        // A new store on the same file, and a runner that no longer refuses: the parked events
        // are applied, in order, once; nothing else is applied again.
        let reopened = try SQLiteEventStore(path: path)
        let repaired = ProjectionRunner(DrinksTable(refused: nil), on: reopened.projections, registry: registry, options: options)
        try await repaired.catchUp()
        #expect(try rows(path).drinks == ["tea", "beer", "gin", "water"])
        #expect(try await repaired.retryParked().isEmpty)
        #expect(try rows(path).drinks == ["tea", "beer", "gin", "poison", "wine", "water"])
        #expect(try rows(path).checkpoint == 7)
    }
}
