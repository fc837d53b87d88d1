import Foundation

/// A fact that happened to an entity: the current generation of an event type. Generated event
/// structs conform to it; older generations are decodable only, so only the current one can be
/// constructed and appended.
public protocol DomainEvent: Codable, Hashable, Sendable {
    /// The event's permanent id and current generation.
    static var eventType: EventType { get }
    static var visibility: EventVisibility { get }
    /// The name of the entity this event happens to.
    static var entityName: String { get }
    /// The event's name in the domain file.
    static var eventName: String { get }
    /// Every generation a stored payload may have, oldest first; the last is the current one.
    static var storedGenerations: [Int] { get }
    /// A retired event is no longer emitted: it stays decodable and replayed, and the registry
    /// refuses to encode it for appending.
    static var isRetired: Bool { get }

    /// Decodes a payload stored at `generation` and upcasts it, step by step, to this
    /// (the current) generation.
    static func decode(generation: Int, from payload: Data, using decoder: JSONDecoder) throws -> Self
}

extension DomainEvent {
    public static var storedGenerations: [Int] { [eventType.generation] }

    public static var isRetired: Bool { false }

    public static func decode(generation: Int, from payload: Data, using decoder: JSONDecoder) throws -> Self {
        guard generation == eventType.generation else {
            throw RegistryError.unknownGeneration(eventName: eventName, eventType: eventType.id, generation: generation, known: storedGenerations)
        }
        return try decoder.decode(Self.self, from: payload)
    }
}

/// The events of one entity as one type (a generated enum with a case per event).
public protocol EntityEvent: Sendable {
    /// The entity's key type.
    associatedtype Key: EntityKey
    static var entityName: String { get }
    /// Wraps an event of this entity; nil for an event of another entity.
    init?(_ event: any DomainEvent)
    /// The wrapped event.
    var event: any DomainEvent { get }
}

/// The key that identifies one instance of an entity, the event source id of its events.
public protocol EntityKey: Hashable, Sendable, Codable {
    /// The key as the store writes it.
    var sourceID: String { get }
    init?(sourceID: String)
}
