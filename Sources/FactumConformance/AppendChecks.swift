import Factum
import Foundation

/// Appending: versions, positions, expected versions, retries, atomicity.
enum AppendChecks {
    static let all: [EventStoreConformance.Check] = [
        check("appends give consecutive versions and increasing positions") { context, ledger in
            let a = try await ledger.store.append(Sample.events(3), to: Sample.source("a"), expectedVersion: .noEvents)
            let b = try await ledger.store.append(Sample.events(2), to: Sample.source("b"), expectedVersion: .any)
            try context.expect(a.map(\.version) == [1, 2, 3], "versions of the first source: \(a.map(\.version))")
            try context.expect(b.map(\.version) == [1, 2], "versions of the second source: \(b.map(\.version))")
            let positions = (a + b).map(\.position)
            try context.expect(positions.first ?? 0 >= 1, "positions start at 1 or later: \(positions)")
            try context.expect(zip(positions, positions.dropFirst()).allSatisfy { $0 < $1 }, "positions increase in append order: \(positions)")
            let all = try await ledger.store.readAll(after: nil, limit: nil)
            try context.expect(all.map(\.eventID) == (a + b).map(\.eventID), "readAll returns the log in order")
            try context.expect(all == a + b, "the stored envelopes equal the ones the appends returned")
        },
        check("an append stores the payload, metadata and timestamp as given") { context, ledger in
            let payload = Data(#"{"text":"Grüße 🌶️ \"quoted\"","n":1.5,"list":[1,null,true]}"#.utf8)
            let metadata = EventMetadata(correlationID: "c-1", causationID: "k-2", actor: "register-7", values: ["shift": "night", "empty": ""])
            let event = PendingEvent(eventType: Sample.eventType, eventName: "ThingHappened", entity: "Thing", visibility: .public, timestamp: Date(timeIntervalSince1970: 1_700_000_000.125), metadata: metadata, payload: payload)
            let large = Sample.event(payload: ["blob": String(repeating: "x", count: 10_000)])
            let notJSON = PendingEvent(eventType: Sample.eventType, eventName: "ThingHappened", entity: "Thing", payload: Data([0xFF, 0x00, 0x7B]))
            _ = try await ledger.store.append([event, large, notJSON], to: Sample.source("a"), expectedVersion: .any)
            let stored = try await ledger.store.read(Sample.source("a"), fromVersion: 1)
            try context.expect(stored.count == 3, "three events stored, \(stored.count) read")
            guard stored.count == 3 else { return }
            try context.expect(stored[0].payload == payload, "the payload's bytes come back as given")
            try context.expect(stored[0].metadata == metadata, "the metadata comes back as given: \(stored[0].metadata)")
            try context.expect(stored[0].visibility == .public && stored[0].eventType == Sample.eventType && stored[0].eventName == "ThingHappened", "type, name and visibility come back")
            try context.expect(abs(stored[0].timestamp.timeIntervalSince1970 - 1_700_000_000.125) < 0.001, "the timestamp comes back to the millisecond: \(stored[0].timestamp.timeIntervalSince1970)")
            try context.expect(stored[1].payload == large.payload, "a 10 kB payload comes back")
            try context.expect(stored[2].payload == notJSON.payload, "a payload that is not JSON is stored as its bytes")
        },
        check("a wrong expected version is refused with the actual version") { context, ledger in
            let source = Sample.source("a")
            _ = try await ledger.store.append(Sample.events(2), to: source, expectedVersion: .noEvents)
            for expected in [ExpectedVersion.noEvents, .exactly(1), .exactly(3)] {
                try await context.expectError("appending with \(expected) to a source at version 2", {
                    _ = try await ledger.store.append(Sample.events(1), to: source, expectedVersion: expected)
                }, matches: {
                    if case EventStoreError.wrongExpectedVersion(let failed, _, let actual) = $0 { return failed == source && actual == 2 }
                    return false
                })
            }
            let next = try await ledger.store.append(Sample.events(1), to: source, expectedVersion: .exactly(2))
            try context.expect(next.map(\.version) == [3], "the right expected version appends")
            try await context.expectError("appending with .exactly(0) to a source at version 3", {
                _ = try await ledger.store.append(Sample.events(1), to: source, expectedVersion: .exactly(0))
            }, matches: { if case EventStoreError.wrongExpectedVersion = $0 { return true }; return false })
            let empty = try await ledger.store.append(Sample.events(1), to: Sample.source("b"), expectedVersion: .exactly(0))
            try context.expect(empty.map(\.version) == [1], ".exactly(0) appends to an empty source")
        },
        check("of 16 concurrent appends with one expected version exactly one wins") { context, ledger in
            let source = Sample.source("race")
            _ = try await ledger.store.append(Sample.events(1), to: source, expectedVersion: .noEvents)
            var stores: [any EventStore] = []
            for index in 0..<16 { stores.append(index % 2 == 0 ? ledger.store : try await ledger.openAnother()) }
            let outcomes = await withTaskGroup(of: String.self) { group in
                for store in stores {
                    group.addTask {
                        do {
                            _ = try await store.append(Sample.events(2), to: source, expectedVersion: .exactly(1))
                            return "won"
                        } catch EventStoreError.wrongExpectedVersion {
                            return "lost"
                        } catch {
                            return "error \(error)"
                        }
                    }
                }
                var results: [String] = []
                for await outcome in group { results.append(outcome) }
                return results
            }
            try context.expect(outcomes.filter { $0 == "won" }.count == 1 && outcomes.filter { $0 == "lost" }.count == 15, "outcomes: \(outcomes.sorted())")
            let stored = try await ledger.store.read(source, fromVersion: 1)
            try context.expect(stored.map(\.version) == [1, 2, 3], "the source holds the winner's two events after the first: \(stored.map(\.version))")
        },
        check("a retry of a stored append returns the stored events and stores nothing") { context, ledger in
            let source = Sample.source("a")
            let events = Sample.events(2)
            let first = try await ledger.store.append(events, to: source, expectedVersion: .noEvents)
            let again = try await ledger.store.append(events, to: source, expectedVersion: .noEvents)
            try context.expect(again == first, "the retry returns the stored envelopes")
            let other = try await ledger.openAnother()
            let third = try await other.append(events, to: source, expectedVersion: .exactly(0))
            try context.expect(third == first, "a retry through another store value too")
            let all = try await ledger.store.readAll(after: nil, limit: nil)
            try context.expect(all.count == 2, "nothing stored twice: \(all.count) events")
        },
        check("a partial retry, or stored ids elsewhere, is a duplicate event id") { context, ledger in
            let source = Sample.source("a")
            let events = Sample.events(2)
            _ = try await ledger.store.append(events, to: source, expectedVersion: .noEvents)
            let isDuplicate: (Error) -> Bool = { if case EventStoreError.duplicateEventID = $0 { return true }; return false }
            try await context.expectError("some ids stored and some not", {
                _ = try await ledger.store.append([events[0], Sample.event()], to: source, expectedVersion: .any)
            }, matches: isDuplicate)
            try await context.expectError("the new event first, then a stored one", {
                _ = try await ledger.store.append([Sample.event(), events[1]], to: source, expectedVersion: .any)
            }, matches: isDuplicate)
            try await context.expectError("stored ids, to another source", {
                _ = try await ledger.store.append(events, to: Sample.source("b"), expectedVersion: .any)
            }, matches: isDuplicate)
            try await context.expectError("stored ids in another order", {
                _ = try await ledger.store.append(events.reversed(), to: source, expectedVersion: .any)
            }, matches: isDuplicate)
            let twice = Sample.event()
            try await context.expectError("one id twice in one append", {
                _ = try await ledger.store.append([twice, twice], to: Sample.source("c"), expectedVersion: .any)
            }, matches: isDuplicate)
            let all = try await ledger.store.readAll(after: nil, limit: nil)
            try context.expect(all.count == 2, "no refused append stored anything: \(all.count) events")
        },
        check("an append of no events stores nothing and changes no version") { context, ledger in
            let source = Sample.source("a")
            let none = try await ledger.store.append([], to: source, expectedVersion: .any)
            try context.expect(none.isEmpty, "an empty append returns nothing")
            _ = try await ledger.store.append(Sample.events(1), to: source, expectedVersion: .noEvents)
            let stillNone = try await ledger.store.append([], to: source, expectedVersion: .exactly(1))
            try context.expect(stillNone.isEmpty, "an empty append to a source returns nothing")
            let next = try await ledger.store.append(Sample.events(1), to: source, expectedVersion: .exactly(1))
            try context.expect(next.map(\.version) == [2], "the version did not change: \(next.map(\.version))")
            try context.expect(try await ledger.store.readAll(after: nil, limit: nil).count == 2, "two events in all")
        },
        check("an event of another entity is refused and nothing is stored") { context, ledger in
            try await context.expectError("an Other event appended to a Thing source", {
                _ = try await ledger.store.append([Sample.event(), Sample.event(entity: "Other")], to: Sample.source("a"), expectedVersion: .any)
            }, matches: { if case EventStoreError.wrongEntity = $0 { return true }; return false })
            try context.expect(try await ledger.store.readAll(after: nil, limit: nil).isEmpty, "nothing stored")
        },
        check("a thousand events append in one append") { context, ledger in
            let appended = try await ledger.store.append(Sample.events(1_000), to: Sample.source("big"), expectedVersion: .noEvents)
            try context.expect(appended.map(\.version) == Array(1...1_000), "versions 1 to 1000")
            try context.expect(try await ledger.store.read(Sample.source("big"), fromVersion: 990).count == 11, "reading from version 990 gives 11")
        },
    ]
}
