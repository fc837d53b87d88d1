import Factum
import Foundation

/// The property: the same random log and the same random selectors select the same events at
/// the same places on the store under test as on `InMemoryEventStore`, the reference.
enum PropertyChecks {
    typealias Random = SeededRandom

    static let entities = ["Kitchen", "Order", "Seat"]
    static let names = ["Opened", "Closed", "Changed", "Moved"]
    static let dishes = ["Chili", "Soup", "Curry", "Paella", "chili"]

    static func randomEvent(_ random: inout Random, entity: String) -> PendingEvent {
        var payload: [String: Any] = ["n": Int.random(in: -3...10, using: &random)]
        if Bool.random(using: &random) { payload["dish"] = dishes.randomElement(using: &random)! }
        if Bool.random(using: &random) { payload["tags"] = (0..<Int.random(in: 0...3, using: &random)).map { _ in ["hot", "mild", "new"].randomElement(using: &random)! } }
        if Int.random(in: 0..<4, using: &random) == 0 { payload["price"] = Double(Int.random(in: 0...4000, using: &random)) / 100 }
        if Int.random(in: 0..<5, using: &random) == 0 { payload["note"] = NSNull() }
        let metadata = EventMetadata(correlationID: "c-\(Int.random(in: 0..<5, using: &random))", actor: ["register-1", "register-2", "kiosk"].randomElement(using: &random)!, values: Bool.random(using: &random) ? ["shift": "night"] : [:])
        return Sample.event(entity + names.randomElement(using: &random)!, entity: entity, payload: payload, metadata: metadata)
    }

    static let paths = [
        "$.n > 3", "$.n == 0", "$.dish", #"$.dish == "Chili""#, #"$.dish like_regex "^c" flag "i""#, #"$.dish starts with "C""#,
        #"$.tags[*] ? (@ == "hot")"#, "$.tags[0]", "$.price >= 10.5", "$.note == null", "$.note != null", "exists($.price)",
        "!(exists($.dish))", "$.n < 0 || $.price > 30", #"$ ? (@.n > 2 && @.dish != "Soup")"#, "$.missing",
    ]
    static let metaPaths = [#"$.actor starts with "register-""#, #"$.shift == "night""#, #"$.correlationId == "c-1""#, "$.causationId"]

    static func randomSelector(_ random: inout Random, positions: [Int64]) -> EventSelector {
        let after = Bool.random(using: &random) ? nil : positions.isEmpty ? nil : Optional(Int.random(in: 0..<positions.count, using: &random))
        let limit = Int.random(in: 0..<3, using: &random) == 0 ? Int.random(in: 0...20, using: &random) : nil
        // `after` is an index into the log, turned into each store's own position by the caller.
        let afterIndex = after.map { Int64($0) }
        if Bool.random(using: &random) {
            let entity = entities.randomElement(using: &random)!
            let keys = Bool.random(using: &random) ? (0..<Int.random(in: 1...2, using: &random)).map { _ in "k\(Int.random(in: 0..<4, using: &random))" } : nil
            let events = Bool.random(using: &random) ? [entity + names.randomElement(using: &random)!] : nil
            return .replay(ReplaySelector(entity: entity, keys: keys, events: events, after: afterIndex, limit: limit))
        }
        var data: [String: String] = [:]
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            data[entities.randomElement(using: &random)! + names.randomElement(using: &random)!] = paths.randomElement(using: &random)!
        }
        let meta = Int.random(in: 0..<3, using: &random) == 0 ? metaPaths.randomElement(using: &random)! : nil
        return .filter(FilterSelector(data: data, meta: meta, after: afterIndex, limit: limit))
    }

    /// The selector with its `after` index turned into a position of the given log.
    static func placed(_ selector: EventSelector, in log: [EventEnvelope]) -> EventSelector {
        func position(_ index: Int64?) -> Int64? { index.map { log[Int($0)].position } }
        switch selector {
        case .replay(var replay): replay.after = position(replay.after); return .replay(replay)
        case .filter(var filter): filter.after = position(filter.after); return .filter(filter)
        }
    }

    static let all: [EventStoreConformance.Check] = [
        check("random logs and selectors select what InMemoryEventStore selects") { context, ledger in
            let seed = UInt64.random(in: 0...UInt64.max)
            var random = Random(state: seed)
            let reference = InMemoryEventStore()
            for _ in 0..<60 {
                let entity = entities.randomElement(using: &random)!
                let source = EventSource(entity: entity, id: "k\(Int.random(in: 0..<4, using: &random))")
                let batch = (0..<Int.random(in: 1...4, using: &random)).map { _ in randomEvent(&random, entity: entity) }
                _ = try await ledger.store.append(batch, to: source, expectedVersion: .any)
                _ = try await reference.append(batch, to: source, expectedVersion: .any)
            }
            let ours = try await ledger.store.readAll(after: nil, limit: nil)
            let theirs = await reference.readAll(after: nil, limit: nil)
            try context.expect(ours.map(\.eventID) == theirs.map(\.eventID), "seed \(seed): the logs differ")
            for round in 0..<150 {
                let selector = randomSelector(&random, positions: theirs.map(\.position))
                let expected = try await reference.events(placed(selector, in: theirs)).map(\.eventID)
                let actual = try await ledger.store.events(placed(selector, in: ours)).map(\.eventID)
                try context.expect(actual == expected, "seed \(seed), round \(round): \(selector) selected \(actual.count) events, InMemoryEventStore \(expected.count)")
                // The same selector guards an append alike: it fails exactly when events match.
                if case .filter(let filter) = selector, filter.limit == nil {
                    let after = placed(selector, in: ours)
                    let position: Int64? = { if case .filter(let placed) = after { return placed.after }; return nil }()
                    let probe = Sample.event("ProbeAppended", entity: "Probe")
                    do {
                        _ = try await ledger.store.append([probe], to: EventSource(entity: "Probe", id: "p\(round)"), expectedVersion: .any, condition: AppendCondition(failIfEventsMatch: .filter(FilterSelector(data: filter.data, meta: filter.meta)), after: position))
                        try context.expect(expected.isEmpty, "seed \(seed), round \(round): a guarded append passed although \(expected.count) events match")
                        _ = try await reference.append([probe], to: EventSource(entity: "Probe", id: "p\(round)"), expectedVersion: .any)
                    } catch EventStoreError.conditionFailed {
                        try context.expect(!expected.isEmpty, "seed \(seed), round \(round): a guarded append failed although no event matches")
                    }
                }
            }
        },
    ]
}

/// SplitMix64: random numbers that a seed replays, so that a failing check (whose message
/// names its seed) can be run again as it ran. Public for the tests of stores of your own.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
