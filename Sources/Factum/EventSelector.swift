import Foundation

/// Which events a read, or an append condition, is about: a replay selector (entity, keys,
/// event names) or a filter selector (SQL/JSON paths over payloads and metadata).
public enum EventSelector: Hashable, Sendable {
    case replay(ReplaySelector)
    case filter(FilterSelector)
}

/// Events whose payload or metadata match SQL/JSON path expressions, in log order, after a
/// position, at most `limit` of them (see `JSONPath` for the language).
///
/// An event matches when its name is a key of `data` and that path selects at least one item
/// of its payload (or, for a path that is a test, the test is true), and, when `meta` is given,
/// that path matches its metadata (`EventMetadata.json`). An empty `data` means every event
/// name, with no condition on the payload.
public struct FilterSelector: Hashable, Sendable {
    /// Event name → path on its payload.
    public var data: [String: String]
    /// A path on the metadata, or nil.
    public var meta: String?
    public var after: Int64?
    public var limit: Int?

    public init(data: [String: String] = [:], meta: String? = nil, after: Int64? = nil, limit: Int? = nil) {
        self.data = data
        self.meta = meta
        self.after = after
        self.limit = limit
    }

    /// The selector with its paths parsed; a path that does not parse is refused here, before
    /// anything is read, with the offset of its offending character.
    public func compiled() throws(JSONPath.SyntaxError) -> CompiledFilter {
        var paths: [String: JSONPath] = [:]
        for (name, text) in data.sorted(by: { $0.key < $1.key }) { paths[name] = try JSONPath(text) }
        return CompiledFilter(selector: self, data: paths, meta: try meta.map { text throws(JSONPath.SyntaxError) in try JSONPath(text) })
    }
}

/// A filter selector whose paths are parsed, ready to test events.
public struct CompiledFilter: Sendable {
    public let selector: FilterSelector
    public let data: [String: JSONPath]
    public let meta: JSONPath?

    /// The event names the selector can select; nil for every name.
    public var eventNames: Set<String>? { data.isEmpty ? nil : Set(data.keys) }

    /// Whether the event matches the selector's paths (its `after` and `limit` aside). A
    /// payload that is not JSON matches no path.
    public func matches(_ envelope: EventEnvelope) throws(JSONPath.EvaluationLimit) -> Bool {
        try matches(eventName: envelope.eventName, payload: envelope.payload, metadata: envelope.metadata)
    }

    public func matches(eventName: String, payload: Data, metadata: EventMetadata) throws(JSONPath.EvaluationLimit) -> Bool {
        if !data.isEmpty {
            guard let path = data[eventName] else { return false }
            guard let document = JSONValue(parsing: payload), try path.matches(document) else { return false }
        }
        if let meta {
            guard try meta.matches(metadata.json) else { return false }
        }
        return true
    }
}

extension ReplaySelector {
    /// Whether the event is one the selector selects (its `after` and `limit` aside).
    public func matches(_ envelope: EventEnvelope) -> Bool {
        guard envelope.source.entity == entity else { return false }
        if let keys, !keys.contains(envelope.source.id) { return false }
        if let events, !events.contains(envelope.eventName) { return false }
        return true
    }
}

extension EventMetadata {
    /// The metadata as filter selectors' `meta` paths read it: `correlationId`, `causationId`
    /// and `actor` when set, and every free value at the top level beside them (a free value
    /// named as one of those three is hidden by it).
    public var json: JSONValue {
        var members: [JSONMember] = []
        for (key, value) in values.sorted(by: { $0.key < $1.key }) where !["correlationId", "causationId", "actor"].contains(key) {
            members.append(JSONMember(key: key, value: .string(value)))
        }
        if let correlationID { members.append(JSONMember(key: "correlationId", value: .string(correlationID))) }
        if let causationID { members.append(JSONMember(key: "causationId", value: .string(causationID))) }
        if let actor { members.append(JSONMember(key: "actor", value: .string(actor))) }
        return .object(members)
    }
}
