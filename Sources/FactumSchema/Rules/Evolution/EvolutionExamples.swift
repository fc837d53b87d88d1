import Foundation

/// The order domain the evolution examples change: a published event with two generations, an
/// enum, and a public event.
let orderDomain = """
    domain: Shop
    types:
      Speed:
        cases: [standard, express]
    entities:
      Order:
        events:
          OrderPlaced:
            id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            visibility: public
            fields:
              total: Decimal
              speed: Speed
          OrderShipped:
            id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
            generation: 2
            fields:
              carrier: String
              weight: Double
            history:
              1:
                fields:
                  carrier: String
    """

/// `orderDomain` with `replace` replaced by `with`.
func changedOrderDomain(_ replace: String, _ with: String) -> Rule.Change {
    return Rule.Change(before: orderDomain, after: orderDomain.replacingOccurrences(of: replace, with: with))
}
