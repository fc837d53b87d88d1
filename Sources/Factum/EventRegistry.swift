import Foundation

/// One event type as the registry knows it: generated per event into each domain's table.
public struct EventRegistration: Sendable {
    public let eventType: EventType
    public let eventName: String
    public let entityName: String
    public let visibility: EventVisibility
    public let storedGenerations: [Int]
    @usableFromInline let decode: @Sendable (Int, Data, JSONDecoder) throws -> any DomainEvent

    /// Inlinable, so that an optimized build of the generated registry specializes it for each
    /// event: its decoding closure then calls the event's own `decode` directly, instead of
    /// through generic code that moves the value by its metadata (a tenth of decoding's cost).
    @inlinable
    public init<Event: DomainEvent>(_ type: Event.Type) {
        eventType = Event.eventType
        eventName = Event.eventName
        entityName = Event.entityName
        visibility = Event.visibility
        storedGenerations = Event.storedGenerations
        decode = { generation, payload, decoder in try Event.decode(generation: generation, from: payload, using: decoder) }
    }
}

/// Why the registry refused an event.
public enum RegistryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stored event whose type id no registered event has.
    case unknownEventType(UUID, eventName: String)
    /// A stored generation the event type does not know.
    case unknownGeneration(eventName: String, eventType: UUID, generation: Int, known: [Int])
    /// An event appended to, or read from, an entity it is not registered for.
    case notRegisteredForEntity(eventName: String, entity: String, registeredFor: String)
    /// An event type the registry has no registration for.
    case unregisteredEvent(eventName: String, eventType: UUID)
    /// Two registrations with one id.
    case duplicateEventType(UUID, first: String, second: String)
    /// An event marked `retired: true`, which can be read but no longer appended.
    case retiredEvent(eventName: String)

    public var description: String {
        switch self {
        case .unknownEventType(let id, let name):
            return "no registered event has the type id \(id.uuidString.lowercased()) (stored as '\(name)'); register the domain that declares it"
        case .unknownGeneration(let name, let id, let generation, let known):
            return "event '\(name)' (\(id.uuidString.lowercased())) has no generation \(generation); known generations: \(known.map(String.init).joined(separator: ", "))"
        case .notRegisteredForEntity(let name, let entity, let registeredFor):
            return "event '\(name)' is registered for entity '\(registeredFor)', not for '\(entity)'"
        case .unregisteredEvent(let name, let id):
            return "event '\(name)' (\(id.uuidString.lowercased())) is not registered; add its domain's registry"
        case .duplicateEventType(let id, let first, let second):
            return "events '\(first)' and '\(second)' share the type id \(id.uuidString.lowercased())"
        case .retiredEvent(let name):
            return "event '\(name)' is retired: stored ones are read and replayed, new ones cannot be appended"
        }
    }
}

/// Maps event type ids and generations to event types: encodes events into pending events
/// and decodes stored envelopes of any known generation into the current event, upcasting.
/// Refuses unknown type ids, unknown generations and events of another entity.
public struct EventRegistry: Sendable {
    private let registrations: [UUID: EventRegistration]
    private let coders = EventCoders()

    public init(_ registrations: [EventRegistration]) throws {
        var table: [UUID: EventRegistration] = [:]
        for registration in registrations {
            if let existing = table[registration.eventType.id] {
                if existing.eventName == registration.eventName && existing.entityName == registration.entityName { continue }
                throw RegistryError.duplicateEventType(registration.eventType.id, first: existing.eventName, second: registration.eventName)
            }
            table[registration.eventType.id] = registration
        }
        self.registrations = table
    }

    /// The registration of a type id, if there is one.
    public func registration(for id: UUID) -> EventRegistration? {
        registrations[id]
    }

    /// Encodes the current generation of an event for appending to `entity`.
    public func pending<Event: DomainEvent>(
        _ event: Event,
        metadata: EventMetadata = EventMetadata(),
        eventID: UUID = PendingEvent.newEventID(),
        timestamp: Date = Date()
    ) throws -> PendingEvent {
        guard let registration = registrations[Event.eventType.id], registration.eventName == Event.eventName else {
            throw RegistryError.unregisteredEvent(eventName: Event.eventName, eventType: Event.eventType.id)
        }
        guard !Event.isRetired else { throw RegistryError.retiredEvent(eventName: Event.eventName) }
        let payload = try coders.encoder.encode(event)
        return PendingEvent(eventID: eventID, eventType: Event.eventType, eventName: Event.eventName, entity: registration.entityName, visibility: Event.visibility, timestamp: timestamp, metadata: metadata, payload: payload)
    }

    /// Decodes a stored event into its current generation.
    public func decode(_ envelope: EventEnvelope) throws -> any DomainEvent {
        try decode(envelope, using: coders.decoder)
    }

    func decode(_ envelope: EventEnvelope, using decoder: JSONDecoder) throws -> any DomainEvent {
        guard let registration = registrations[envelope.eventType.id] else {
            throw RegistryError.unknownEventType(envelope.eventType.id, eventName: envelope.eventName)
        }
        guard registration.entityName == envelope.source.entity else {
            throw RegistryError.notRegisteredForEntity(eventName: registration.eventName, entity: envelope.source.entity, registeredFor: registration.entityName)
        }
        guard registration.storedGenerations.contains(envelope.eventType.generation) else {
            throw RegistryError.unknownGeneration(eventName: registration.eventName, eventType: envelope.eventType.id, generation: envelope.eventType.generation, known: registration.storedGenerations)
        }
        return try registration.decode(envelope.eventType.generation, envelope.payload, decoder)
    }

    /// Decodes a stored event of one entity into that entity's event enum.
    public func decode<Events: EntityEvent>(_ envelope: EventEnvelope, as _: Events.Type) throws -> Events {
        let event = try decode(envelope)
        guard let wrapped = Events(event) else {
            let eventType = Swift.type(of: event)
            throw RegistryError.notRegisteredForEntity(eventName: eventType.eventName, entity: Events.entityName, registeredFor: eventType.entityName)
        }
        return wrapped
    }
}

/// One encoder and one decoder with the payload conventions, made once per registry: making
/// them per event cost as much as the coding itself. They are configured here and never
/// changed afterwards, and encoding or decoding does not mutate them, so sharing them across
/// threads is safe; Foundation does not mark them Sendable on every platform, hence unchecked.
final class EventCoders: @unchecked Sendable {
    let encoder = EventCoding.encoder()
    let decoder = EventCoding.decoder()
}

/// The JSON conventions of stored payloads: sorted keys, dates in the grammar of
/// `ISO8601Timestamp` (written to the millisecond, read to the nanosecond).
public enum EventCoding {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            guard let text = ISO8601Timestamp.string(from: date) else {
                throw EncodingError.invalidValue(date, EncodingError.Context(codingPath: encoder.codingPath, debugDescription: "\(date) is outside the years 0000-9999 that a stored date can hold"))
            }
            try container.encode(text)
        }
        return encoder
    }

    /// A decoder with the payload conventions: Foundation's `JSONDecoder`, reading dates in
    /// the grammar of `ISO8601Timestamp`.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601Timestamp.date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 8601 date")
            }
            return date
        }
        return decoder
    }
}
