import Foundation

/// An event store in memory, for tests and examples: the semantics of a durable store without
/// the durability. It is the reference the conformance kit compares other stores with.
public actor InMemoryEventStore: EventStore {
    private var log: [EventEnvelope] = []
    private var streams: [EventSource: [Int]] = [:]
    private var locations: [UUID: Int] = [:]
    private var snapshots: [EventSource: Snapshot] = [:]
    private nonisolated let signal = ChangeSignal()

    public init() {}

    public func append(_ events: [PendingEvent], to source: EventSource, expectedVersion: ExpectedVersion, condition: AppendCondition?) throws -> [EventEnvelope] {
        try LedgerRules.checkAppend(events, to: source)
        let stream = streams[source] ?? []
        if let retry = try storedRetry(of: events, in: source) { return retry }
        let actual = stream.count
        guard expectedVersion.allows(actual) else {
            throw EventStoreError.wrongExpectedVersion(source: source, expected: expectedVersion, actual: actual)
        }
        if let condition, try conflicts(with: condition) { throw EventStoreError.conditionFailed }
        for event in events where locations[event.eventID] != nil {
            throw EventStoreError.duplicateEventID(event.eventID, source: source)
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
        if !appended.isEmpty { signal.signal() }
        return appended
    }

    /// Whether an event the condition selects is stored after its position.
    private func conflicts(with condition: AppendCondition) throws -> Bool {
        let start = Int(max(0, condition.after ?? 0))
        guard start < log.count else { return false }
        switch condition.selector {
        case .replay(let selector):
            return log[start...].contains { selector.matches($0) }
        case .filter(let selector):
            let compiled = try selector.compiled()
            for envelope in log[start...] where try compiled.matches(envelope) { return true }
            return false
        }
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

    public func lastPosition() -> Int64 {
        Int64(log.count)
    }

    public func replay(_ selector: ReplaySelector) -> [EventEnvelope] {
        let start = Int(max(0, selector.after ?? 0))
        var result: [EventEnvelope] = []
        guard start < log.count else { return [] }
        for envelope in log[start...] {
            if let limit = selector.limit, result.count >= max(0, limit) { break }
            if selector.matches(envelope) { result.append(envelope) }
        }
        return result
    }

    public func filter(_ selector: FilterSelector) throws -> [EventEnvelope] {
        let compiled = try selector.compiled()
        let start = Int(max(0, selector.after ?? 0))
        var result: [EventEnvelope] = []
        guard start < log.count else { return [] }
        for envelope in log[start...] {
            if let limit = selector.limit, result.count >= max(0, limit) { break }
            if try compiled.matches(envelope) { result.append(envelope) }
        }
        return result
    }

    public nonisolated func subscribe(after position: Int64?) -> EventSubscription {
        EventSubscription(after: position, signal: signal) { after, limit in
            await self.readAll(after: after, limit: limit)
        }
    }
}

extension InMemoryEventStore: SnapshotStore {
    public func saveSnapshot(_ snapshot: Snapshot) throws {
        let stored = streams[snapshot.source]?.count ?? 0
        guard snapshot.version <= stored, snapshot.version >= 0 else {
            throw SnapshotError.versionNotStored(source: snapshot.source, version: snapshot.version, stored: stored)
        }
        if snapshot.replaces(snapshots[snapshot.source]) { snapshots[snapshot.source] = snapshot }
    }

    public func loadSnapshot(_ source: EventSource) -> Snapshot? {
        snapshots[source]
    }
}
