import Foundation

/// What a handler is given where the host's transaction does not hold the read model: the
/// event's envelope, whose position is the idempotency key of an at-least-once delivery (a
/// handler may see an event again after a crash or a failed commit; it must write so that a
/// second time changes nothing, for example by storing the position it applied).
public struct ProjectionDelivery: Sendable {
    public var envelope: EventEnvelope
    public var position: Int64 { envelope.position }

    public init(envelope: EventEnvelope) {
        self.envelope = envelope
    }
}

/// Checkpoints and parked events in memory, for tests and for read models kept in memory (or
/// in another system, at least once): the reference the conformance kit compares with.
public actor InMemoryProjectionHost: ProjectionHost {
    public typealias Context = ProjectionDelivery

    public nonisolated let ledger: any EventStore
    private var checkpoints: [ProjectionKey: Int64] = [:]
    private var parkedEvents: [ProjectionKey: [Int64: ParkedEvent]] = [:]

    public init(ledger: any EventStore) {
        self.ledger = ledger
    }

    public func checkpoint(_ key: ProjectionKey) -> ProjectionCheckpoint {
        ProjectionCheckpoint(position: checkpoints[key] ?? 0, parkedSources: Set((parkedEvents[key] ?? [:]).values.map(\.source)))
    }

    public func commit(_ commit: ProjectionCommit, handler: @escaping @Sendable (EventEnvelope, ProjectionDelivery) async throws -> Void) async throws {
        try check(commit)
        for envelope in commit.apply {
            do {
                try await handler(envelope, ProjectionDelivery(envelope: envelope))
            } catch {
                throw ProjectionHandlerFailure(position: envelope.position, error: error)
            }
        }
        // The handlers awaited: another commit may have come in between.
        try check(commit)
        checkpoints[commit.key] = commit.to
        var parked = parkedEvents[commit.key] ?? [:]
        for position in commit.release { parked[position] = nil }
        for event in commit.park { parked[event.position] = event }
        parkedEvents[commit.key] = parked
    }

    public func parked(_ key: ProjectionKey) -> [ParkedEvent] {
        (parkedEvents[key] ?? [:]).values.sorted { $0.position < $1.position }
    }

    public func updateParked(_ key: ProjectionKey, position: Int64, reason: String, attempts: Int) {
        parkedEvents[key]?[position]?.reason = reason
        parkedEvents[key]?[position]?.attempts = attempts
    }

    private func check(_ commit: ProjectionCommit) throws {
        let found = checkpoints[commit.key] ?? 0
        guard found == commit.from else { throw ProjectionError.checkpointMoved(commit.key, expected: commit.from, found: found) }
    }
}
