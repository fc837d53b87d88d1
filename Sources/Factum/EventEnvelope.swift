import Foundation

/// Where events come from: one instance of one entity.
public struct EventSource: Hashable, Sendable, Codable, CustomStringConvertible {
    public var entity: String
    public var id: String

    public init(entity: String, id: String) {
        self.entity = entity
        self.id = id
    }

    public var description: String { "\(entity) '\(id)'" }
}

/// What travels with an event besides its payload.
public struct EventMetadata: Hashable, Sendable, Codable {
    /// Ties together the events of one business transaction.
    public var correlationID: String?
    /// The id of the command or event that caused this one.
    public var causationID: String?
    /// Who or what did it: a user, a service, a register.
    public var actor: String?
    /// Anything else the application wants to keep.
    public var values: [String: String]

    public init(correlationID: String? = nil, causationID: String? = nil, actor: String? = nil, values: [String: String] = [:]) {
        self.correlationID = correlationID
        self.causationID = causationID
        self.actor = actor
        self.values = values
    }
}

/// An event encoded and ready to append; the store gives it its position and version.
public struct PendingEvent: Hashable, Sendable {
    /// The id of this one event, so that a retried append is recognised, not stored twice.
    public var eventID: UUID
    public var eventType: EventType
    public var eventName: String
    public var entity: String
    public var visibility: EventVisibility
    public var timestamp: Date
    public var metadata: EventMetadata
    public var payload: Data

    /// An event ready to append. Generated code makes them through the registry
    /// (`EventRegistry.pending`); a store's own tests, and the conformance kit, by hand.
    public init(eventID: UUID = PendingEvent.newEventID(), eventType: EventType, eventName: String, entity: String, visibility: EventVisibility = .private, timestamp: Date = Date(), metadata: EventMetadata = EventMetadata(), payload: Data) {
        self.eventID = eventID
        self.eventType = eventType
        self.eventName = eventName
        self.entity = entity
        self.visibility = visibility
        self.timestamp = timestamp
        self.metadata = metadata
        self.payload = payload
    }
}

/// A stored event.
public struct EventEnvelope: Hashable, Sendable, Codable {
    public var eventID: UUID
    /// The event's position in the whole log, from 1.
    public var position: Int64
    public var source: EventSource
    /// The event's version within its source: 1, 2, 3… with no gaps.
    public var version: Int
    public var eventType: EventType
    public var eventName: String
    public var visibility: EventVisibility
    public var timestamp: Date
    public var metadata: EventMetadata
    /// The event's JSON, in the shape of its generation.
    public var payload: Data

    public init(eventID: UUID, position: Int64, source: EventSource, version: Int, eventType: EventType, eventName: String, visibility: EventVisibility, timestamp: Date, metadata: EventMetadata, payload: Data) {
        self.eventID = eventID
        self.position = position
        self.source = source
        self.version = version
        self.eventType = eventType
        self.eventName = eventName
        self.visibility = visibility
        self.timestamp = timestamp
        self.metadata = metadata
        self.payload = payload
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension PendingEvent {
    /// A new random (version 4) event id: 122 bits from the system's secure random source, as
    /// `UUID()` makes. On Linux, `UUID()` costs about 3 µs — more than encoding the event —
    /// and one `getentropy` call about 0.4 µs.
    public static func newEventID() -> UUID {
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { buffer in
            #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
            let filled = getentropy(buffer.baseAddress, buffer.count) == 0
            #else
            let filled = false
            #endif
            if !filled {
                // No getentropy (an old kernel): the standard library's generator.
                var generator = SystemRandomNumberGenerator()
                buffer.storeBytes(of: generator.next(), toByteOffset: 0, as: UInt64.self)
                buffer.storeBytes(of: generator.next(), toByteOffset: 8, as: UInt64.self)
            }
            buffer[6] = (buffer[6] & 0x0F) | 0x40 // version 4
            buffer[8] = (buffer[8] & 0x3F) | 0x80 // the RFC 9562 variant
        }
        return UUID(uuid: bytes)
    }
}
