import Factum
import FactumSQLite
import Foundation
import Testing

/// The same state after a change of `apply` that keeps its shape: a new revision.
struct RevisedTab: SnapshotAggregate {
    typealias Event = TabEvent
    static let snapshotRevision = 2
    var table = 0
    var drinks: [String] = []
    var total = 0.0
    var isOpen = false
    mutating func apply(_ event: TabEvent) {}
}

private func tab(_ number: Int) -> EventSource { EventSource(entity: "Tab", id: String(number)) }

@Suite("Snapshots")
struct SnapshotTests {
    static func stores() throws -> [any EventStore] {
        [InMemoryEventStore(), try SQLiteEventStore(path: SQLiteConformanceTests.freshPath())]
    }

    func order(_ drinks: [String], amount: Double = 1) throws -> PendingEvent {
        try registry.pending(DrinksOrdered(drinks: drinks, amount: amount, currency: "EUR"))
    }

    @Test(arguments: try stores())
    func loadingStartsFromTheSnapshotAndAppliesOnlyTheEventsAfterIt(_ store: any EventStore) async throws {
        let tabs = EventSourcedRepository<TabState>(store: store, registry: registry)
        _ = try await store.append([registry.pending(TabOpened(table: 4, waiter: "ann")), order(["tea"]), order(["beer"], amount: 4)], to: tab(4), expectedVersion: .noEvents)
        let first = try await tabs.load(TabKey(4))
        #expect(first.snapshotVersion == nil && first.version == 3)
        try await tabs.saveSnapshot(first, of: TabKey(4))
        _ = try await store.append([order(["gin"], amount: 7), registry.pending(TabClosed(closedAt: Date(timeIntervalSince1970: 0)))], to: tab(4), expectedVersion: .exactly(3))
        let loaded = try await tabs.load(TabKey(4))
        #expect(loaded.snapshotVersion == 3 && loaded.version == 5)
        let full = try TabState.rebuilt(from: try await store.read(tab(4), fromVersion: 1), registry: registry)
        #expect(loaded.state == full.state && loaded.state.drinks == ["tea", "beer", "gin"] && loaded.state.total == 12 && !loaded.state.isOpen)
    }

