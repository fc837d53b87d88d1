import FactumYAML

extension Rule {
    public static let eventNameSuffix = Rule(
        id: "event-name-suffix",
        severity: .warning,
        category: .naming,
        summary: "An event name ends in a redundant `Event` (`OrderPlacedEvent`).",
        rationale: "Everything declared under `events` is an event; the suffix adds length and no meaning, and generated names such as the entity's event enum already say it.",
        triggering: [namingExample(event: "OrderPlacedEvent")],
        passing: [namingExample(event: "OrderPlaced"), namingExample(event: "EventScheduled")]
    )
}

extension NamingLint {
    /// `proposal` is the past-tense rule's, when the name is not a fact: the one name both
    /// findings propose (`BookBorrowEvent` → `BookBorrowed`).
    static func eventNameSuffix(_ event: WrittenEvent, proposal: String?, in path: String, into sink: inout FindingSink) {
        guard let shorter = eventSuffixRemoved(event.name) else { return }
        sink.report(.eventNameSuffix, in: path, at: event.mark, "event name '\(event.name)' ends in a redundant 'Event'; name it '\(proposal ?? shorter)'")
    }
}

/// The name without a trailing `Event`, when it has one and something before it.
func eventSuffixRemoved(_ name: String) -> String? {
    guard name.hasSuffix("Event"), name.count > "Event".count else { return nil }
    return String(name.dropLast("Event".count))
}
