import Foundation

/// An aggregate whose state can be saved as a snapshot: a repository then loads it from its
/// latest snapshot and the events after the snapshot's version, instead of from every event.
///
/// A snapshot is stamped with `snapshotStamp`: the state type's shape, read from its
/// `Decodable` conformance (every field's name and type, nested types included), and
/// `snapshotRevision`. A snapshot whose stamp is not the running code's is ignored and the
/// state rebuilt from the events: never trusted. Raise `snapshotRevision` when `apply` changes
/// what it makes of events while the state's shape stays the same.
public protocol SnapshotAggregate: Aggregate, Codable {
    /// Raise it when the same events now give another state. 1 unless given.
    static var snapshotRevision: Int { get }
    /// The stamp snapshots of this state carry; by default the revision and the shape's hash.
    static var snapshotStamp: String { get }
}

extension SnapshotAggregate {
    public static var snapshotRevision: Int { 1 }

    public static var snapshotStamp: String {
        "r\(snapshotRevision)-" + StateShape.fingerprint(of: Self.self)
    }
}

/// A saved state of one source at a version.
public struct Snapshot: Hashable, Sendable {
    public var source: EventSource
    /// The version of the last event the state holds.
    public var version: Int
    /// The state type's stamp when it was saved.
    public var stamp: String
    /// The state, as JSON.
    public var state: Data
    public var takenAt: Date

    public init(source: EventSource, version: Int, stamp: String, state: Data, takenAt: Date = Date()) {
        self.source = source
        self.version = version
        self.stamp = stamp
        self.state = state
        self.takenAt = takenAt
    }
}

/// A store that keeps snapshots beside its events (`factum_snapshots`): every store of this
/// package. Snapshots are a cache of what the events already say; removing them loses nothing.
public protocol SnapshotStore: Sendable {
    /// Keeps `snapshot` as its source's snapshot, unless the source holds one of the same
    /// stamp at a later version. It fails when the source has fewer events than the
    /// snapshot's version: a snapshot of events that were never stored is refused.
    func saveSnapshot(_ snapshot: Snapshot) async throws
    /// The source's snapshot, if one was saved.
    func loadSnapshot(_ source: EventSource) async throws -> Snapshot?
}

/// Why a snapshot was refused.
public enum SnapshotError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The snapshot claims a version its source has not reached.
    case versionNotStored(source: EventSource, version: Int, stored: Int)
    /// The repository's store keeps no snapshots (it does not conform to `SnapshotStore`).
    case unsupported(store: String)

    public var description: String {
        switch self {
        case .unsupported(let store):
            return "the store \(store) keeps no snapshots (it is not a SnapshotStore); the repository loads from every event instead"
        case .versionNotStored(let source, let version, let stored):
            return "a snapshot of \(source) at version \(version) was refused: the ledger holds its events up to version \(stored) only"
        }
    }
}

extension Snapshot {
    /// Whether a store should keep `self` in place of `existing`.
    public func replaces(_ existing: Snapshot?) -> Bool {
        guard let existing else { return true }
        return existing.stamp != stamp || version >= existing.version
    }
}

extension EventSourcedRepository where State: SnapshotAggregate {
    /// The store's snapshots, if it keeps them.
    private var snapshots: (any SnapshotStore)? { store as? any SnapshotStore }

    /// Rebuilds one entity instance from its snapshot, when one of the running code's stamp
    /// exists and decodes, and the events after its version; from all of its events otherwise.
    /// With `Options.snapshotEvery`, saves a new snapshot when that many events or more were
    /// applied after the one it started from.
    public func load(_ key: State.Event.Key) async throws -> Rebuilt<State> {
        let source = source(key)
        var start = Rebuilt(state: State(), version: 0)
        if let snapshots, let snapshot = try await snapshots.loadSnapshot(source), snapshot.stamp == State.snapshotStamp,
           let state = try? JSONDecoder().decode(State.self, from: snapshot.state) {
            start = Rebuilt(state: state, version: snapshot.version, snapshotVersion: snapshot.version)
        }
        let rebuilt = try State.rebuilt(from: try await store.read(source, fromVersion: start.version + 1), registry: registry, startingAt: start)
        if let every = options.snapshotEvery, rebuilt.version - (rebuilt.snapshotVersion ?? 0) >= every {
            try await saveSnapshot(rebuilt, of: key)
            return Rebuilt(state: rebuilt.state, version: rebuilt.version, snapshotVersion: rebuilt.version)
        }
        return rebuilt
    }

    /// Saves the state as the entity instance's snapshot, stamped with the running code's
    /// stamp. Throws when the store keeps no snapshots.
    public func saveSnapshot(_ rebuilt: Rebuilt<State>, of key: State.Event.Key) async throws {
        guard let snapshots else { throw SnapshotError.unsupported(store: "\(type(of: store))") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try await snapshots.saveSnapshot(Snapshot(source: source(key), version: rebuilt.version, stamp: State.snapshotStamp, state: try encoder.encode(rebuilt.state)))
    }
}

// MARK: The state's shape

/// A state type's shape as its `Decodable` conformance reads it: each key with its type,
/// nested types expanded (recursion cut at a depth), enumerations that are `CaseIterable`
/// with their cases. Its hash stamps snapshots.
public enum StateShape {
    /// A 64-bit FNV-1a hash of `description(of:)`, in hex.
    public static func fingerprint<T: Decodable>(of type: T.Type) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in description(of: type).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// One line per key, sorted: `path: Type`.
    public static func description<T: Decodable>(of type: T.Type) -> String {
        let recorder = ShapeRecorder()
        let decoder = ShapeDecoder(recorder: recorder, path: [], depth: 0)
        do {
            _ = try decoder.make(T.self)
        } catch {
            recorder.add("", "unreadable \(T.self)")
        }
        return recorder.lines.sorted().joined(separator: "\n")
    }
}

final class ShapeRecorder {
    var lines: [String] = []
    func add(_ path: String, _ type: String) { lines.append("\(path): \(type)") }
}

/// A decoder that answers every question with a placeholder and writes down what was asked.
struct ShapeDecoder: Decoder {
    let recorder: ShapeRecorder
    let path: [String]
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static let maximumDepth = 6

