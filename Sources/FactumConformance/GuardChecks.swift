import Factum
import Foundation

/// Guarded appends: the condition and the append are one atomic step.
enum GuardChecks {
    static let isConditionFailed: @Sendable (Error) -> Bool = { if case EventStoreError.conditionFailed = $0 { return true }; return false }

    static let all: [EventStoreConformance.Check] = [
        check("a guarded append fails when its selector selects an event after its position") { context, ledger in
            let events = try await ReadChecks.kitchen(ledger.store)
            let chili = EventSelector.filter(FilterSelector(data: ["DishPrepared": #"$.dish == "Chili""#]))
            let target = Sample.source("west", entity: "Kitchen")
            try await context.expectError("a Chili after position nil", {
                _ = try await ledger.store.append([Sample.event("DishPrepared", entity: "Kitchen")], to: target, expectedVersion: .any, condition: AppendCondition(failIfEventsMatch: chili, after: nil))
            }, matches: isConditionFailed)
            try await context.expectError("a Chili after the position before the last one", {
                _ = try await ledger.store.append([Sample.event("DishPrepared", entity: "Kitchen")], to: target, expectedVersion: .any, condition: AppendCondition(failIfEventsMatch: chili, after: events[3].position))
            }, matches: isConditionFailed)
            let replay = EventSelector.replay(ReplaySelector(entity: "Kitchen", keys: ["south"]))
            try await context.expectError("a replay selector's event after the position", {
                _ = try await ledger.store.append([Sample.event("DishPrepared", entity: "Kitchen")], to: target, expectedVersion: .any, condition: AppendCondition(failIfEventsMatch: replay, after: events[2].position - 1))
            }, matches: isConditionFailed)
            try context.expect(try await ledger.store.read(target, fromVersion: 1).isEmpty, "no failed guarded append stored anything")
            let passed = try await ledger.store.append([Sample.event("DishPrepared", entity: "Kitchen")], to: target, expectedVersion: .noEvents, condition: AppendCondition(failIfEventsMatch: chili, after: events[4].position))
            try context.expect(passed.count == 1, "nothing selected after the last Chili: the append goes ahead")
            let nothing = EventSelector.filter(FilterSelector(data: ["DishPrepared": #"$.dish == "Paella""#]))
            let fresh = try await ledger.store.append([Sample.event("DishPrepared", entity: "Kitchen")], to: target, expectedVersion: .exactly(1), condition: AppendCondition(failIfEventsMatch: nothing, after: nil))
            try context.expect(fresh.map(\.version) == [2], "a selector that selects nothing never fails")
            try await context.expectError("a met condition with a wrong expected version", {
                _ = try await ledger.store.append([Sample.event("DishPrepared", entity: "Kitchen")], to: target, expectedVersion: .exactly(1), condition: AppendCondition(failIfEventsMatch: nothing, after: nil))
            }, matches: { if case EventStoreError.wrongExpectedVersion = $0 { return true }; return false })
        },
        check("of 16 concurrent guarded appends to 16 sources with one selector exactly one commits") { context, ledger in
            _ = try await ledger.store.append([Sample.event("SeatOffered", entity: "Seat", payload: ["seat": "12A"])], to: Sample.source("offer", entity: "Seat"), expectedVersion: .any)
            let head = try await ledger.store.readAll(after: nil, limit: nil).last?.position
            let taken = EventSelector.filter(FilterSelector(data: ["SeatBooked": #"$.seat == "12A""#]))
            var stores: [any EventStore] = []
            for index in 0..<16 { stores.append(index % 2 == 0 ? ledger.store : try await ledger.openAnother()) }
            let outcomes = await withTaskGroup(of: String.self) { group in
                for (index, store) in stores.enumerated() {
                    group.addTask {
                        do {
                            let booking = Sample.event("SeatBooked", entity: "Seat", payload: ["seat": "12A", "by": index])
                            _ = try await store.append([booking], to: Sample.source("guest-\(index)", entity: "Seat"), expectedVersion: .noEvents, condition: AppendCondition(failIfEventsMatch: taken, after: head))
                            return "committed"
                        } catch EventStoreError.conditionFailed {
                            return "refused"
                        } catch {
                            return "error \(error)"
                        }
                    }
                }
                var results: [String] = []
                for await outcome in group { results.append(outcome) }
                return results
            }
            try context.expect(outcomes.filter { $0 == "committed" }.count == 1 && outcomes.filter { $0 == "refused" }.count == 15, "outcomes: \(outcomes.sorted())")
            let bookings = try await ledger.store.filter(FilterSelector(data: ["SeatBooked": "$.seat"]))
            try context.expect(bookings.count == 1, "one booking stored: \(bookings.count)")
        },
        check("a retried guarded append returns the stored events") { context, ledger in
            let selector = EventSelector.replay(ReplaySelector(entity: "Thing"))
            let events = Sample.events(2)
            let first = try await ledger.store.append(events, to: Sample.source("a"), expectedVersion: .noEvents, condition: AppendCondition(failIfEventsMatch: selector, after: nil))
            let again = try await ledger.store.append(events, to: Sample.source("a"), expectedVersion: .noEvents, condition: AppendCondition(failIfEventsMatch: selector, after: nil))
            try context.expect(again == first, "the retry is recognised before the condition, which its own events would fail")
        },
    ]
}
