import Foundation

/// State rebuilt from an entity's events. Generated aggregate protocols (`KitchenAggregate`)
/// refine this one and dispatch each event to its own `apply` method.
public protocol Aggregate {
    associatedtype Event: EntityEvent
    init()
    mutating func apply(_ event: Event)
}

/// An aggregate rebuilt from its events, with the version it reached: the expected version
/// of the next append.
public struct Rebuilt<State: Aggregate> {
    public var state: State
    /// The version of the last event applied; 0 when there were none.
    public var version: Int
    /// The version of the snapshot the rebuild started from; nil when it started from nothing.
    public var snapshotVersion: Int?

    public init(state: State, version: Int, snapshotVersion: Int? = nil) {
        self.state = state
        self.version = version
        self.snapshotVersion = snapshotVersion
    }
}

/// Why rebuilding an aggregate from its events failed.
public enum RebuildError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The events of one source do not count 1, 2, 3… in order: one is missing, repeated or
    /// out of place.
    case versionGap(source: EventSource, expected: Int, found: Int)
    /// Events of different sources were given to one rebuild.
    case mixedSources(EventSource, EventSource)

    public var description: String {
        switch self {
        case .versionGap(let source, let expected, let found):
            let step = found < expected ? "go back" : "jump"
            return "the events of \(source) \(step) from version \(expected - 1) to \(found); a source's versions count 1, 2, 3… without gaps or repeats, in order"
        case .mixedSources(let first, let second):
            return "one aggregate was given events of \(first) and of \(second); rebuild each source on its own"
        }
    }
}

extension Aggregate {
    /// A new state with one source's events applied in version order, and the version reached.
    ///
    /// (The store's `replay(_:)` is a different thing: a query by entity, keys and event names.)
    public static func rebuilt(from envelopes: [EventEnvelope], registry: EventRegistry) throws -> Rebuilt<Self> {
        try rebuilt(from: envelopes, registry: registry, startingAt: Rebuilt(state: Self(), version: 0))
    }

    /// `start` (a snapshot's state and version) with the events after it applied.
    public static func rebuilt(from envelopes: [EventEnvelope], registry: EventRegistry, startingAt start: Rebuilt<Self>) throws -> Rebuilt<Self> {
        var state = start.state
        var version = start.version
        let source = envelopes.first?.source
        for envelope in envelopes {
            if let source, envelope.source != source { throw RebuildError.mixedSources(source, envelope.source) }
            guard envelope.version == version + 1 else {
                throw RebuildError.versionGap(source: envelope.source, expected: version + 1, found: envelope.version)
            }
            let event = try registry.decode(envelope)
            guard let wrapped = Event(event) else {
                throw RegistryError.notRegisteredForEntity(eventName: envelope.eventName, entity: Event.entityName, registeredFor: envelope.source.entity)
            }
            state.apply(wrapped)
            version = envelope.version
        }
        return Rebuilt(state: state, version: version, snapshotVersion: start.snapshotVersion)
    }
}

/// Loads aggregates from a store and appends their new events, with optimistic concurrency.
public struct EventSourcedRepository<State: Aggregate>: Sendable {
    public struct Options: Sendable, Hashable {
        /// For a `SnapshotAggregate`: `load` saves a snapshot when it applied this many events
        /// or more after the one it started from. Nil: snapshots are saved only when asked.
        public var snapshotEvery: Int?

        public init(snapshotEvery: Int? = nil) {
            self.snapshotEvery = snapshotEvery.map { max(1, $0) }
        }
    }

    public let store: any EventStore
    public let registry: EventRegistry
    public let options: Options

    public init(store: any EventStore, registry: EventRegistry, options: Options = Options()) {
        self.store = store
        self.registry = registry
        self.options = options
    }

    public func source(_ key: State.Event.Key) -> EventSource {
        EventSource(entity: State.Event.entityName, id: key.sourceID)
    }

    /// Rebuilds one entity instance from all of its events.
    public func load(_ key: State.Event.Key) async throws -> Rebuilt<State> {
        try State.rebuilt(from: try await store.read(source(key), fromVersion: 1), registry: registry)
    }

    /// Appends events to one entity instance, failing if its version is no longer
    /// `expectedVersion`, or, with a condition, if an event it selects was stored after its
    /// position (a guarded append).
    @discardableResult
    public func append(
        _ events: [State.Event],
        to key: State.Event.Key,
        expectedVersion: ExpectedVersion,
        metadata: EventMetadata = EventMetadata(),
        condition: AppendCondition? = nil
    ) async throws -> [EventEnvelope] {
        let pending = try events.map { try registry.pendingAny($0.event, metadata: metadata) }
        return try await store.append(pending, to: source(key), expectedVersion: expectedVersion, condition: condition)
    }
}

extension EventRegistry {
    func pendingAny(_ event: any DomainEvent, metadata: EventMetadata) throws -> PendingEvent {
        try pending(event, metadata: metadata)
    }
}

// The names before 2026-12 — `replay` also named the store's selector query. Kept for one
// release so that callers migrate with the compiler's fix-it.

@available(*, deprecated, renamed: "Rebuilt")
public typealias Replayed<State: Aggregate> = Rebuilt<State>

@available(*, deprecated, renamed: "RebuildError")
public typealias ReplayError = RebuildError

extension Aggregate {
    @available(*, deprecated, renamed: "rebuilt(from:registry:)")
    public static func replay(_ envelopes: [EventEnvelope], registry: EventRegistry) throws -> Rebuilt<Self> {
        try rebuilt(from: envelopes, registry: registry)
    }
}