    var pathText: String { path.joined(separator: ".") }

    func child(_ key: String) -> ShapeDecoder {
        ShapeDecoder(recorder: recorder, path: path + [key], depth: depth + 1)
    }

    /// A placeholder of `T`, recording its shape at this path.
    func make<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is Date.Type: recorder.add(pathText, "Date"); return Date(timeIntervalSince1970: 0) as! T
        case is UUID.Type: recorder.add(pathText, "UUID"); return UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) as! T
        case is Decimal.Type: recorder.add(pathText, "Decimal"); return Decimal(0) as! T
        case is URL.Type: recorder.add(pathText, "URL"); return URL(fileURLWithPath: "/") as! T
        case is Data.Type: recorder.add(pathText, "Data"); return Data() as! T
        default: break
        }
        if let cases = type as? any CaseIterable.Type, let first = Self.firstCase(cases) as? T {
            recorder.add(pathText, "\(T.self)\(Self.caseNames(cases))")
            return first
        }
        return try T(from: self)
    }

    static func firstCase<C: CaseIterable>(_: C.Type) -> Any? { C.allCases.first }
    static func caseNames<C: CaseIterable>(_: C.Type) -> String { "[" + C.allCases.map { "\($0)" }.joined(separator: ",") + "]" }

    func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { Unkeyed(decoder: self) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(decoder: self) }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: ShapeDecoder
        var codingPath: [any CodingKey] { [] }
        /// One key that any string makes (a dictionary's), none for a fixed set of keys.
        var allKeys: [Key] { decoder.depth < ShapeDecoder.maximumDepth ? [Key(stringValue: "*")].compactMap { $0 } : [] }
        func contains(_ key: Key) -> Bool { decoder.depth < ShapeDecoder.maximumDepth }
        func decodeNil(forKey key: Key) throws -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try decoder.child(key.stringValue).make(type)
        }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.child(key.stringValue).make(type) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.child(key.stringValue).make(type) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder.child(key.stringValue).make(type) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decoder.child(key.stringValue).make(type) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.child(key.stringValue).make(type) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.child(key.stringValue).make(type) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.child(key.stringValue).make(type) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.child(key.stringValue).make(type) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.child(key.stringValue).make(type) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder.child(key.stringValue).make(type) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.child(key.stringValue).make(type) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.child(key.stringValue).make(type) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.child(key.stringValue).make(type) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.child(key.stringValue).make(type) }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try optional(type, key) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try optional(type, key) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try optional(type, key) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optional(type, key) }
        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try optional(type, key) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optional(type, key) }
        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try optional(type, key) }
        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try optional(type, key) }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try optional(type, key) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try optional(type, key) }
        func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try optional(type, key) }
        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try optional(type, key) }
        func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try optional(type, key) }
        func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try optional(type, key) }
        func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try optional(type, key) }
        /// An optional field: `key?`, its type's shape below it (none past the depth bound).
        func optional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
            let child = decoder.child(key.stringValue + "?")
            guard child.depth <= ShapeDecoder.maximumDepth else { return nil }
            return try child.make(type)
        }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try decoder.child(key.stringValue).container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            Unkeyed(decoder: decoder.child(key.stringValue))
        }
        func superDecoder() throws -> any Decoder { decoder.child("super") }
        func superDecoder(forKey key: Key) throws -> any Decoder { decoder.child(key.stringValue) }
    }

    /// An array of one element (none past the depth bound).
    struct Unkeyed: UnkeyedDecodingContainer {
        let decoder: ShapeDecoder
        var currentIndex = 0
        var codingPath: [any CodingKey] { [] }
        var count: Int? { decoder.depth < ShapeDecoder.maximumDepth ? 1 : 0 }
        var isAtEnd: Bool { currentIndex >= (count ?? 0) }

        init(decoder: ShapeDecoder) { self.decoder = decoder }

        mutating func decodeNil() throws -> Bool { false }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            currentIndex += 1
            return try decoder.child("[]").make(type)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            currentIndex += 1
            return try decoder.child("[]").container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            currentIndex += 1
            return Unkeyed(decoder: decoder.child("[]"))
        }
        mutating func superDecoder() throws -> any Decoder { decoder.child("super") }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: ShapeDecoder
        var codingPath: [any CodingKey] { [] }
        func decodeNil() -> Bool { false }
        func record<T>(_ value: T) -> T { decoder.recorder.add(decoder.pathText, "\(T.self)"); return value }
        func decode(_ type: Bool.Type) throws -> Bool { record(false) }
        func decode(_ type: String.Type) throws -> String { record("") }
        func decode(_ type: Double.Type) throws -> Double { record(0) }
        func decode(_ type: Float.Type) throws -> Float { record(0) }
        func decode(_ type: Int.Type) throws -> Int { record(0) }
        func decode(_ type: Int8.Type) throws -> Int8 { record(0) }
        func decode(_ type: Int16.Type) throws -> Int16 { record(0) }
        func decode(_ type: Int32.Type) throws -> Int32 { record(0) }
        func decode(_ type: Int64.Type) throws -> Int64 { record(0) }
        func decode(_ type: UInt.Type) throws -> UInt { record(0) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { record(0) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { record(0) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { record(0) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { record(0) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.make(type) }
    }
}
