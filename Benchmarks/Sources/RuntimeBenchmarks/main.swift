import Factum
import Foundation

// The runtime's costs, each against a baseline measured in the same run:
//     swift run -c release --package-path Benchmarks RuntimeBenchmarks

// The best of several runs: on a shared machine, noise only ever adds time. Encoding and
// decoding run their baseline and candidates in turn, round after round.
func measure(_ runs: Int = 9, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000)
    }
    return times.min() ?? 0
}

func measureAsync(_ runs: Int = 9, _ body: () async throws -> Void) async rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000)
    }
    return times.min() ?? 0
}

/// The best time of each body, the bodies run in turn round after round, so that a baseline
/// and what it is compared with see the same moments of a shared machine.
func measureTogether(_ rounds: Int = 15, _ bodies: [() throws -> Void]) throws -> [Double] {
    var best = [Double](repeating: .infinity, count: bodies.count)
    for round in 0..<rounds {
        // Each round starts with another body, so that none always runs first.
        for offset in bodies.indices {
            let index = (round + offset) % bodies.count
            let start = DispatchTime.now().uptimeNanoseconds
            try bodies[index]()
            best[index] = min(best[index], Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000)
        }
    }
    return best
}

func row(_ name: String, _ count: Int, _ seconds: Double, baseline: Double) {
    print(String(format: "| %@ | %.0f/s | %.2f× |", name, Double(count) / seconds, seconds / baseline))
}

let count = 20_000
let registry = try BenchRegistry.makeRegistry()
let events = (0..<count).map { ReadingTaken(sensor: "s\($0 % 10)", value: Double($0) / 4, count: Int64($0), tags: ["a", "b"], note: $0 % 3 == 0 ? "n" : nil) }
let source = EventSource(entity: "Sensor", id: "bench")
let envelopes = try events.enumerated().map { index, event -> EventEnvelope in
    let pending = try registry.pending(event)
    return EventEnvelope(eventID: pending.eventID, position: Int64(index + 1), source: source, version: index + 1, eventType: pending.eventType, eventName: pending.eventName, visibility: pending.visibility, timestamp: pending.timestamp, metadata: pending.metadata, payload: pending.payload)
}
let oldEnvelopes = envelopes.map { envelope -> EventEnvelope in
    var old = envelope
    old.eventType = EventType(id: ReadingTaken.eventType.id, generation: 1)
    old.payload = Data(#"{"sensor":"s1","value":2.5,"count":7,"tags":["a","b"]}"#.utf8)
    return old
}

#if DEBUG
print("Factum runtime benchmark (debug build), \(count) events, best of 9 runs")
#else
print("Factum runtime benchmark (release build), \(count) events, best of 9 runs")
#endif
print("")
print("| operation | events per second | time ÷ baseline |")
print("| --- | ---: | ---: |")

let encoder = JSONEncoder()
let conventionalEncoder = EventCoding.encoder()
let encodes = try measureTogether(15, [
    { for event in events { _ = try encoder.encode(event) } },
    { for event in events { _ = try conventionalEncoder.encode(event) } },
    { for event in events { _ = try registry.pending(event) } },
])
let plainEncode = encodes[0]
row("plain JSONEncoder (baseline)", count, plainEncode, baseline: plainEncode)
row("EventCoding.encoder() (sorted keys)", count, encodes[1], baseline: plainEncode)
row("encode through the registry", count, encodes[2], baseline: plainEncode)

let decoder = JSONDecoder()
let configured = EventCoding.decoder()
let decodes = try measureTogether(15, [
    { for envelope in envelopes { _ = try decoder.decode(ReadingTaken.self, from: envelope.payload) } },
    { for envelope in envelopes { _ = try configured.decode(ReadingTaken.self, from: envelope.payload) } },
    { for envelope in envelopes { _ = try registry.decode(envelope) } },
    { for envelope in oldEnvelopes { _ = try registry.decode(envelope) } },
    { _ = try Sensor.rebuilt(from: envelopes, registry: registry) },
])
let plainDecode = decodes[0]
row("plain JSONDecoder (baseline)", count, plainDecode, baseline: plainDecode)
row("EventCoding.decoder() (JSONDecoder with the payload conventions: ISO 8601 dates)", count, decodes[1], baseline: plainDecode)
row("decode through the registry", count, decodes[2], baseline: plainDecode)
row("decode generation 1 through a 3-step upcast chain", count, decodes[3], baseline: plainDecode)
row("rebuild an aggregate from envelopes", count, decodes[4], baseline: plainDecode)

let pending = try events.map { try registry.pending($0) }
let appendAny = try await measureAsync {
    let store = InMemoryEventStore()
    for event in pending { _ = try await store.append([event], to: source, expectedVersion: .any) }
}
print(String(format: "| append one at a time, no version check (baseline) | %.0f/s | 1.00× |", Double(count) / appendAny))
let appendChecked = try await measureAsync {
    let store = InMemoryEventStore()
    for (index, event) in pending.enumerated() { _ = try await store.append([event], to: source, expectedVersion: .exactly(index)) }
}
print(String(format: "| append one at a time with expected-version checks | %.0f/s | %.2f× |", Double(count) / appendChecked, appendChecked / appendAny))
let store = InMemoryEventStore()
_ = try await store.append(pending, to: source, expectedVersion: .noEvents)
let repository = EventSourcedRepository<Sensor>(store: store, registry: registry)
let load = try await measureAsync { _ = try await repository.load(SensorKey("bench")) }
print(String(format: "| rebuild an aggregate from the in-memory store | %.0f/s | %.2f× |", Double(count) / load, load / plainDecode))
