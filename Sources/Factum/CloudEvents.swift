import Foundation

/// Envelopes as CloudEvents 1.0 in the structured JSON format (`application/cloudevents+json`),
/// what other systems expect on a bus or a webhook, and back, losslessly:
/// `try codec.decode(codec.encode(envelope)) == envelope`.
///
/// | CloudEvents | from the envelope |
/// | --- | --- |
/// | `specversion` | `1.0` |
/// | `id` | the event id, lowercase |
/// | `source` | the codec's `source`: the producing service, a URI-reference such as `/kitchen` |
/// | `type` | the event's name |
/// | `subject` | the event source's id (the entity's key) |
/// | `time` | the timestamp, RFC 3339 in UTC, to the microsecond |
/// | `dataschema` | the generation's schema id, `urn:factum:event:<event type id>:<generation>` |
/// | `datacontenttype`, `data` | `application/json` and the payload as JSON, when the payload is JSON in Factum's canonical form (sorted keys, no spaces: what the registry writes) |
/// | `data_base64` | the payload's bytes otherwise |
///
/// and the rest as extension attributes: `factumentity`, `factumposition`, `factumversion`
/// (strings: CloudEvents integers are 32-bit), `factumeventtype`, `factumgeneration`,
/// `factumvisibility`, `factumcorrelation`, `factumcausation`, `factumactor`,
/// `factummetadata` (the metadata's values as a JSON object in a string), and
/// `factumtimestamp` (the exact `Date`, seconds since Foundation's reference date
/// 2001-01-01T00:00:00Z, only when `time` does not hold it: `Date` keeps those seconds, and
/// converting through 1970 can move the last bit).
public struct CloudEventsCodec: Sendable {
    /// The `source` of the events this codec writes.
    public var source: String

    public init(source: String) {
        self.source = source
    }

    /// The schema id of an event type's generation: what `dataschema` holds.
    public static func schemaID(_ type: EventType) -> String {
        "urn:factum:event:\(type.id.uuidString.lowercased()):\(type.generation)"
    }

    public func encode(_ envelope: EventEnvelope) throws -> Data {
        guard !source.isEmpty else { throw CloudEventsError("the codec's source is empty; CloudEvents requires a non-empty source") }
        var document: [String: Any] = [
            "specversion": "1.0",
            "id": envelope.eventID.uuidString.lowercased(),
            "source": source,
            "type": envelope.eventName,
            "subject": envelope.source.id,
            "dataschema": Self.schemaID(envelope.eventType),
            "factumentity": envelope.source.entity,
            "factumposition": String(envelope.position),
            "factumversion": String(envelope.version),
            "factumeventtype": envelope.eventType.id.uuidString.lowercased(),
            "factumgeneration": envelope.eventType.generation,
            "factumvisibility": envelope.visibility.rawValue,
        ]
        guard let time = Self.time(envelope.timestamp) else { throw CloudEventsError("the timestamp \(envelope.timestamp) is outside the years 0000–9999 that RFC 3339 writes") }
        document["time"] = time
        if ISO8601Timestamp.date(from: time) != envelope.timestamp {
            document["factumtimestamp"] = "\(envelope.timestamp.timeIntervalSinceReferenceDate)"
        }
        let metadata = envelope.metadata
        if let value = metadata.correlationID { document["factumcorrelation"] = value }
        if let value = metadata.causationID { document["factumcausation"] = value }
        if let value = metadata.actor { document["factumactor"] = value }
        if !metadata.values.isEmpty {
            document["factummetadata"] = String(decoding: try JSONSerialization.data(withJSONObject: metadata.values, options: [.sortedKeys]), as: UTF8.self)
        }
        if let value = JSONValue(parsing: envelope.payload), Self.canonical(value) == envelope.payload,
           let data = try? JSONSerialization.jsonObject(with: envelope.payload, options: [.fragmentsAllowed]) {
            document["datacontenttype"] = "application/json"
            document["data"] = data
        } else {
            document["data_base64"] = envelope.payload.base64EncodedString()
        }
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// An envelope from a CloudEvent that Factum wrote (or a relay kept its attributes): the
    /// spec's rules are checked first, then Factum's extensions; each failure names the
    /// attribute.
    public func decode(_ data: Data) throws -> EventEnvelope {
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CloudEventsError("this is not a CloudEvent in the structured JSON format: not a JSON object")
        }
        try Self.checkSpec(document)
        func text(_ name: String) throws -> String {
            guard let value = document[name] as? String else { throw CloudEventsError("the event has no '\(name)' string; Factum's events carry one") }
            return value
        }
        func optionalText(_ name: String) throws -> String? {
            guard let value = document[name] else { return nil }
            guard let text = value as? String else { throw CloudEventsError("'\(name)' is not a string") }
            return text
        }
        func integer(_ name: String) throws -> Int64 {
            if let text = document[name] as? String, let value = Int64(text) { return value }
            if let number = document[name] as? NSNumber, case .number(.integer(let value))? = JSONValue(foundation: number) { return value }
            throw CloudEventsError("the event has no whole number '\(name)'; Factum's events carry one")
        }
        guard let eventID = UUID(uuidString: try text("id")) else { throw CloudEventsError("'id' is not a UUID: Factum's event ids are") }
        guard let typeID = UUID(uuidString: try text("factumeventtype")) else { throw CloudEventsError("'factumeventtype' is not a UUID") }
        guard let visibility = EventVisibility(rawValue: try text("factumvisibility")) else { throw CloudEventsError("'factumvisibility' is neither 'public' nor 'private'") }
        let generation = try integer("factumgeneration")
        let version = try integer("factumversion")
        guard (1...Int64(Int32.max)).contains(generation), (1...Int64(Int32.max)).contains(version) else {
            throw CloudEventsError("'factumgeneration' and 'factumversion' count from 1")
        }
        let timestamp: Date
        if let exact = try optionalText("factumtimestamp") {
            guard let value = Double(exact), value.isFinite else { throw CloudEventsError("'factumtimestamp' is not a number of seconds") }
            timestamp = Date(timeIntervalSinceReferenceDate: value)
        } else {
            guard let value = ISO8601Timestamp.date(from: try text("time")) else { throw CloudEventsError("'time' is not an RFC 3339 timestamp") }
            timestamp = value
        }
        var values: [String: String] = [:]
        if let encoded = try optionalText("factummetadata") {
            guard let decoded = try? JSONSerialization.jsonObject(with: Data(encoded.utf8)) as? [String: String] else {
                throw CloudEventsError("'factummetadata' is not a JSON object of strings")
            }
            values = decoded
        }
        let payload: Data
        if let base64 = document["data_base64"] {
            guard let text = base64 as? String, let bytes = Data(base64Encoded: text) else { throw CloudEventsError("'data_base64' is not base64") }
            payload = bytes
        } else if let body = document["data"] {
            // JSON data, written back in Factum's canonical form: the bytes it was written from.
            guard let value = JSONValue(foundation: body) else {
                throw CloudEventsError("'data' is not JSON that Factum reads")
            }
            payload = Self.canonical(value)
        } else {
            throw CloudEventsError("the event has neither 'data' nor 'data_base64'; Factum's events always carry a payload")
        }
        return EventEnvelope(
            eventID: eventID, position: try integer("factumposition"),
            source: EventSource(entity: try text("factumentity"), id: try text("subject")), version: Int(version),
            eventType: EventType(id: typeID, generation: Int(generation)), eventName: try text("type"), visibility: visibility,
            timestamp: timestamp,
            metadata: EventMetadata(correlationID: try optionalText("factumcorrelation"), causationID: try optionalText("factumcausation"), actor: try optionalText("factumactor"), values: values),
            payload: payload
        )
    }

