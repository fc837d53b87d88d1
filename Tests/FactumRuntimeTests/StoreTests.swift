import Factum
import Foundation
import Testing

@Suite("In-memory event store and replay")
struct StoreTests {
    let tab = EventSource(entity: "Tab", id: "7")

    func pending(_ event: some DomainEvent, id: UUID = UUID()) throws -> PendingEvent {
        try registry.pending(event, eventID: id)
    }

    @Test func appendsWithVersionsAndPositions() async throws {
        let store = InMemoryEventStore()
        let first = try await store.append([try pending(TabOpened(table: 4, waiter: "Bo"))], to: tab, expectedVersion: .noEvents)
        let other = EventSource(entity: "Tab", id: "8")
        _ = try await store.append([try pending(TabOpened(table: 5, waiter: "Cy"))], to: other, expectedVersion: .noEvents)
        let second = try await store.append([try pending(DrinksOrdered(drinks: ["tea"], amount: 2, currency: "EUR")), try pending(TabClosed(closedAt: Date()))], to: tab, expectedVersion: .exactly(1))
        #expect(first.map(\.version) == [1])
        #expect(second.map(\.version) == [2, 3])
        #expect(second.map(\.position) == [3, 4])
        #expect(await store.read(tab, fromVersion: 1).map(\.version) == [1, 2, 3])
        #expect(await store.read(tab, fromVersion: 3).map(\.eventName) == ["TabClosed"])
        #expect(await store.readAll(after: nil, limit: nil).map(\.position) == [1, 2, 3, 4])
        #expect(await store.readAll(after: 2, limit: 1).map(\.position) == [3])
    }

    @Test func aStaleExpectedVersionIsAConcurrencyError() async throws {
        let store = InMemoryEventStore()
        _ = try await store.append([try pending(TabOpened(table: 1, waiter: "A"))], to: tab, expectedVersion: .noEvents)
        await #expect(throws: EventStoreError.wrongExpectedVersion(source: tab, expected: .noEvents, actual: 1)) {
            try await store.append([try pending(TabOpened(table: 1, waiter: "A"))], to: tab, expectedVersion: .noEvents)
        }
        await #expect(throws: EventStoreError.wrongExpectedVersion(source: tab, expected: .exactly(0), actual: 1)) {
            try await store.append([try pending(TabClosed(closedAt: Date()))], to: tab, expectedVersion: .exactly(0))
        }
        let appended = try await store.append([try pending(TabClosed(closedAt: Date()))], to: tab, expectedVersion: .any)
        #expect(appended.first?.version == 2)
        let message = EventStoreError.wrongExpectedVersion(source: tab, expected: .exactly(0), actual: 1).description
        #expect(message == "Tab '7' is at version 1, but the append expected no events yet: it changed since it was read; reload it and decide again")
    }

    @Test func aRetriedAppendIsRecognisedNotStoredTwice() async throws {
        let store = InMemoryEventStore()
        let events = [try pending(TabOpened(table: 1, waiter: "A")), try pending(TabClosed(closedAt: Date()))]
        let first = try await store.append(events, to: tab, expectedVersion: .noEvents)
        let retry = try await store.append(events, to: tab, expectedVersion: .noEvents)
        #expect(first == retry)
        #expect(await store.readAll(after: nil, limit: nil).count == 2)
        var changed = events[0]
        changed.payload = Data("{}".utf8)
        await #expect(throws: EventStoreError.duplicateEventID(changed.eventID, source: tab)) {
            try await store.append([changed], to: tab, expectedVersion: .any)
        }
    }

    @Test func anEventOfAnotherEntityIsRefused() async throws {
        let store = InMemoryEventStore()
        await #expect(throws: EventStoreError.wrongEntity(eventName: "KitchenOpened", entity: "Kitchen", source: tab)) {
            try await store.append([try pending(KitchenOpened(chef: "Ana"))], to: tab, expectedVersion: .any)
        }
    }

    @Test func replaySelectorsFilterAndPage() async throws {
        let store = InMemoryEventStore()
        for number in 1...4 {
            let source = EventSource(entity: "Tab", id: String(number))
            _ = try await store.append([try pending(TabOpened(table: number, waiter: "W")), try pending(TabClosed(closedAt: Date()))], to: source, expectedVersion: .noEvents)
        }
        _ = try await store.append([try pending(KitchenOpened(chef: "Ana"))], to: EventSource(entity: "Kitchen", id: "main"), expectedVersion: .noEvents)
        #expect(await store.replay(ReplaySelector(entity: "Tab")).count == 8)
        #expect(await store.replay(ReplaySelector(entity: "Tab", keys: ["2", "3"])).map(\.source.id) == ["2", "2", "3", "3"])
        #expect(await store.replay(ReplaySelector(entity: "Tab", events: ["TabClosed"])).map(\.source.id) == ["1", "2", "3", "4"])
        let page1 = await store.replay(ReplaySelector(entity: "Tab", limit: 3))
        let page2 = await store.replay(ReplaySelector(entity: "Tab", after: page1.last?.position, limit: 3))
        #expect(page1.map(\.position) == [1, 2, 3])
        #expect(page2.map(\.position) == [4, 5, 6])
        #expect(await store.replay(ReplaySelector(entity: "Kitchen")).map(\.eventName) == ["KitchenOpened"])
    }

    @Test func anAggregateReplaysWithItsVersion() async throws {
        let store = InMemoryEventStore()
        let repository = EventSourcedRepository<TabState>(store: store, registry: registry)
        let key = TabKey(7)
        try await repository.append([.tabOpened(TabOpened(table: 7, waiter: "Di"))], to: key, expectedVersion: .noEvents)
        var tab = try await repository.load(key)
        #expect(tab.version == 1)
        #expect(tab.state.isOpen)
        try await repository.append([.drinksOrdered(DrinksOrdered(drinks: ["tea", "cake"], amount: 6, currency: "EUR"))], to: key, expectedVersion: .exactly(tab.version))
        await #expect(throws: EventStoreError.self) {
            try await repository.append([.tabClosed(TabClosed(closedAt: Date()))], to: key, expectedVersion: .exactly(tab.version))
        }
        tab = try await repository.load(key)
        #expect(tab.version == 2)
        #expect(tab.state.drinks == ["tea", "cake"])
        #expect(tab.state.total == 6)
    }

    @Test func replayRefusesVersionGaps() throws {
        let pending = try registry.pending(TabOpened(table: 1, waiter: "A"))
        let envelope = EventEnvelope(eventID: pending.eventID, position: 1, source: tab, version: 2, eventType: pending.eventType, eventName: pending.eventName, visibility: pending.visibility, timestamp: pending.timestamp, metadata: pending.metadata, payload: pending.payload)
        #expect(throws: RebuildError.versionGap(source: tab, expected: 1, found: 2)) { try TabState.rebuilt(from: [envelope], registry: registry) }
        #expect(RebuildError.versionGap(source: tab, expected: 1, found: 2).description.contains("jump from version 0 to 2"))
    }

    @Test func rebuildingRefusesARepeatedVersion() async throws {
        let store = InMemoryEventStore()
        _ = try await store.append([try registry.pending(TabOpened(table: 1, waiter: "A"))], to: tab, expectedVersion: .noEvents)
        let envelopes = await store.read(tab, fromVersion: 1)
        let error = #expect(throws: RebuildError.self) { try TabState.rebuilt(from: envelopes + envelopes, registry: registry) }
        #expect(error == .versionGap(source: tab, expected: 2, found: 1))
        #expect(error?.description.contains("go back from version 1 to 1") == true)
    }
}
