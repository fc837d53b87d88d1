import Factum
import Foundation

/// Subscriptions: every event after a position, then the live ones, none skipped or repeated.
enum SubscriptionChecks {
    static let all: [EventStoreConformance.Check] = [
        check("a subscription catches up, then delivers live appends, in order, none twice") { context, ledger in
            let before = try await ledger.store.append(Sample.events(600), to: Sample.source("a"), expectedVersion: .noEvents)
            let other = try await ledger.openAnother()
            let subscription = ledger.store.subscribe(after: nil)
            async let received = EventStoreConformance.firstEvents(of: subscription, count: 640)
            // Appends while the subscription catches up, from this store and another one.
            var later: [EventEnvelope] = []
            for round in 0..<20 {
                let store = round % 2 == 0 ? ledger.store : other
                later += try await store.append(Sample.events(2), to: Sample.source("b\(round)"), expectedVersion: .noEvents)
                if round % 5 == 0 { try await Task.sleep(for: .milliseconds(20)) }
            }
            let delivered = try await received
            let expected = (before + later).sorted { $0.position < $1.position }
            try context.expect(delivered.count == expected.count, "delivered \(delivered.count) of \(expected.count) events within 20 s")
            try context.expect(delivered.map(\.eventID) == expected.map(\.eventID), "delivered in log order, each once")
        },
        check("a subscription after a position starts after it and follows another writer") { context, ledger in
            let first = try await ledger.store.append(Sample.events(3), to: Sample.source("a"), expectedVersion: .noEvents)
            let subscription = ledger.store.subscribe(after: first[1].position)
            async let received = EventStoreConformance.firstEvents(of: subscription, count: 3)
            try await Task.sleep(for: .milliseconds(50))
            let other = try await ledger.openAnother()
            let more = try await other.append(Sample.events(2), to: Sample.source("b"), expectedVersion: .noEvents)
            let delivered = try await received
            try context.expect(delivered.map(\.eventID) == ([first[2]] + more).map(\.eventID), "delivered: \(delivered.map(\.position))")
        },
        check("the public stream delivers only public events, in log order, none twice, from any writer") { context, ledger in
            func events(_ count: Int, public every: Int) -> [PendingEvent] {
                (0..<count).map { index in
                    var event = Sample.event(payload: ["n": index])
                    event.visibility = index % every == 0 ? .public : .private
                    return event
                }
            }
            // A run of 700 private events between public ones: more than a page.
            var stored = try await ledger.store.append(events(10, public: 3), to: Sample.source("a"), expectedVersion: .noEvents)
            stored += try await ledger.store.append(events(700, public: 1_000).map { var event = $0; event.visibility = .private; return event }, to: Sample.source("quiet"), expectedVersion: .noEvents)
            let other = try await ledger.openAnother()
            let stream = ledger.store.subscribePublic(after: nil)
            let expectedCount = 4 + 7 + 4
            async let received = EventStoreConformance.firstEvents(of: stream, count: expectedCount)
            for round in 0..<2 {
                let store = round == 0 ? ledger.store : other
                stored += try await store.append(events(10, public: 3), to: Sample.source("b\(round)"), expectedVersion: .noEvents)
            }
            stored += try await other.append(events(7, public: 1), to: Sample.source("c"), expectedVersion: .noEvents)
            let delivered = try await received
            let expected = stored.filter { $0.visibility == .public }.sorted { $0.position < $1.position }
            try context.expect(expected.count == expectedCount + 4, "the check's own count")
            let first = Array(expected.prefix(expectedCount))
            try context.expect(delivered.map(\.eventID) == first.map(\.eventID), "the public stream delivered positions \(delivered.map(\.position)), not the public ones \(first.map(\.position))")
            // Resumed after the last one it got: the rest, and nothing private.
            let rest = try await EventStoreConformance.firstEvents(of: ledger.store.subscribePublic(after: delivered.last?.position), count: 4, within: 10)
            try context.expect(rest.map(\.eventID) == expected.suffix(4).map(\.eventID), "resumed after \(delivered.last?.position ?? 0), it delivered \(rest.map(\.position))")
        },
        check("a subscription ends when its task is cancelled") { context, ledger in
            _ = try await ledger.store.append(Sample.events(1), to: Sample.source("a"), expectedVersion: .noEvents)
            let subscription = ledger.store.subscribe(after: nil)
            let delivered = Counter()
            let task = Task {
                var count = 0
                for try await _ in subscription {
                    count += 1
                    await delivered.add()
                }
                return count
            }
            // Cancel once the one event was delivered, however slow the machine.
            for _ in 0..<1_000 where await delivered.value == 0 { try await Task.sleep(for: .milliseconds(10)) }
            task.cancel()
            let ended = try await withThrowingTaskGroup(of: Int?.self) { group in
                group.addTask { try await task.value }
                group.addTask { try await Task.sleep(for: .seconds(10)); return nil }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            try context.expect(ended == 1, "the cancelled subscription ended after its one event: \(ended.map(String.init) ?? "still running after 10 s")")
        },
    ]
}

extension EventStoreConformance {
    /// The first `count` envelopes of a subscription, or those that arrived within `seconds`:
    /// for a store's own subscription tests.
    public static func firstEvents(of subscription: EventSubscription, count: Int, within seconds: Double = 20) async throws -> [EventEnvelope] {
        try await withThrowingTaskGroup(of: [EventEnvelope]?.self) { group in
            group.addTask {
                var received: [EventEnvelope] = []
                for try await envelope in subscription {
                    received.append(envelope)
                    if received.count == count { break }
                }
                return received
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            // The collector's events, or, when the time is up, what it had: cancelled, the
            // subscription ends and the collector returns.
            var result: [EventEnvelope] = []
            while let item = try await group.next() {
                group.cancelAll()
                if let received = item {
                    result = received
                    break
                }
            }
            return result
        }
    }
}

/// A count shared with a subscription's task.
actor Counter {
    private(set) var value = 0
    func add() { value += 1 }
}
