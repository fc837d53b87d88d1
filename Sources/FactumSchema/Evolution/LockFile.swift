import Foundation

/// The published record of a domain file: every event (id, name, entity, visibility) and the
/// exact shape of every generation, with the declared types each generation uses expanded, so
/// that a change to a shared type changes every event that uses it. Written by `factum lock`
/// beside the domain file as `<Name>.domain.lock`; deterministic JSON, meant to be committed.
public struct LockFile: Codable, Hashable, Sendable {
    public static let format = 1

    public var format: Int
    public var domain: String
    /// Sorted by event id, which never changes, so that renames do not reorder the file.
    public var events: [LockedEvent]
    /// The domain's projections, by name; absent when it has none (and in locks written before
    /// projections existed, which read as having none).
    public var projections: [LockedProjection]?

    public init(domain: String, events: [LockedEvent], projections: [LockedProjection] = []) {
        self.format = Self.format
        self.domain = domain
        self.events = events.sorted { $0.id < $1.id }
        self.projections = projections.isEmpty ? nil : projections.sorted { $0.name < $1.name }
    }
}

/// A projection as published: its version and the events it reads, by event type id (sorted),
/// so that renaming an event does not change the projection.
public struct LockedProjection: Codable, Hashable, Sendable {
    public var name: String
    public var version: Int
    public var events: [String]

    public init(name: String, version: Int, events: [String]) {
        self.name = name
        self.version = version
        self.events = events.sorted()
    }
}

public struct LockedEvent: Codable, Hashable, Sendable {
    /// The event type id, lowercased.
    public var id: String
    public var name: String
    public var entity: String
    public var visibility: String
    /// Oldest first.
    public var generations: [LockedGeneration]
}

public struct LockedGeneration: Codable, Hashable, Sendable {
    public var generation: Int
    /// In declaration order: order is part of the shape users see.
    public var fields: [LockedField]
    /// Every declared type the fields reach, directly or through other types; absent when none.
    public var types: [String: LockedType]?
}

public struct LockedField: Codable, Hashable, Sendable {
    public var name: String
    public var type: String
    /// The default, as canonical text (`"EUR"`, `0`, `[]`, `null`), when there is one.
    public var `default`: String?
    public var renamedFrom: String?
}

public struct LockedType: Codable, Hashable, Sendable {
    public var fields: [LockedField]?
    public var cases: [String]?
}

extension LockFile {
    /// The lock of a validated domain file; `declared` holds the types of every file read together.
    public init(_ file: DomainFile, declared: [String: TypeDeclaration]) {
        var events: [LockedEvent] = []
        for entity in file.domain.entities {
            for event in entity.events {
                events.append(LockedEvent(
                    id: event.id.uuidString.lowercased(),
                    name: event.name,
                    entity: entity.name,
                    visibility: event.visibility.rawValue,
                    generations: event.generations.map { LockedGeneration($0, declared: declared) }
                ))
            }
        }
        self.init(domain: file.domain.name, events: events, projections: LockedProjection.all(in: file.domain))
    }

    /// The lock as the file holds it: sorted keys, two-space indentation, a final newline.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return data + Data("\n".utf8)
    }

    /// Reads a lock file's bytes; the failure says what is wrong.
    public static func decode(_ data: Data) -> Result<LockFile, LockDecodingFailure> {
        guard let lock = try? JSONDecoder().decode(LockFile.self, from: data) else {
            return .failure(LockDecodingFailure(message: "this is not a lock file factum can read; restore it from version control, or delete it and run 'factum lock' if nothing was published"))
        }
        guard lock.format == LockFile.format else {
            return .failure(LockDecodingFailure(message: "lock format \(lock.format) is not one this factum reads (\(LockFile.format)); update factum"))
        }
        return .success(lock)
    }

    /// The path of the lock file beside a domain file.
    public static func path(forDomainFile path: String) -> String {
        for suffix in DomainFile.extensions where path.hasSuffix(suffix) {
            return String(path.dropLast(suffix.count)) + ".domain.lock"
        }
        return path + ".lock"
    }
}

extension LockedProjection {
    /// The domain's projections as a lock holds them, in the order written.
    static func all(in domain: Domain) -> [LockedProjection] {
        let ids = Dictionary(domain.entities.flatMap(\.events).map { ($0.name, $0.id.uuidString.lowercased()) }, uniquingKeysWith: { first, _ in first })
        return domain.projections.map { projection in
            LockedProjection(name: projection.name, version: projection.version, events: Array(Set(projection.events.compactMap { ids[$0.name] })))
        }
    }

    /// The locks' projections by domain and name, the first lock holding one winning.
    static func published(in locks: [LockSource]) -> [String: LockedProjection] {
        var locked: [String: LockedProjection] = [:]
        for source in locks {
            for projection in source.lock.projections ?? [] where locked[key(domain: source.lock.domain, projection.name)] == nil {
                locked[key(domain: source.lock.domain, projection.name)] = projection
            }
        }
        return locked
    }

    static func key(domain: String, _ name: String) -> String { "\(domain)/\(name)" }
}

extension LockedGeneration {
    init(_ generation: Generation, declared: [String: TypeDeclaration]) {
        self.generation = generation.number
        self.fields = generation.fields.map(LockedField.init)
        var types: [String: LockedType] = [:]
        var pending = generation.fields.flatMap(\.type.names)
        while let name = pending.popLast() {
            guard types[name] == nil, let declaration = declared[name] else { continue }
            switch declaration.kind {
            case .structure(let fields):
                types[name] = LockedType(fields: fields.map(LockedField.init), cases: nil)
                pending.append(contentsOf: fields.flatMap(\.type.names))
            case .enumeration(let cases):
                types[name] = LockedType(fields: nil, cases: cases.map(\.name))
            }
        }
        self.types = types.isEmpty ? nil : types
    }
}

extension LockedField {
    init(_ field: Field) {
        name = field.name
        type = field.type.description
        `default` = field.defaultValue.map(\.canonicalText)
        renamedFrom = field.renamedFrom
    }
}

extension DefaultValue {
    /// A stable text for comparing defaults: JSON-like, strings quoted.
    public var canonicalText: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let text): return text
        case .number(let text): return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")).map { "\($0)" } ?? text
        case .string(let text), .enumCase(let text), .date(let text, _): return Self.quote(text)
        case .array(let items): return "[" + items.map(\.canonicalText).joined(separator: ", ") + "]"
        case .dictionary(let entries): return "{" + entries.map { Self.quote($0.key) + ": " + $0.value.canonicalText }.joined(separator: ", ") + "}"
        }
    }

    private static func quote(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

public struct LockDecodingFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
