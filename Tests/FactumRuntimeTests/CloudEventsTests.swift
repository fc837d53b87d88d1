import Factum
import Foundation
import Testing

/// Envelopes as CloudEvents 1.0 (structured JSON) and back, losslessly; the spec's rules for
/// context attributes; and the CloudEvents Python SDK reading what Factum writes and writing
/// what Factum reads.
@Suite("CloudEvents")
struct CloudEventsTests {
    let codec = CloudEventsCodec(source: "/kitchen-service")

    func envelope(_ payload: Data, position: Int64 = 7, timestamp: Date = Date(timeIntervalSince1970: 1_700_000_000.5), metadata: EventMetadata = EventMetadata(), visibility: EventVisibility = .public) -> EventEnvelope {
        EventEnvelope(eventID: UUID(), position: position, source: EventSource(entity: "Kitchen", id: "downtown/1"), version: 3,
                      eventType: KitchenOpened.eventType, eventName: "KitchenOpened", visibility: visibility, timestamp: timestamp, metadata: metadata, payload: payload)
    }

    /// Envelopes of every kind the codec must keep: JSON payloads from the registry, other
    /// JSON, bytes that are not JSON, long positions, odd timestamps, full metadata.
    var samples: [EventEnvelope] {
        get throws {
            var seeded = SystemRandomNumberGenerator()
            return [
                envelope(try registry.pending(KitchenOpened(chef: "Zoë \"the\" chef / ∑ \n")).payload),
                envelope(try registry.pending(DrinksOrdered(drinks: ["tea", "gin"], amount: 12.75, currency: "EUR")).payload, position: Int64(Int32.max) * 4),
                envelope(Data(#"{"b": 1, "a": [1.5, null, true, {"z": "x"}]}"#.utf8)),
                envelope(Data([0, 1, 2, 255, 254])),
                envelope(Data(#"{"nul":"a\u0000b"}"#.utf8)),
                envelope(Data("[1e400]".utf8)),
                envelope(Data(#""just a string""#.utf8)),
                envelope(Data("{}".utf8), timestamp: Date(timeIntervalSince1970: Double.random(in: 0...2_000_000_000, using: &seeded))),
                envelope(Data("{}".utf8), timestamp: Date(timeIntervalSince1970: -300_000_000.25)),
                envelope(Data("{}".utf8), timestamp: Date()),
                envelope(Data("{}".utf8), timestamp: Date(timeIntervalSinceReferenceDate: 786_672_517.993_552_2)),
                envelope(Data("{}".utf8), timestamp: Date(timeIntervalSinceReferenceDate: Double.random(in: 0...900_000_000, using: &seeded))),
                envelope(Data("{}".utf8), metadata: EventMetadata(correlationID: "order-1", causationID: "cmd-9", actor: "register-2", values: ["shift": "night", "weird key!": "ü"]), visibility: .private),
            ]
        }
    }

    @Test func everyEnvelopeComesBackAsItWent() throws {
        for original in try samples {
            let encoded = try codec.encode(original)
            let decoded = try codec.decode(encoded)
            #expect(decoded == original, "\(String(decoding: encoded, as: UTF8.self))")
        }
    }

    @Test func theDocumentIsWhatOtherSystemsRead() throws {
        let original = try samples[1]
        let document = try #require(try JSONSerialization.jsonObject(with: try codec.encode(original)) as? [String: Any])
        #expect(document["specversion"] as? String == "1.0" && document["source"] as? String == "/kitchen-service")
        #expect(document["id"] as? String == original.eventID.uuidString.lowercased() && document["type"] as? String == "KitchenOpened")
        #expect(document["subject"] as? String == "downtown/1" && document["time"] as? String == "2023-11-14T22:13:20.5Z")
        #expect(document["dataschema"] as? String == "urn:factum:event:\(KitchenOpened.eventType.id.uuidString.lowercased()):\(KitchenOpened.eventType.generation)")
        #expect(document["datacontenttype"] as? String == "application/json")
        #expect((document["data"] as? [String: Any])?["currency"] as? String == "EUR", "registry payloads travel as JSON, not base64")
        #expect(document["factumposition"] as? String == String(Int64(Int32.max) * 4))
        #expect(document["factumtimestamp"] == nil, "a time RFC 3339 holds exactly needs no exact copy")
        #expect(document.keys.allSatisfy { $0 == "data" || $0.range(of: "^[a-z0-9]{1,20}$", options: .regularExpression) != nil }, "\(document.keys.sorted())")
        let bytes = try #require(try JSONSerialization.jsonObject(with: try codec.encode(try samples[3])) as? [String: Any])
        #expect(bytes["data_base64"] as? String == "AAEC//4=" && bytes["data"] == nil && bytes["datacontenttype"] == nil)
        let current = try samples[9]
        let now = try #require(try JSONSerialization.jsonObject(with: try codec.encode(current)) as? [String: Any])
        let exact = (now["time"] as? String).flatMap(ISO8601Timestamp.date(from:)) == current.timestamp
        #expect(now["factumtimestamp"] != nil || exact)
    }

    @Test func theSpecsRulesAreChecked() throws {
        let good = try #require(try JSONSerialization.jsonObject(with: try codec.encode(try samples[0])) as? [String: Any])
        func refused(_ change: (inout [String: Any]) -> Void, _ words: String) throws {
            var document = good
            change(&document)
            let data = try JSONSerialization.data(withJSONObject: document)
            #expect(throws: CloudEventsError.self) { try codec.decode(data) }
            do { _ = try codec.decode(data) } catch let error as CloudEventsError { #expect(error.message.contains(words), "\(error.message)") }
        }
        for name in ["id", "source", "specversion", "type"] {
            try refused({ $0[name] = nil }, "required attribute '\(name)'")
            try refused({ $0[name] = "" }, "required attribute '\(name)'")
        }
        try refused({ $0["specversion"] = "0.3" }, "not 1.0")
        try refused({ $0["subject"] = "" }, "'subject' is present")
        try refused({ $0["time"] = "yesterday" }, "'time' is not an RFC 3339")
        try refused({ $0["Factum-Extra"] = "x" }, "lowercase letters and digits")
        try refused({ $0["data_base64"] = "AA==" }, "both 'data' and 'data_base64'")
        try refused({ $0["factumentity"] = nil }, "'factumentity'")
        try refused({ $0["id"] = "not-a-uuid" }, "'id' is not a UUID")
        #expect(throws: CloudEventsError.self) { try CloudEventsCodec(source: "").encode(try samples[0]) }
        #expect(throws: CloudEventsError.self) { try codec.encode(envelope(Data("{}".utf8), timestamp: Date(timeIntervalSince1970: 1e15))) }
    }

    /// The SDK (`pip install cloudevents==2.2.0`; .ci/run installs it) reads each event with its
    /// validating reader and writes it again; Factum reads what it wrote. Skipped without the
    /// SDK, failed without it under CI=true.
    static let sdkAvailable: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import cloudevents.core.formats.json"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    @Test(.enabled(if: sdkAvailable || ProcessInfo.processInfo.environment["CI"] == "true", "the CloudEvents Python SDK is missing: pip install cloudevents==2.2.0"))
    func theCloudEventsPythonSDKReadsAndWritesThem() throws {
        try #require(Self.sdkAvailable, "the CloudEvents Python SDK is missing: pip install cloudevents==2.2.0 (.ci/run installs it)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("factum-cloudevents-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let originals = try samples
        for (index, original) in originals.enumerated() {
            try codec.encode(original).write(to: folder.appendingPathComponent("\(index).json"))
        }
        let script = """
            import sys, pathlib
            from cloudevents.core.formats.json import JSONFormat
            from cloudevents.core.v1.event import CloudEvent
            fmt = JSONFormat()
            for path in sorted(pathlib.Path(sys.argv[1]).glob("*.json")):
                event = fmt.read(None, path.read_bytes())
                assert isinstance(event, CloudEvent), type(event)
                assert event.get_source() == "/kitchen-service"
                path.with_suffix(".relayed").write_bytes(fmt.write(event))
            # An event the SDK makes itself, with Factum's attributes.
            made = CloudEvent({"id": "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", "source": "/python", "type": "KitchenOpened", "subject": "uptown",
                               "factumentity": "Kitchen", "factumposition": "12", "factumversion": "1", "factumeventtype": "44444444-4444-4444-8444-444444444444",
                               "factumgeneration": 1, "factumvisibility": "public", "time": __import__("datetime").datetime(2026, 12, 4, 12, 30, tzinfo=__import__("datetime").timezone.utc),
                               "datacontenttype": "application/json"}, {"chef": "Bo"})
            (pathlib.Path(sys.argv[1]) / "made.python").write_bytes(fmt.write(made))
            """
        try script.write(to: folder.appendingPathComponent("relay.py"), atomically: true, encoding: .utf8)
        let relay = Process()
        relay.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        relay.arguments = ["python3", folder.appendingPathComponent("relay.py").path, folder.path]
        let errors = Pipe()
        relay.standardError = errors
        try relay.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        relay.waitUntilExit()
        try #require(relay.terminationStatus == 0, "the SDK refused or failed: \(message)")
        for (index, original) in originals.enumerated() {
            let relayed = try Data(contentsOf: folder.appendingPathComponent("\(index).relayed"))
            #expect(try codec.decode(relayed) == original, "\(String(decoding: relayed, as: UTF8.self))")
        }
        let made = try codec.decode(try Data(contentsOf: folder.appendingPathComponent("made.python")))
        #expect(made.source == EventSource(entity: "Kitchen", id: "uptown") && made.position == 12 && made.eventName == "KitchenOpened")
        #expect(made.timestamp == Date(timeIntervalSince1970: 1_796_387_400) && made.payload == Data(#"{"chef":"Bo"}"#.utf8))
        let decoded = try registry.decode(made)
        #expect((decoded as? KitchenOpened)?.chef == "Bo")
    }
}
