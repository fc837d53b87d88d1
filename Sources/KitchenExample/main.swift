import Factum
import Foundation

// A day in the kitchen: events appended to the in-memory store, the aggregate replayed from
// them, and an event stored years ago in generation 1 read as today's generation 2.

let registry = try KitchenRegistry.makeRegistry()
let store = InMemoryEventStore()
let kitchens = EventSourcedRepository<Kitchen>(store: store, registry: registry)
let downtown = KitchenKey("downtown")

try await kitchens.append([
    .kitchenOpened(KitchenOpened(openedAt: Date(), chef: "Ana")),
    .dishAddedToMenu(DishAddedToMenu(dish: "Tomato soup", price: Money(amount: 6.5, currency: "EUR"), spiciness: .mild)),
    .dishAddedToMenu(DishAddedToMenu(dish: "Chili", price: Money(amount: 9, currency: "EUR"), spiciness: .hot)),
], to: downtown, expectedVersion: .noEvents)

var kitchen = try await kitchens.load(downtown)
try await kitchens.append([
    .dishPrepared(DishPrepared(dish: "Chili", orderNumber: 1, preparedBy: "Ana")),
    .dishPrepared(DishPrepared(dish: "Tomato soup", orderNumber: 2)),
], to: downtown, expectedVersion: .exactly(kitchen.version))

// Someone else's stale write is refused: the kitchen moved on since version 3.
do {
    try await kitchens.append([.kitchenClosed(KitchenClosed())], to: downtown, expectedVersion: .exactly(kitchen.version))
} catch let error as EventStoreError {
    print("refused: \(error)")
}

// An event stored at generation 1 (a bare price) is read as generation 2 (Money).
let old = try registry.decode(EventEnvelope(
    eventID: UUID(), position: 0, source: kitchens.source(downtown), version: 1,
    eventType: EventType(id: DishAddedToMenu.eventType.id, generation: 1), eventName: "DishAddedToMenu",
    visibility: .private, timestamp: Date(), metadata: EventMetadata(), payload: Data(#"{"dish": "Flan", "price": 4}"#.utf8)
))
if let dish = old as? DishAddedToMenu {
    print("generation 1 payload read as: \(dish.dish), \(dish.price.amount) \(dish.price.currency)")
}

kitchen = try await kitchens.load(downtown)
print("kitchen \(downtown) at version \(kitchen.version): \(kitchen.state.isOpen ? "open" : "closed"), chef \(kitchen.state.chef ?? "-")")
for (dish, price) in kitchen.state.menu.sorted(by: { $0.key < $1.key }) {
    print("  on the menu: \(dish), \(price.amount) \(price.currency)")
}
print("  dishes prepared: \(kitchen.state.dishesPrepared)")
for envelope in await store.readAll(after: nil, limit: nil) {
    print("  #\(envelope.position) v\(envelope.version) \(envelope.eventName) (\(envelope.eventType))")
}
