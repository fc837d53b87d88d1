import Factum
import Foundation
import Testing

@Suite("Event registry")
struct RegistryTests {
    func envelope(_ pending: PendingEvent, source: EventSource = EventSource(entity: "Tab", id: "7"), generation: Int? = nil, payload: Data? = nil) -> EventEnvelope {
        EventEnvelope(
            eventID: pending.eventID, position: 1, source: source, version: 1,
            eventType: EventType(id: pending.eventType.id, generation: generation ?? pending.eventType.generation),
            eventName: pending.eventName, visibility: pending.visibility, timestamp: pending.timestamp,
            metadata: pending.metadata, payload: payload ?? pending.payload
        )
    }

    @Test func encodesAndDecodesTheCurrentGeneration() throws {
        let event = DrinksOrdered(drinks: ["tea"], amount: 2.5, currency: "GBP")
        let pending = try registry.pending(event, metadata: EventMetadata(correlationID: "c1", actor: "till-2"))
        #expect(pending.eventType == DrinksOrdered.eventType)
        #expect(pending.entity == "Tab")
        #expect(String(decoding: pending.payload, as: UTF8.self) == #"{"amount":2.5,"currency":"GBP","drinks":["tea"]}"#)
        let decoded = try registry.decode(envelope(pending))
        #expect(decoded as? DrinksOrdered == event)
    }

    @Test func upcastsAnOlderGeneration() throws {
        let pending = try registry.pending(DrinksOrdered(drinks: [], amount: 0, currency: ""))
        let old = Data(#"{"drinks":["coffee"],"price":3}"#.utf8)
        let decoded = try registry.decode(envelope(pending, generation: 1, payload: old))
        #expect(decoded as? DrinksOrdered == DrinksOrdered(drinks: ["coffee"], amount: 3, currency: "EUR"))
    }

    @Test func rejectsUnknownIdsGenerationsAndEntities() throws {
        let pending = try registry.pending(TabOpened(table: 1, waiter: "Ann"))
        var unknown = envelope(pending)
        unknown.eventType = EventType(id: UUID(uuidString: "99999999-9999-4999-8999-999999999999")!, generation: 1)
        #expect(throws: RegistryError.unknownEventType(unknown.eventType.id, eventName: "TabOpened")) { try registry.decode(unknown) }
        #expect(throws: RegistryError.unknownGeneration(eventName: "TabOpened", eventType: TabOpened.eventType.id, generation: 3, known: [1])) {
            try registry.decode(envelope(pending, generation: 3))
        }
        #expect(throws: RegistryError.notRegisteredForEntity(eventName: "TabOpened", entity: "Kitchen", registeredFor: "Tab")) {
            try registry.decode(envelope(pending, source: EventSource(entity: "Kitchen", id: "k")))
        }
        let kitchen = try registry.pending(KitchenOpened(chef: "Ana"))
        #expect(throws: RegistryError.notRegisteredForEntity(eventName: "KitchenOpened", entity: "Tab", registeredFor: "Kitchen")) {
            try registry.decode(envelope(kitchen, source: EventSource(entity: "Kitchen", id: "k")), as: TabEvent.self)
        }
    }

    @Test func refusesToEncodeAnUnregisteredEvent() throws {
        let small = try EventRegistry([EventRegistration(TabOpened.self)])
        #expect(throws: RegistryError.unregisteredEvent(eventName: "TabClosed", eventType: TabClosed.eventType.id)) {
            try small.pending(TabClosed(closedAt: Date()))
        }
        #expect(throws: RegistryError.self) { try EventRegistry([EventRegistration(TabOpened.self), EventRegistration(TabOpenedTwin.self)]) }
    }

    @Test func refusesToEncodeARetiredEvent() throws {
        let registry = try EventRegistry([EventRegistration(TabRenamed.self)])
        #expect(throws: RegistryError.retiredEvent(eventName: "TabRenamed")) { try registry.pending(TabRenamed(name: "x")) }
    }

    @Test func datesRoundTripWithFractionalSeconds() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.125)
        let pending = try registry.pending(TabClosed(closedAt: date))
        #expect(String(decoding: pending.payload, as: UTF8.self) == #"{"closedAt":"2023-11-14T22:13:20.125Z"}"#)
        let decoded = try registry.decode(envelope(pending)) as? TabClosed
        #expect(abs((decoded?.closedAt.timeIntervalSince1970 ?? 0) - date.timeIntervalSince1970) < 0.001)
    }

    @Test func errorsSayWhich() {
        let error = RegistryError.unknownGeneration(eventName: "TabOpened", eventType: TabOpened.eventType.id, generation: 3, known: [1, 2])
        #expect(error.description == "event 'TabOpened' (11111111-1111-4111-8111-111111111111) has no generation 3; known generations: 1, 2")
    }
}

struct TabOpenedTwin: DomainEvent {
    static let eventType = TabOpened.eventType
    static let visibility = EventVisibility.public
    static let entityName = "Tab"
    static let eventName = "TabOpenedTwin"
}

struct TabRenamed: DomainEvent {
    static let eventType = EventType(id: UUID(uuidString: "55555555-5555-4555-8555-555555555555")!, generation: 1)
    static let visibility = EventVisibility.private
    static let entityName = "Tab"
    static let eventName = "TabRenamed"
    static let isRetired = true
    var name: String
}

@Suite("Event ids")
struct EventIDTests {
    @Test func newEventIDsAreRandomVersion4UUIDs() throws {
        var seen = Set<UUID>()
        for _ in 0..<10_000 {
            let id = PendingEvent.newEventID()
            let text = id.uuidString.lowercased()
            #expect(Array(text)[14] == "4", "version 4: \(text)")
            #expect("89ab".contains(Array(text)[19]), "RFC 9562 variant: \(text)")
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
        let pending = try registry.pending(DrinksOrdered(drinks: [], amount: 0, currency: ""))
        #expect(Array(pending.eventID.uuidString)[14] == "4")
    }
}
