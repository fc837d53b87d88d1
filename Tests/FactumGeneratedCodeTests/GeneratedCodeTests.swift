import Factum
import Foundation
import Testing

// Exercises the golden files (Generated/) as a user's code would, in a target with Swift 6,
// default MainActor isolation, internal imports by default and warnings as errors.

nonisolated struct Kitchen: KitchenAggregate {
    var isOpen = false
    var menu: [String: Money] = [:]
    var prepared = 0

    init() {}

    mutating func apply(_ event: KitchenOpened) { isOpen = true }
    mutating func apply(_ event: DishAddedToMenu) { menu[event.dish] = event.price }
    mutating func apply(_ event: DishPrepared) { prepared += 1 }
    mutating func apply(_ event: DishRemovedFromMenu) { menu[event.dish] = nil }
    mutating func apply(_ event: KitchenClosed) { isOpen = false }
}

@Suite("Generated code")
struct GeneratedCodeTests {
    @Test func eventsCarryTheirTypeFromTheSchema() {
        #expect(KitchenOpened.eventType.id == UUID(uuidString: "5b3f1c2e-8a7d-4e4b-9d1a-2f6c7e8b9a01"))
        #expect(KitchenOpened.eventType.generation == 1)
        #expect(KitchenOpened.visibility == .public)
        #expect(KitchenOpened.entityName == "Kitchen")
        #expect(KitchenOpened.eventName == "KitchenOpened")
        #expect(DishAddedToMenu.eventType.generation == 2)
        #expect(DishAddedToMenu.storedGenerations == [1, 2])
    }

    @Test func initializersDefaultWhatTheSchemaDefaults() {
        let dish = DishAddedToMenu(dish: "soup", price: Money(amount: 4, currency: "EUR"))
        #expect(dish.spiciness == .mild)
        #expect(dish.allergens.isEmpty)
        let sensor = SensorInstalled(self: "s-1")
        #expect(sensor.`self` == "s-1")
        #expect(sensor.`default` == -5)
        #expect(sensor.`class` == .`default`)
        #expect(sensor.`protocol` == ["a": 1, "b\"c": 2])
        #expect(sensor.label == "\");\nfatalError(\"injected")
        #expect(sensor.tags == ["a", "b\\"])
        #expect(sensor.amount == Decimal(string: "-19.99", locale: Locale(identifier: "en_US_POSIX")))
        #expect(sensor.at == ISO8601DateFormatter().date(from: "2024-05-01T12:00:00Z"))
        #expect(sensor.ref == UUID(uuidString: "0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f"))
        #expect(sensor.home.absoluteString == "https://example.com/a?b=c")
        #expect(sensor.blob == Data("hello".utf8))
        #expect(sensor.big == UInt64.max)
        #expect(sensor.small == Int8.min)
        #expect(sensor.flag)
    }

    @Test func defaultsAtTheEdgesOfTheirTypes() {
        let limits = LimitsReached()
        #expect(limits.int64Min == Int64.min)
        #expect(limits.intMax == Int.max)
        #expect(limits.doubleMax == Double.greatestFiniteMagnitude)
        #expect(limits.doubleTiny == Double.leastNonzeroMagnitude)
        #expect(limits.floatMax == Float.greatestFiniteMagnitude)
        #expect(limits.decimalWide == Decimal(string: "12345678901234567890123456789012345678", locale: Locale(identifier: "en_US_POSIX")))
        #expect(limits.decimalSmall == Decimal(string: "-0.00000000000000000000000000000000000001", locale: Locale(identifier: "en_US_POSIX")))
        // 1969-12-31T23:59:59.123456789 at -01:30 is 01:29:59.123456789 UTC on 1970-01-01.
        // (Date keeps seconds since 2001 in a Double: a microsecond is its precision here.)
        #expect(abs(limits.preciseAt.timeIntervalSince1970 - 5399.123456789) < 1e-6)
        #expect(limits.lastDay == ISO8601DateFormatter().date(from: "9999-12-31T23:59:59Z"))
        #expect(limits.leapDay == ISO8601DateFormatter().date(from: "2024-02-29T00:00:00Z"))
        #expect(limits.controls == "\u{0}\u{7}\u{1b}\u{7f}\u{2029}")
        #expect(limits.noItems.isEmpty && limits.noEntries.isEmpty)
        // The runtime reads what the generator wrote with the same grammar.
        #expect(ISO8601Timestamp.date(from: "1969-12-31T23:59:59.123456789-01:30") == limits.preciseAt)
    }

