import Foundation

/// What an event is, independent of any programming language: a permanent id and the
/// generation of its shape. Stored with every event so that it can be decoded again.
public struct EventType: Hashable, Sendable, Codable, CustomStringConvertible {
    public let id: UUID
    public let generation: Int

    public init(id: UUID, generation: Int) {
        self.id = id
        self.generation = generation
    }

    public var description: String { "\(id.uuidString.lowercased())/\(generation)" }
}

/// Whether an event is a contract with other services (public) or internal to its own (private).
public enum EventVisibility: String, Hashable, Sendable, Codable {
    case `public`
    case `private`
}
