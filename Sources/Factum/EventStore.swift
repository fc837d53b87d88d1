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

    public var description: String {
        switch self {
        case .wrongExpectedVersion(let source, let expected, let actual):
            return "\(source) is at version \(actual), not at \(expected): it changed since it was read; reload it and decide again"
        case .duplicateEventID(let id, let source):
            return "event id \(id.uuidString.lowercased()) is already stored, and not as this append to \(source) would store it"
        case .wrongEntity(let name, let entity, let source):
            return "event '\(name)' belongs to entity '\(entity)' and cannot be appended to \(source)"
        }
    }
}

/// An append-only log of events, read by source, by position or by selector.
public protocol EventStore: Sendable {
    /// Appends events to one source atomically, if its version is what the caller expects.
    /// Appending again events whose ids are already stored there, in the same order, returns
    /// the stored envelopes instead of storing them twice.
    func append(_ events: [PendingEvent], to source: EventSource, expectedVersion: ExpectedVersion) async throws -> [EventEnvelope]
    /// The events of one source from a version on, in version order.
    func read(_ source: EventSource, fromVersion: Int) async throws -> [EventEnvelope]
    /// Every event after a position (all when nil), in log order, at most `limit`.
    func readAll(after position: Int64?, limit: Int?) async throws -> [EventEnvelope]
    /// The events a replay selector selects, in log order.
    func replay(_ selector: ReplaySelector) async throws -> [EventEnvelope]
}