    @Test func payloadKeysAreTheFieldNames() throws {
        let registry = try StrictRegistry.makeRegistry()
        let pending = try registry.pending(SensorInstalled(self: "x", point: Point(x: 1)))
        let object = try #require(try JSONSerialization.jsonObject(with: pending.payload) as? [String: Any])
        #expect(Set(object.keys) == ["self", "default", "class", "protocol", "label", "tags", "ratio", "amount", "at", "ref", "home", "blob", "point", "big", "small", "flag"])
        #expect(object["class"] as? String == "default")
    }

    @Test func everyGenerationDecodesIntoTheCurrentOne() throws {
        let registry = try StrictRegistry.makeRegistry()
        let source = EventSource(entity: "Sensor", id: UUID().uuidString.lowercased())
        func envelope(generation: Int, _ json: String) -> EventEnvelope {
            EventEnvelope(eventID: UUID(), position: 1, source: source, version: 1, eventType: EventType(id: ReadingRecorded.eventType.id, generation: generation), eventName: "ReadingRecorded", visibility: .private, timestamp: Date(), metadata: EventMetadata(), payload: Data(json.utf8))
        }
        let first = try registry.decode(envelope(generation: 1, #"{"value": 1.5, "units": "C", "count": 7, "dropped": true}"#)) as? ReadingRecorded
        #expect(first == ReadingRecorded(value: 1.5, unit: "C", count: 7, note: nil, level: .low))
        let second = try registry.decode(envelope(generation: 2, #"{"value": 2.5, "units": "F", "count": 8}"#)) as? ReadingRecorded
        #expect(second == ReadingRecorded(value: 2.5, unit: "F", count: 8))
        let third = try registry.decode(envelope(generation: 3, #"{"value": 3.5, "unit": "K", "count": 9, "note": "n", "level": "self"}"#)) as? ReadingRecorded
        #expect(third == ReadingRecorded(value: 3.5, unit: "K", count: 9, note: "n", level: .`self`))
        #expect(throws: RegistryError.self) { try registry.decode(envelope(generation: 4, "{}")) }
    }

    @Test func aHandWrittenUpcastIsUsedOnRead() throws {
        let registry = try KitchenRegistry.makeRegistry()
        let old = EventEnvelope(eventID: UUID(), position: 1, source: EventSource(entity: "Kitchen", id: "k"), version: 1, eventType: EventType(id: DishAddedToMenu.eventType.id, generation: 1), eventName: "DishAddedToMenu", visibility: .private, timestamp: Date(), metadata: EventMetadata(), payload: Data(#"{"dish": "soup", "price": 4.5}"#.utf8))
        let decoded = try registry.decode(old, as: KitchenEvent.self)
        #expect(decoded.event as? DishAddedToMenu == DishAddedToMenu(dish: "soup", price: Money(amount: 4.5, currency: "EUR")))
    }

    @Test func anAggregateReplaysThroughTheStore() async throws {
        let registry = try EventRegistry(KitchenRegistry.registrations + PatronRegistry.registrations + TournamentRegistry.registrations + StrictRegistry.registrations)
        let repository = EventSourcedRepository<Kitchen>(store: InMemoryEventStore(), registry: registry)
        let key = KitchenKey("downtown")
        try await repository.append([
            .kitchenOpened(KitchenOpened(openedAt: Date(), chef: "Ana")),
            .dishAddedToMenu(DishAddedToMenu(dish: "soup", price: Money(amount: 4, currency: "EUR"))),
            .dishPrepared(DishPrepared(dish: "soup", orderNumber: 1)),
        ], to: key, expectedVersion: .noEvents)
        let kitchen = try await repository.load(key)
        #expect(kitchen.version == 3)
        #expect(kitchen.state.isOpen)
        #expect(kitchen.state.menu["soup"]?.amount == 4)
        #expect(kitchen.state.prepared == 1)
    }

    /// The generated projection protocol, conformed as a user would (in a module whose default
    /// isolation is the main actor): old generations arrive upcast, other events pass it by.
    @Test func aGeneratedProjectionIsRunAndSeesOnlyLatestGenerations() async throws {
        let registry = try KitchenRegistry.makeRegistry()
        let store = InMemoryEventStore()
        let source = EventSource(entity: "Kitchen", id: "downtown")
        let old = PendingEvent(eventType: EventType(id: DishAddedToMenu.eventType.id, generation: 1), eventName: "DishAddedToMenu", entity: "Kitchen", payload: Data(#"{"dish": "soup", "price": 4.5}"#.utf8))
        _ = try await store.append([
            old,
            try registry.pending(KitchenOpened(openedAt: Date(), chef: "Ana")),
            try registry.pending(DishAddedToMenu(dish: "stew", price: Money(amount: 9, currency: "EUR"))),
            try registry.pending(DishRemovedFromMenu(dish: "soup")),
        ], to: source, expectedVersion: .noEvents)
        let menu = Menu()
        let runner = ProjectionRunner(MenuProjection(menu: menu), on: InMemoryProjectionHost(ledger: store), registry: registry)
        let progress = try await runner.catchUp()
        #expect(progress.position == 4 && progress.isCaughtUp)
        #expect(await menu.prices == ["stew": Money(amount: 9, currency: "EUR")])
        #expect(await menu.seen == [1, 3, 4])
        #expect(MenuProjection.projectionName == "DishesOnMenu" && MenuProjection.projectionVersion == 1)
        #expect(MenuProjection.selector.eventTypeIDs == [DishAddedToMenu.eventType.id, DishRemovedFromMenu.eventType.id, DishPrepared.eventType.id])
    }

    @Test func aRetiredEventIsStillReadAndReplayed() throws {
        #expect(MeterReplaced.isRetired)
        #expect(!MeterRead.isRetired)
        let registry = try StrictRegistry.makeRegistry()
        let stored = EventEnvelope(eventID: UUID(), position: 1, source: EventSource(entity: "Meter", id: "7"), version: 1, eventType: MeterReplaced.eventType, eventName: "MeterReplaced", visibility: .private, timestamp: Date(), metadata: EventMetadata(), payload: Data(#"{"serial": "S-1"}"#.utf8))
        let decoded = try registry.decode(stored, as: MeterEvent.self)
        guard case .meterReplaced(let replaced) = decoded else {
            Issue.record("not decoded as MeterReplaced")
            return
        }
        #expect(replaced.serial == "S-1")
    }

    @Test func keysOfEveryType() {
        #expect(KitchenKey(sourceID: "a")?.rawValue == "a")
        let id = UUID()
        #expect(SensorKey(sourceID: id.uuidString)?.rawValue == id)
        #expect(SensorKey(sourceID: "nope") == nil)
        #expect(MeterKey(sourceID: "42")?.sourceID == "42")
        #expect(MeterKey(sourceID: "x") == nil)
    }

    @Test func entityEnumsWrapOnlyTheirOwnEvents() {
        #expect(KitchenEvent(KitchenClosed()) != nil)
        #expect(KitchenEvent(MeterRead(reading: 1)) == nil)
        #expect(MeterEvent(MeterRead(reading: 1))?.event as? MeterRead == MeterRead(reading: 1))
    }
}

actor Menu {
    var prices: [String: Money] = [:]
    var seen: [Int64] = []
    func add(_ dish: String, _ price: Money, at position: Int64) { prices[dish] = price; seen.append(position) }
    func remove(_ dish: String, at position: Int64) { prices[dish] = nil; seen.append(position) }
    func prepared(at position: Int64) { seen.append(position) }
}

nonisolated struct MenuProjection: DishesOnMenuProjection {
    typealias Context = ProjectionDelivery
    let menu: Menu

    func when(_ event: DishAddedToMenu, _ context: ProjectionDelivery) async throws {
        await menu.add(event.dish, event.price, at: context.position)
    }

    func when(_ event: DishRemovedFromMenu, _ context: ProjectionDelivery) async throws {
        await menu.remove(event.dish, at: context.position)
    }

    func when(_ event: DishPrepared, _ context: ProjectionDelivery) async throws {
        await menu.prepared(at: context.position)
    }
}
