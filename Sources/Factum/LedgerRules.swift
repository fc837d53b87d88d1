import Foundation

/// The rules of the ledger's contract that do not depend on what a store holds, in one place:
/// every store checks an append with `checkAppend` before it reads or writes anything, and
/// reads selectors through `answerable`, so that all of them refuse and select alike. A store
/// of your own can use them too.
public enum LedgerRules {
    /// Refuses an append that no store may take, before anything is read or written: an event
    /// of another entity than the source's (`wrongEntity`), an event id twice in the batch
    /// (`duplicateEventID`), and a string that holds the NUL character (`nulCharacter`) in
    /// the source, an event name or the metadata: SQLite's C strings would cut it there, and
    /// PostgreSQL's `text` cannot hold it, so every store refuses it alike.
    public static func checkAppend(_ events: [PendingEvent], to source: EventSource) throws(EventStoreError) {
        if holdsNUL(source.entity) { throw .nulCharacter(field: "entity", source: source) }
        if holdsNUL(source.id) { throw .nulCharacter(field: "source id", source: source) }
        var seen = Set<UUID>()
        seen.reserveCapacity(events.count)
        for event in events {
            guard event.entity == source.entity else {
                throw .wrongEntity(eventName: event.eventName, entity: event.entity, source: source)
            }
            guard seen.insert(event.eventID).inserted else { throw .duplicateEventID(event.eventID, source: source) }
            if holdsNUL(event.eventName) { throw .nulCharacter(field: "event name", source: source) }
            let metadata = event.metadata
            for (field, value) in [("correlation id", metadata.correlationID), ("causation id", metadata.causationID), ("actor", metadata.actor)] {
                if let value, holdsNUL(value) { throw .nulCharacter(field: field, source: source) }
            }
            for (key, value) in metadata.values where holdsNUL(key) || holdsNUL(value) {
                throw .nulCharacter(field: "metadata value '\(visible(key))'", source: source)
            }
        }
    }

    /// Whether a string holds the NUL character, which no stored string can.
    public static func holdsNUL(_ text: String) -> Bool {
        text.utf8.contains(0)
    }

    /// The text with each NUL character shown as `\0`, for messages.
    static func visible(_ text: String) -> String {
        holdsNUL(text) ? text.replacingOccurrences(of: "\u{0}", with: "\\0") : text
    }

    /// The replay selector with the strings no stored event can hold (those with a NUL
    /// character) left out; nil when it can select nothing.
    public static func answerable(_ selector: ReplaySelector) -> ReplaySelector? {
        guard !holdsNUL(selector.entity) else { return nil }
        var result = selector
        if let keys = selector.keys {
            result.keys = keys.filter { !holdsNUL($0) }
            if result.keys?.isEmpty == true { return nil }
        }
        if let events = selector.events {
            result.events = events.filter { !holdsNUL($0) }
            if result.events?.isEmpty == true { return nil }
        }
        return result
    }

    /// The filter with the event names no stored event can have (those with a NUL character)
    /// left out; nil when it can select nothing (every name it names was left out).
    public static func answerable(_ filter: CompiledFilter) -> CompiledFilter? {
        guard filter.data.keys.contains(where: holdsNUL) else { return filter }
        let data = filter.data.filter { !holdsNUL($0.key) }
        guard !data.isEmpty else { return nil }
        var selector = filter.selector
        selector.data = selector.data.filter { !holdsNUL($0.key) }
        return CompiledFilter(selector: selector, data: data, meta: filter.meta)
    }
}
