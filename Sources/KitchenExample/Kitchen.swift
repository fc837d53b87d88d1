import Factum

/// The state of one kitchen, rebuilt from its events (started with `factum scaffold`); saved
/// as snapshots, stamped with its shape (docs/projections.md).
nonisolated struct Kitchen: KitchenAggregate, SnapshotAggregate {
    var isOpen = false
    var chef: String?
    var menu: [String: Money] = [:]
    var dishesPrepared = 0

    init() {}

    mutating func apply(_ event: KitchenOpened) {
        isOpen = true
        chef = event.chef
    }

    mutating func apply(_ event: DishAddedToMenu) {
        menu[event.dish] = event.price
    }

    mutating func apply(_ event: DishPrepared) {
        dishesPrepared += 1
    }

    mutating func apply(_ event: DishRemovedFromMenu) {
        menu[event.dish] = nil
    }

    mutating func apply(_ event: KitchenClosed) {
        isOpen = false
    }
}

extension DishAddedToMenu {
    /// Generation 1 priced dishes as a bare amount; the kitchen has always charged in euros.
    nonisolated static func upcast(fromGeneration1 old: Generation1) -> DishAddedToMenu {
        DishAddedToMenu(dish: old.dish, price: Money(amount: old.price, currency: "EUR"))
    }
}
