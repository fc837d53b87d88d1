import FactumYAML

extension Rule {
    public static let eventEntityCRUD = Rule(
        id: "event-entity-crud",
        severity: .warning,
        category: .naming,
        summary: "An event is its own entity's name and a storage verb (`OrderCreated`, `OrderUpdated`, `OrderDeleted`): it says a record changed, not what happened.",
        rationale: "An entity's life is a story of facts its consumers act on (an order is placed, paid, shipped, cancelled); `OrderUpdated` makes every consumer diff the payload to learn which. Name the fact, or, for a domain that really is a record store, turn the rule off (`event-entity-crud: off` under `rules:` in factum-config.yaml).",
        triggering: [namingExample(event: "OrderCreated"), namingExample(event: "OrderUpdated"), namingExample(event: "OrderDeleted")],
        passing: [namingExample(event: "OrderPlaced"), namingExample(event: "OrderCancelled"), namingExample(event: "ShippingAddressChanged")]
    )
}

extension NamingLint {
    /// The entity's own name, then a CRUD verb, and nothing else.
    static func eventEntityCRUD(_ event: WrittenEvent, entity: String, words: [String], in path: String, into sink: inout FindingSink) {
        guard let verb = words.last, storageVerbs.contains(verb), words.dropLast().joined() == entity else { return }
        sink.report(.eventEntityCRUD, in: path, at: event.mark, "event name '\(event.name)' says only that a '\(entity)' was \(verb.lowercased()), as a record would; name what happened to it in the domain, as in 'OrderPlaced' or 'OrderCancelled'")
    }
}

/// The verbs of storage alone; `Removed` is left out (a sensor removed from a site is a fact).
private let storageVerbs: Set<String> = ["Created", "Updated", "Deleted", "Changed", "Modified", "Inserted", "Upserted", "Saved", "Persisted", "Edited"]