    @Test(arguments: try stores())
    func aSnapshotOfAnotherStampOrThatDoesNotDecodeIsIgnored(_ store: any EventStore) async throws {
        let snapshots = try #require(store as? any SnapshotStore)
        let tabs = EventSourcedRepository<TabState>(store: store, registry: registry)
        _ = try await store.append([registry.pending(TabOpened(table: 1, waiter: "bob")), order(["wine"])], to: tab(1), expectedVersion: .noEvents)
        // Another shape's snapshot, claiming another state: never trusted.
        try await snapshots.saveSnapshot(Snapshot(source: tab(1), version: 2, stamp: "r1-0000", state: Data(#"{"table":99,"drinks":["lies"],"total":0,"isOpen":false}"#.utf8)))
        var loaded = try await tabs.load(TabKey(1))
        #expect(loaded.snapshotVersion == nil && loaded.state.table == 1 && loaded.state.drinks == ["wine"])
        // The running stamp, but a state that does not decode.
        try await snapshots.saveSnapshot(Snapshot(source: tab(1), version: 2, stamp: TabState.snapshotStamp, state: Data(#"{"table":"x"}"#.utf8)))
        loaded = try await tabs.load(TabKey(1))
        #expect(loaded.snapshotVersion == nil && loaded.state.drinks == ["wine"])
        // A snapshot of the old revision is not the new revision's.
        try await tabs.saveSnapshot(loaded, of: TabKey(1))
        #expect(try await tabs.load(TabKey(1)).snapshotVersion == 2)
        let revised = try await EventSourcedRepository<RevisedTab>(store: store, registry: registry).load(TabKey(1))
        #expect(revised.snapshotVersion == nil)
    }

    @Test func withSnapshotEveryTheRepositorySavesThemAsItLoads() async throws {
        let store = InMemoryEventStore()
        let tabs = EventSourcedRepository<TabState>(store: store, registry: registry, options: .init(snapshotEvery: 3))
        _ = try await store.append([registry.pending(TabOpened(table: 2, waiter: "cy")), order(["tea"])], to: tab(2), expectedVersion: .noEvents)
        #expect(try await tabs.load(TabKey(2)).snapshotVersion == nil)
        #expect(await store.loadSnapshot(tab(2)) == nil)
        _ = try await store.append([order(["tea"]), order(["tea"])], to: tab(2), expectedVersion: .exactly(2))
        let loaded = try await tabs.load(TabKey(2))
        #expect(loaded.version == 4 && loaded.snapshotVersion == 4)
        #expect(await store.loadSnapshot(tab(2))?.version == 4)
        _ = try await store.append([order(["rum"])], to: tab(2), expectedVersion: .exactly(4))
        let next = try await tabs.load(TabKey(2))
        #expect(next.snapshotVersion == 4 && next.version == 5 && next.state.drinks == ["tea", "tea", "tea", "rum"])
    }

    @Test func aStoreWithoutSnapshotsLoadsFromEveryEventAndRefusesToSave() async throws {
        struct Plain: EventStore {
            let inner = InMemoryEventStore()
            func append(_ events: [PendingEvent], to source: EventSource, expectedVersion: ExpectedVersion, condition: AppendCondition?) async throws -> [EventEnvelope] {
                try await inner.append(events, to: source, expectedVersion: expectedVersion, condition: condition)
            }
            func read(_ source: EventSource, fromVersion: Int) async throws -> [EventEnvelope] { await inner.read(source, fromVersion: fromVersion) }
            func readAll(after position: Int64?, limit: Int?) async throws -> [EventEnvelope] { await inner.readAll(after: position, limit: limit) }
            func replay(_ selector: ReplaySelector) async throws -> [EventEnvelope] { await inner.replay(selector) }
            func filter(_ selector: FilterSelector) async throws -> [EventEnvelope] { try await inner.filter(selector) }
            func subscribe(after position: Int64?) -> EventSubscription { inner.subscribe(after: position) }
        }
        let store = Plain()
        let tabs = EventSourcedRepository<TabState>(store: store, registry: registry)
        _ = try await store.append([registry.pending(TabOpened(table: 3, waiter: "di"))], to: tab(3), expectedVersion: .noEvents)
        let loaded = try await tabs.load(TabKey(3))
        #expect(loaded.state.table == 3)
        await #expect(throws: SnapshotError.self) { try await tabs.saveSnapshot(loaded, of: TabKey(3)) }
    }
}

@Suite("Snapshot stamps: the state's shape")
struct StateShapeTests {
    struct A: Codable { var name: String; var count: Int }
    struct Reordered: Codable { var count: Int; var name: String }
    struct Added: Codable { var name: String; var count: Int; var extra: Bool }
    struct Renamed: Codable { var title: String; var count: Int }
    struct Retyped: Codable { var name: String; var count: Double }
    struct MadeOptional: Codable { var name: String?; var count: Int }

    enum Level: String, Codable, CaseIterable { case low, high }
    enum MoreLevels: String, Codable, CaseIterable { case low, high, extreme }
    struct Money: Codable { var amount: Decimal; var currency: String }
    struct Rich: Codable {
        var menu: [String: Money]
        var levels: [Level]
        var opened: Date?
        var id: UUID
        var nested: [[Int]]
    }
    struct RichMoreLevels: Codable {
        var menu: [String: Money]
        var levels: [MoreLevels]
        var opened: Date?
        var id: UUID
        var nested: [[Int]]
    }
    final class Tree: Codable { var children: [Tree] = []; var parent: Tree?; var value = 0 }

    @Test func aChangeOfAFieldChangesTheStampAndItsOrderDoesNot() {
        let a = StateShape.fingerprint(of: A.self)
        #expect(a == StateShape.fingerprint(of: A.self))
        #expect(a == StateShape.fingerprint(of: Reordered.self))
        let others = [StateShape.description(of: Added.self), StateShape.description(of: Renamed.self), StateShape.description(of: Retyped.self), StateShape.description(of: MadeOptional.self)]
        for other in others {
            #expect(other != StateShape.description(of: A.self), "\(other)")
        }
        #expect(Set(others.map { _ in a }).count == 1)
        #expect(Set([StateShape.fingerprint(of: Added.self), StateShape.fingerprint(of: Renamed.self), StateShape.fingerprint(of: Retyped.self), StateShape.fingerprint(of: MadeOptional.self), a]).count == 5)
    }

    @Test func nestedTypesDictionariesArraysAndCasesAreInTheShape() {
        let shape = StateShape.description(of: Rich.self)
        #expect(shape.contains("menu.*.amount: Decimal") && shape.contains("menu.*.currency: String"), "\(shape)")
        #expect(shape.contains("levels.[]: Level[low,high]") && shape.contains("opened?: Date") && shape.contains("id: UUID") && shape.contains("nested.[].[]: Int"), "\(shape)")
        #expect(StateShape.fingerprint(of: Rich.self) != StateShape.fingerprint(of: RichMoreLevels.self))
    }

    @Test func aRecursiveTypeHasAShapeAndDoesNotHang() {
        let shape = StateShape.description(of: Tree.self)
        #expect(shape.contains("value: Int") && shape.contains("children.[].value: Int"), "\(shape)")
    }
}
