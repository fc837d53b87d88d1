import Foundation

/// An event store in memory, for tests and examples: the semantics of a durable store without
/// the durability.
public actor InMemoryEventStore: EventStore {
    private var log: [EventEnvelope] = []
    private var streams: [EventSource: [Int]] = [:]
    private var locations: [UUID: Int] = [:]
    private let clock: @Sendable () -> Date

    public init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    public func append(_ events: [PendingEvent], to source: EventSource, expectedVersion: ExpectedVersion) throws -> [EventEnvelope] {
        let stream = streams[source] ?? []
        if let retry = try storedRetry(of: events, in: source) { return retry }
        let actual = stream.count
        switch expectedVersion {
        case .any: break
        case .noEvents where actual != 0, .exactly(_) where expectedVersion != .exactly(actual):
            throw EventStoreError.wrongExpectedVersion(source: source, expected: expectedVersion, actual: actual)
        default: break
        }
        var seen = Set<UUID>()
        for event in events {
            guard event.entity == source.entity else {
                throw EventStoreError.wrongEntity(eventName: event.eventName, entity: event.entity, source: source)
            }
            guard locations[event.eventID] == nil, seen.insert(event.eventID).inserted else {
                throw EventStoreError.duplicateEventID(event.eventID, source: source)
            }
        }
        var appended: [EventEnvelope] = []
        for (offset, event) in events.enumerated() {
            let envelope = EventEnvelope(
                eventID: event.eventID,
                position: Int64(log.count + 1),
                source: source,
                version: actual + offset + 1,
                eventType: event.eventType,
                eventName: event.eventName,
                visibility: event.visibility,
                timestamp: event.timestamp,
                metadata: event.metadata,
                payload: event.payload
            )
            locations[event.eventID] = log.count
            streams[source, default: []].append(log.count)
            log.append(envelope)
            appended.append(envelope)
        }
        return appended
    }

    /// The stored envelopes when `events` were all appended to `source` before, in this order.
    private func storedRetry(of events: [PendingEvent], in source: EventSource) throws -> [EventEnvelope]? {
        guard let first = events.first, locations[first.eventID] != nil else { return nil }
        var stored: [EventEnvelope] = []
        for event in events {
            guard let index = locations[event.eventID], log[index].source == source, log[index].payload == event.payload,
                  stored.last.map({ $0.version + 1 == log[index].version }) ?? true else {
                throw EventStoreError.duplicateEventID(event.eventID, source: source)
            }
            stored.append(log[index])
        }
        return stored
    }

    public func read(_ source: EventSource, fromVersion: Int = 1) -> [EventEnvelope] {
        let indices = streams[source] ?? []
        let start = max(0, fromVersion - 1)
        guard start < indices.count else { return [] }
        return indices[start...].map { log[$0] }
    }

    public func readAll(after position: Int64? = nil, limit: Int? = nil) -> [EventEnvelope] {
        let start = Int(max(0, position ?? 0))
        guard start < log.count else { return [] }
        let end = limit.map { min(log.count, start + max(0, $0)) } ?? log.count
        return Array(log[start..<end])
    }

    public func replay(_ selector: ReplaySelector) -> [EventEnvelope] {
        let keys = selector.keys.map(Set.init)
        let names = selector.events.map(Set.init)
        let start = Int(max(0, selector.after ?? 0))
        var result: [EventEnvelope] = []
        guard start < log.count else { return [] }
        for envelope in log[start...] {
            if let limit = selector.limit, result.count >= limit { break }
            guard envelope.source.entity == selector.entity else { continue }
            if let keys, !keys.contains(envelope.source.id) { continue }
            if let names, !names.contains(envelope.eventName) { continue }
            result.append(envelope)
        }
        return result
    }
}
