import Factum
import Foundation

// Events written by hand in the shape the generator produces, so that the runtime is tested
// on its own.

struct TabOpened: DomainEvent {
    static let eventType = EventType(id: UUID(uuidString: "11111111-1111-4111-8111-111111111111")!, generation: 1)
    static let visibility = EventVisibility.public
    static let entityName = "Tab"
    static let eventName = "TabOpened"
    var table: Int
    var waiter: String
}

/// At generation 2: `amount` was `price` (a Double) in generation 1, and `currency` is new.
struct DrinksOrdered: DomainEvent {
    static let eventType = EventType(id: UUID(uuidString: "22222222-2222-4222-8222-222222222222")!, generation: 2)
    static let visibility = EventVisibility.private
    static let entityName = "Tab"
    static let eventName = "DrinksOrdered"
    static let storedGenerations = [1, 2]
    var drinks: [String]
    var amount: Double
    var currency: String

    struct Generation1: Decodable, Sendable {
        var drinks: [String]
        var price: Double
    }

    static func decode(generation: Int, from payload: Data, using decoder: JSONDecoder) throws -> DrinksOrdered {
        switch generation {
        case 1:
            let old = try decoder.decode(Generation1.self, from: payload)
            return DrinksOrdered(drinks: old.drinks, amount: old.price, currency: "EUR")
        case 2:
            return try decoder.decode(DrinksOrdered.self, from: payload)
        default:
            throw RegistryError.unknownGeneration(eventName: eventName, eventType: eventType.id, generation: generation, known: storedGenerations)
        }
    }
}

struct TabClosed: DomainEvent {
    static let eventType = EventType(id: UUID(uuidString: "33333333-3333-4333-8333-333333333333")!, generation: 1)
    static let visibility = EventVisibility.private
    static let entityName = "Tab"
    static let eventName = "TabClosed"
    var closedAt: Date
}

struct KitchenOpened: DomainEvent {
    static let eventType = EventType(id: UUID(uuidString: "44444444-4444-4444-8444-444444444444")!, generation: 1)
    static let visibility = EventVisibility.public
    static let entityName = "Kitchen"
    static let eventName = "KitchenOpened"
    var chef: String
}

struct TabKey: EntityKey {
    var number: Int
    init(_ number: Int) { self.number = number }
    init?(sourceID: String) {
        guard let number = Int(sourceID) else { return nil }
        self.number = number
    }
    var sourceID: String { String(number) }
}

enum TabEvent: EntityEvent {
    typealias Key = TabKey
    case tabOpened(TabOpened)
    case drinksOrdered(DrinksOrdered)
    case tabClosed(TabClosed)

    static let entityName = "Tab"

    init?(_ event: any DomainEvent) {
        switch event {
        case let event as TabOpened: self = .tabOpened(event)
        case let event as DrinksOrdered: self = .drinksOrdered(event)
        case let event as TabClosed: self = .tabClosed(event)
        default: return nil
        }
    }

    var event: any DomainEvent {
        switch self {
        case .tabOpened(let event): return event
        case .drinksOrdered(let event): return event
        case .tabClosed(let event): return event
        }
    }
}

/// A tab's state; `Codable`, so it is saved as snapshots too (SnapshotTests).
struct TabState: SnapshotAggregate, Equatable {
    var table = 0
    var drinks: [String] = []
    var total = 0.0
    var isOpen = false

    mutating func apply(_ event: TabEvent) {
        switch event {
        case .tabOpened(let opened):
            table = opened.table
            isOpen = true
        case .drinksOrdered(let ordered):
            drinks += ordered.drinks
            total += ordered.amount
        case .tabClosed:
            isOpen = false
        }
    }
}

let registry = try! EventRegistry([
    EventRegistration(TabOpened.self), EventRegistration(DrinksOrdered.self), EventRegistration(TabClosed.self),
    EventRegistration(KitchenOpened.self),
])
