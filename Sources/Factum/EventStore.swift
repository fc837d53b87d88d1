import Foundation

/// What a source's version must be for an append to go ahead.
public enum ExpectedVersion: Hashable, Sendable, CustomStringConvertible {
    /// Append whatever the version.
    case any
    /// The source must have no events yet.
    case noEvents
    /// The source's last event must have this version (0: no events).
    case exactly(Int)

    public var description: String {
        switch self {
        case .any: return "any version"
        case .noEvents: return "no events"
        case .exactly(let version): return "version \(version)"
        }
    }
}

/// Which events to replay: one entity, optionally some keys and some event names, after a
/// position, at most `limit` of them. `after` and `limit` page through large results.
public struct ReplaySelector: Hashable, Sendable {
    public var entity: String
    public var keys: [String]?
    public var events: [String]?
    public var after: Int64?
    public var limit: Int?

    public init(entity: String, keys: [String]? = nil, events: [String]? = nil, after: Int64? = nil, limit: Int? = nil) {
        self.entity = entity
        self.keys = keys
        self.events = events
        self.after = after
        self.limit = limit
    }
}

/// Why a store refused an append.
public enum EventStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Someone appended to the source since it was read.
    case wrongExpectedVersion(source: EventSource, expected: ExpectedVersion, actual: Int)
    /// An event id already stored elsewhere, or a retry that does not match what was stored.
    case duplicateEventID(UUID, source: EventSource)
    /// A pending event of another entity than the source's.
    case wrongEntity(eventName: String, entity: String, source: EventSource)
    /// A guarded append's condition failed: an event its selector selects was stored after
    /// its position.
    case conditionFailed
    /// A string of the append (`field`: the entity, the source id, an event name, a metadata
    /// field) holds the NUL character, which no store keeps; nothing was stored.
    case nulCharacter(field: String, source: EventSource)

    public var description: String {
        switch self {
        case .wrongExpectedVersion(let source, let expected, let actual):
            let wanted: String
            switch expected {
            case .any: wanted = "any version"
            case .noEvents, .exactly(0): wanted = "no events yet"
            case .exactly(let version): wanted = "version \(version)"
            }
            return "\(source) is at version \(actual), but the append expected \(wanted): it changed since it was read; reload it and decide again"
        case .duplicateEventID(let id, let source):
            return "event id \(id.uuidString.lowercased()) is already stored, and not as this append to \(source) would store it"
        case .wrongEntity(let name, let entity, let source):
            return "event '\(name)' belongs to entity '\(entity)' and cannot be appended to \(source)"
        case .conditionFailed:
            return "the append condition failed: an event its selector selects was stored after its position; read again and decide again"
        case .nulCharacter(let field, let source):
            let shown = EventSource(entity: LedgerRules.visible(source.entity), id: LedgerRules.visible(source.id))
            return "the \(field) of an append to \(shown) holds the NUL character (U+0000), which no store keeps (SQLite would cut the string there, PostgreSQL's text cannot hold it); nothing was stored"
        }
    }
}

/// An append-only log of events, read by source, by position or by selector: the ledger.
/// Every store keeps the same contract (docs/event-stores.md), which the conformance kit
/// (`FactumConformance`) checks.
public protocol EventStore: Sendable {
    /// Appends events to one source atomically, if its version is what the caller expects and,
    /// with a condition, if no event the condition selects was stored after its position.
    /// Appending again events whose ids are already stored there, in the same order, returns
    /// the stored envelopes instead of storing them twice (whatever the condition).
    func append(_ events: [PendingEvent], to source: EventSource, expectedVersion: ExpectedVersion, condition: AppendCondition?) async throws -> [EventEnvelope]
    /// The events of one source from a version on, in version order.
    func read(_ source: EventSource, fromVersion: Int) async throws -> [EventEnvelope]
    /// Every event after a position (all when nil), in log order, at most `limit`.
    func readAll(after position: Int64?, limit: Int?) async throws -> [EventEnvelope]
    /// The events a replay selector selects, in log order.
    func replay(_ selector: ReplaySelector) async throws -> [EventEnvelope]
    /// The events a filter selector selects, in log order. A path that does not parse throws
    /// `JSONPath.SyntaxError` before anything is read.
    func filter(_ selector: FilterSelector) async throws -> [EventEnvelope]
    /// Every event after `position` (all when nil), then each new one as it is appended, by
    /// this store or any other writer of the same ledger; ends when the task is cancelled.
    func subscribe(after position: Int64?) -> EventSubscription
    /// The position of the log's last event; 0 when it holds none.
    func lastPosition() async throws -> Int64
}

extension EventStore {
    /// The public stream: every public event after `position` (all when nil), then each new
    /// one as it is appended, by any writer of the ledger, in log order; private events are
    /// read and passed by. What another service consumes of this one's contract: it keeps the
    /// position of the last event it got, and resumes after it.
    public func subscribePublic(after position: Int64?) -> EventSubscription {
        subscribe(after: position).only { $0.visibility == .public }
    }

    /// The last position by reading the whole log: correct for any store, slow for a large one;
    /// the stores of this package answer from their index instead.
    public func lastPosition() async throws -> Int64 {
        var last: Int64 = 0
        while let page = Optional(try await readAll(after: last, limit: 1_000)), let final = page.last {
            last = final.position
        }
        return last
    }

    /// An append without a condition.
    public func append(_ events: [PendingEvent], to source: EventSource, expectedVersion: ExpectedVersion) async throws -> [EventEnvelope] {
        try await append(events, to: source, expectedVersion: expectedVersion, condition: nil)
    }

    /// The events a selector selects, in log order.
    public func events(_ selector: EventSelector) async throws -> [EventEnvelope] {
        switch selector {
        case .replay(let replay): return try await self.replay(replay)
        case .filter(let filter): return try await self.filter(filter)
        }
    }
}

extension ExpectedVersion {
    /// Whether a source at `actual` meets the expectation.
    public func allows(_ actual: Int) -> Bool {
        switch self {
        case .any: return true
        case .noEvents: return actual == 0
        case .exactly(let version): return actual == version
        }
    }
}
