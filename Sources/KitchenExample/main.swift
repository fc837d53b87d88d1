import Factum
import FactumSQLite
import Foundation

// A day in the kitchen, kept in a SQLite ledger: each run is one more day of the same history.
//
//     swift run KitchenExample            the ledger is ./kitchen.sqlite (or $FACTUM_LEDGER)
//     swift run KitchenExample --fresh    deletes the ledger first, to start afresh

let arguments = CommandLine.arguments.dropFirst()
let path = ProcessInfo.processInfo.environment["FACTUM_LEDGER"] ?? FileManager.default.currentDirectoryPath + "/kitchen.sqlite"
if arguments.contains("--fresh") {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    print("started afresh")
}
let registry = try KitchenRegistry.makeRegistry()
let store = try SQLiteEventStore(path: path)
// The repository saves a snapshot of a kitchen when loading it applied 10 events or more.
let kitchens = EventSourcedRepository<Kitchen>(store: store, registry: registry, options: .init(snapshotEvery: 10))
let downtown = KitchenKey("downtown")

var kitchen = try await kitchens.load(downtown)
let day = (try await store.replay(ReplaySelector(entity: "Kitchen", events: ["KitchenOpened"]))).count + 1
print("ledger: \(path) (day \(day); delete it or pass --fresh to start afresh)")

// The kitchen opens: on the first day with its menu, on later days after closing the day before.
// Yesterday's special comes off the menu.
let startOfDay = try await store.lastPosition()
var opening: [KitchenEvent] = [.kitchenOpened(KitchenOpened(openedAt: Date(), chef: day % 2 == 1 ? "Ana" : "Bo"))]
if kitchen.state.menu["Special of day \(day - 1)"] != nil {
    opening.append(.dishRemovedFromMenu(DishRemovedFromMenu(dish: "Special of day \(day - 1)", reason: "yesterday's special")))
}
if kitchen.version == 0 {
    opening += [
        .dishAddedToMenu(DishAddedToMenu(dish: "Tomato soup", price: Money(amount: 6.5, currency: "EUR"), spiciness: .mild)),
        .dishAddedToMenu(DishAddedToMenu(dish: "Chili", price: Money(amount: 9, currency: "EUR"), spiciness: .hot)),
    ]
}
try await kitchens.append(opening, to: downtown, expectedVersion: kitchen.version == 0 ? .noEvents : .exactly(kitchen.version))
kitchen = try await kitchens.load(downtown)

// Orders come in at the registers and the kiosk; the metadata says which.
for (order, (dish, actor)) in [("Chili", "register-1"), ("Tomato soup", "kiosk"), ("Chili", "register-2")].enumerated() {
    try await kitchens.append([.dishPrepared(DishPrepared(dish: dish, orderNumber: order + 1, preparedBy: kitchen.state.chef))],
                              to: downtown, expectedVersion: .exactly(kitchen.version),
                              metadata: EventMetadata(correlationID: "day-\(day)-order-\(order + 1)", actor: actor))
    kitchen = try await kitchens.load(downtown)
}

// Someone else's stale write is refused: the kitchen moved on since they read it.
do {
    try await kitchens.append([.kitchenClosed(KitchenClosed())], to: downtown, expectedVersion: .exactly(kitchen.version - 1))
} catch let error as EventStoreError {
    print("refused: \(error)")
}

// A filter selector on data and meta: every Chili ever prepared at a register.
let chiliAtRegisters = try await store.filter(FilterSelector(
    data: ["DishPrepared": #"$.dish == "Chili""#],
    meta: #"$.actor starts with "register-""#
))
print("Chili prepared at the registers, all days: \(chiliAtRegisters.count)")

// A guarded append: today's special goes on the menu only if no kitchen put a dish of that
// name on a menu since we looked. The second cook, deciding from the same read, is refused.
let special = "Special of day \(day)"
let looked = try await store.readAll(after: nil, limit: nil).last?.position
let sameName = AppendCondition(failIfEventsMatch: .filter(FilterSelector(data: ["DishAddedToMenu": "$.dish == \"\(special)\""])), after: looked)
try await kitchens.append([.dishAddedToMenu(DishAddedToMenu(dish: special, price: Money(amount: 12, currency: "EUR"), spiciness: .medium))],
                          to: downtown, expectedVersion: .any, condition: sameName)
do {
    try await kitchens.append([.dishAddedToMenu(DishAddedToMenu(dish: special, price: Money(amount: 11, currency: "EUR"), spiciness: .hot))],
                              to: KitchenKey("uptown"), expectedVersion: .any, condition: sameName)
} catch EventStoreError.conditionFailed {
    print("refused: uptown's '\(special)' (a kitchen put it on a menu after position \(looked ?? 0))")
}

// An event stored in generation 1 (a bare price) is read as generation 2 (Money).
let old = try registry.decode(EventEnvelope(
    eventID: UUID(), position: 0, source: kitchens.source(downtown), version: 1,
    eventType: EventType(id: DishAddedToMenu.eventType.id, generation: 1), eventName: "DishAddedToMenu",
    visibility: .private, timestamp: Date(), metadata: EventMetadata(), payload: Data(#"{"dish": "Flan", "price": 4}"#.utf8)
))
if let dish = old as? DishAddedToMenu {
    print("generation 1 payload read as: \(dish.dish), \(dish.price.amount) \(dish.price.currency)")
}

kitchen = try await kitchens.load(downtown)
try await kitchens.append([.kitchenClosed(KitchenClosed())], to: downtown, expectedVersion: .exactly(kitchen.version))
kitchen = try await kitchens.load(downtown)
print("kitchen \(downtown) at version \(kitchen.version)\(kitchen.snapshotVersion.map { ", loaded from its snapshot at version \($0)" } ?? ""): \(kitchen.state.isOpen ? "open" : "closed"), chef \(kitchen.state.chef ?? "-")")
for (dish, price) in kitchen.state.menu.sorted(by: { $0.key < $1.key }) {
    print("  on the menu: \(dish), \(price.amount) \(price.currency)")
}
print("  dishes prepared, all days: \(kitchen.state.dishesPrepared)")
let log = try await store.readAll(after: nil, limit: nil)
print("  the ledger holds \(log.count) events; today's:")
for envelope in log where envelope.position > startOfDay {
    print("  #\(envelope.position) v\(envelope.version) \(envelope.eventName) (\(envelope.eventType))\(envelope.metadata.actor.map { " by \($0)" } ?? "")")
}

// The menu board, a read model in the ledger's file kept by the projection DishesOnMenu: the
// runner applies what happened since its checkpoint, and commits the board's rows with it.
try await MenuBoard.createTable(in: store)
let board = ProjectionRunner(MenuBoard(), on: store.projections, registry: registry)
let progress = try await board.catchUp()
print("menu board (\(progress)):")
for row in try await MenuBoard.rows(in: store) {
    print("  \(row.kitchen): \(row.dish), \(row.price) \(row.currency), prepared \(row.prepared)×")
}
