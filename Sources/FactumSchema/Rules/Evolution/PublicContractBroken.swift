extension Rule {
    public static let publicContractBroken = Rule(
        id: "public-contract-broken",
        severity: .error,
        category: .evolution,
        summary: "A new generation of a public event removes, renames or retypes a field of the published one.",
        rationale: "Other services read public events in the shapes they were published in. Storage could upcast such a change, but consumers cannot: a public event may only gain fields.",
        triggeringChanges: [
            Rule.Change(before: orderDomain, after: orderDomain.replacingOccurrences(of: "        visibility: public\n        fields:\n          total: Decimal\n          speed: Speed\n", with: "        visibility: public\n        generation: 2  # <-\n        fields:\n          amount: {type: Decimal, renamedFrom: total}\n          speed: Speed\n        history:\n          1:\n            fields:\n              total: Decimal\n              speed: Speed\n")),
        ],
        passingChanges: [
            Rule.Change(before: orderDomain, after: orderDomain.replacingOccurrences(of: "        visibility: public\n        fields:\n          total: Decimal\n          speed: Speed\n", with: "        visibility: public\n        generation: 2\n        fields:\n          total: Decimal\n          speed: Speed\n          note: String?\n        history:\n          1:\n            fields:\n              total: Decimal\n              speed: Speed\n")),
        ]
    )
}