    // MARK: The spec's rules

    /// CloudEvents 1.0's rules for the context attributes: the required ones present and
    /// non-empty strings, `specversion` 1.0, optional ones non-empty when present, `time` RFC
    /// 3339, and attribute names of lowercase letters and digits (`data` and `data_base64`
    /// aside, and not both).
    static func checkSpec(_ document: [String: Any]) throws {
        for name in ["id", "source", "specversion", "type"] {
            guard let value = document[name] as? String, !value.isEmpty else {
                throw CloudEventsError("the required attribute '\(name)' is missing or not a non-empty string")
            }
        }
        guard document["specversion"] as? String == "1.0" else {
            throw CloudEventsError("'specversion' is \(document["specversion"] ?? ""), not 1.0")
        }
        for name in ["subject", "dataschema", "datacontenttype", "time"] where document[name] != nil {
            guard let value = document[name] as? String, !value.isEmpty else { throw CloudEventsError("'\(name)' is present but not a non-empty string") }
        }
        if let time = document["time"] as? String, ISO8601Timestamp.secondsSince1970(time) == nil {
            throw CloudEventsError("'time' is not an RFC 3339 timestamp")
        }
        if document["data"] != nil, document["data_base64"] != nil {
            throw CloudEventsError("the event holds both 'data' and 'data_base64'")
        }
        for name in document.keys where name != "data" && name != "data_base64" {
            guard !name.isEmpty, name.utf8.allSatisfy({ (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) }) else {
                throw CloudEventsError("the attribute name '\(name)' is not lowercase letters and digits, as CloudEvents requires")
            }
        }
    }

    // MARK: Forms

    /// `date` as RFC 3339 in UTC, to the microsecond, trailing zeros of the fraction dropped.
    static func time(_ date: Date) -> String? {
        guard var text = ISO8601Timestamp.string(from: date, fractionDigits: 6) else { return nil }
        text.removeLast()   // "Z"
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "Z"
    }

    /// JSON in Factum's canonical form: keys sorted, no spaces, numbers as Swift writes them,
    /// strings with only `"`, `\` and control characters escaped.
    static func canonical(_ value: JSONValue) -> Data {
        var out: [UInt8] = []
        write(value, to: &out)
        return Data(out)
    }

    private static func write(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
        case .number(.integer(let number)): out += Array(String(number).utf8)
        case .number(.double(let number)): out += Array("\(number)".utf8)
        case .string(let text): writeString(text, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Why a CloudEvent could not be written or read.
public struct CloudEventsError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
