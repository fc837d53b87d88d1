import Factum
import FactumConformance
import Testing

/// The conformance kit against the in-memory store.
@Suite("Conformance: InMemoryEventStore", .timeLimit(.minutes(2)))
struct InMemoryConformanceTests {
    @Test(arguments: EventStoreConformance.checks)
    func conformance(_ check: EventStoreConformance.Check) async throws {
        try await check.run { EventStoreConformance.Ledger(InMemoryEventStore()) }
    }
}

/// The kit fails a store that breaks the contract: one that ignores expected versions and
/// conditions, and one whose subscriptions skip events.
@Suite("Conformance kit catches broken stores", .timeLimit(.minutes(2)))
struct BrokenStoreTests {
    struct Careless: EventStore {
        let inner = InMemoryEventStore()
        var skipsInSubscriptions = false

        func append(_ events: [PendingEvent], to source: EventSource, expectedVersion: ExpectedVersion, condition: AppendCondition?) async throws -> [EventEnvelope] {
            try await inner.append(events, to: source, expectedVersion: skipsInSubscriptions ? expectedVersion : .any, condition: skipsInSubscriptions ? condition : nil)
        }
        func read(_ source: EventSource, fromVersion: Int) async throws -> [EventEnvelope] { await inner.read(source, fromVersion: fromVersion) }
        func readAll(after position: Int64?, limit: Int?) async throws -> [EventEnvelope] { await inner.readAll(after: position, limit: limit) }
        func replay(_ selector: ReplaySelector) async throws -> [EventEnvelope] { await inner.replay(selector) }
        func filter(_ selector: FilterSelector) async throws -> [EventEnvelope] { try await inner.filter(selector) }
        func subscribe(after position: Int64?) -> EventSubscription {
            let inner = inner
            let skips = skipsInSubscriptions
            return EventSubscription(after: position, signal: ChangeSignal(), pollInterval: .milliseconds(10)) { after, limit in
                // Skipping: every page starts one event further on.
                await inner.readAll(after: after.map { skips ? $0 + 1 : $0 }, limit: limit)
            }
        }
    }

    @Test func ignoringVersionsAndConditionsFails() async {
        let failures = await EventStoreConformance.failures { EventStoreConformance.Ledger(Careless()) }.map(\.check)
        #expect(failures.contains("a wrong expected version is refused with the actual version"))
        #expect(failures.contains("of 16 concurrent appends with one expected version exactly one wins"))
        #expect(failures.contains("of 16 concurrent guarded appends to 16 sources with one selector exactly one commits"))
        #expect(failures.contains("random logs and selectors select what InMemoryEventStore selects"))
    }

    @Test func skippingInSubscriptionsFails() async throws {
        let check = try #require(EventStoreConformance.checks.first { $0.name == "a subscription catches up, then delivers live appends, in order, none twice" })
        await #expect(throws: ConformanceFailure.self) {
            try await check.run { EventStoreConformance.Ledger(Careless(skipsInSubscriptions: true)) }
        }
    }
}
