import Foundation

// What a user writes when a step between generations cannot be derived: the Kitchen schema
// changes DishAddedToMenu's price from Decimal (generation 1) to Money (generation 2), and the
// generated code does not compile until this function exists.
extension DishAddedToMenu {
    nonisolated static func upcast(fromGeneration1 old: Generation1) -> DishAddedToMenu {
        DishAddedToMenu(dish: old.dish, price: Money(amount: old.price, currency: "EUR"))
    }
}
