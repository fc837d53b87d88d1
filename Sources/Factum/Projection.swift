import Foundation

/// A read model kept from the ledger's events. The generator writes one protocol per projection
/// a domain file declares (`DishesWaitingProjection`), refining this one with a `when` per event
/// it reads and implementing everything here; a user conforms a type with those `when`s.
///
/// `Context` is what the host hands each call: on SQLite and PostgreSQL the transaction the
/// checkpoint commits in (exactly once), elsewhere the event's position as an idempotency key
/// (at least once). See docs/projections.md.
public protocol Projection: Sendable {
    associatedtype Context: Sendable
    /// The projection's name in the domain file.
    static var projectionName: String { get }
    /// Its `version`: a new version is a new read model, built beside the old from the start.
    static var projectionVersion: Int { get }
    /// The event types it reads, by id: events of other types pass it by.
    static var selector: ProjectionSelector { get }
    /// Calls the `when` of the event's type; generated.
    func handle(_ event: any DomainEvent, _ context: Context) async throws
}

extension Projection {
    /// The checkpoint's key: name and version.
    public static var key: ProjectionKey { ProjectionKey(name: projectionName, version: projectionVersion) }
}

/// Which events a projection reads: event type ids, so that a renamed event is still read,
/// whatever name its stored events carry.
public struct ProjectionSelector: Hashable, Sendable {
    public var eventTypeIDs: Set<UUID>

    public init(_ eventTypes: [EventType]) {
        eventTypeIDs = Set(eventTypes.map(\.id))
    }

    public func matches(_ envelope: EventEnvelope) -> Bool {
        eventTypeIDs.contains(envelope.eventType.id)
    }
}

/// One projection's checkpoint row: its name and version.
public struct ProjectionKey: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var version: Int

    public init(name: String, version: Int) {
        self.name = name
        self.version = version
    }

    public var description: String { "projection '\(name)' version \(version)" }
}

/// Where a projection stands: the position its checkpoint holds (0: nothing applied yet) and
/// the sources whose events are parked, so that their later events park behind them.
public struct ProjectionCheckpoint: Hashable, Sendable {
    public var position: Int64
    public var parkedSources: Set<EventSource>

    public init(position: Int64, parkedSources: Set<EventSource> = []) {
        self.position = position
        self.parkedSources = parkedSources
    }
}

/// An event a projection could not apply (its handler kept failing), or one parked behind such
/// an event of the same source. It stays until it is retried successfully.
public struct ParkedEvent: Hashable, Sendable {
    public var position: Int64
    public var source: EventSource
    public var eventID: UUID
    /// The handler's last error, or which parked event this one waits behind.
    public var reason: String
    /// How many times the handler was called for it.
    public var attempts: Int
    public var parkedAt: Date

    public init(position: Int64, source: EventSource, eventID: UUID, reason: String, attempts: Int, parkedAt: Date) {
        self.position = position
        self.source = source
        self.eventID = eventID
        self.reason = reason
        self.attempts = attempts
        self.parkedAt = parkedAt
    }
}

/// One commit of a projection: the events to apply, the events to park, the parked events to
/// release (applied now), and the checkpoint's move. A host applies all of it, or none.
public struct ProjectionCommit: Sendable {
    public var key: ProjectionKey
    /// The position the checkpoint must hold for the commit to go ahead (compare-and-set).
    public var from: Int64
    /// The position it holds after.
    public var to: Int64
    public var apply: [EventEnvelope]
    public var park: [ParkedEvent]
    /// Positions of parked events that `apply` holds, removed from the parked ones.
    public var release: [Int64]

    public init(key: ProjectionKey, from: Int64, to: Int64, apply: [EventEnvelope] = [], park: [ParkedEvent] = [], release: [Int64] = []) {
        self.key = key
        self.from = from
        self.to = to
        self.apply = apply
        self.park = park
        self.release = release
    }
}

/// Keeps projections' checkpoints and parked events, and commits a projection's work with its
/// checkpoint: each store offers one (`SQLiteEventStore.projections`, `PostgresEventStore.projections`,
/// `InMemoryProjectionHost`).
public protocol ProjectionHost: Sendable {
    /// What a handler is given for each event.
    associatedtype Context: Sendable
    /// The ledger the projection reads.
    var ledger: any EventStore { get }
    /// The checkpoint, or position 0 and nothing parked when the projection never committed.
    func checkpoint(_ key: ProjectionKey) async throws -> ProjectionCheckpoint
    /// Calls `handler` for each event of `commit.apply`, in order, and commits what the handlers
    /// wrote with the rest of `commit`, at once. Throws `ProjectionHandlerFailure` when a handler
    /// (or, on SQLite, a write it asked for) throws, and `ProjectionError.checkpointMoved` when
    /// the checkpoint is not at `commit.from`; nothing is committed then.
    func commit(_ commit: ProjectionCommit, handler: @escaping @Sendable (EventEnvelope, Context) async throws -> Void) async throws
    /// The projection's parked events, in log order.
    func parked(_ key: ProjectionKey) async throws -> [ParkedEvent]
    /// Records another failed attempt at a parked event.
    func updateParked(_ key: ProjectionKey, position: Int64, reason: String, attempts: Int) async throws
}

/// A handler's failure, with the event it failed on.
public struct ProjectionHandlerFailure: Error, CustomStringConvertible, Sendable {
    public var position: Int64
    public var error: any Error

    public init(position: Int64, error: any Error) {
        self.position = position
        self.error = error
    }

    public var description: String { "the handler failed on the event at position \(position): \(error)" }
}

/// Why a projection runner stopped.
public enum ProjectionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The checkpoint is not where this runner left it: another runner of the same projection
    /// advanced it. Only one runner of a projection version may run at a time.
    case checkpointMoved(ProjectionKey, expected: Int64, found: Int64)
    /// The generated dispatch met an event the projection does not read: a bug of Factum's.
    case unexpectedEvent(projection: String, eventName: String)

    public var description: String {
        switch self {
        case .checkpointMoved(let key, let expected, let found):
            return "the checkpoint of \(key) is at position \(found), not \(expected) where this runner left it: another runner of the same projection advanced it; run one runner per projection version"
        case .unexpectedEvent(let projection, let name):
            return "projection '\(projection)' was handed event '\(name)', which it does not read; this is a bug in factum, please report it"
        }
    }
}
