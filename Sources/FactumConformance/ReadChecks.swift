import Factum
import Foundation

/// Reading: by source, by position, by replay and filter selectors.
enum ReadChecks {
    /// A small kitchen log: dishes with data and metadata to filter on.
    static func kitchen(_ store: any EventStore) async throws -> [EventEnvelope] {
        var all: [EventEnvelope] = []
        let dishes: [(String, String, Int, String)] = [
            ("north", "Chili", 3, "register-1"), ("north", "Soup", 0, "register-2"), ("south", "Chili", 5, "kiosk-1"),
            ("south", "Curry", 2, "register-1"), ("north", "Chili", 1, "register-3"),
        ]
        for (kitchen, dish, peppers, actor) in dishes {
            let event = Sample.event("DishPrepared", entity: "Kitchen", payload: ["dish": dish, "peppers": peppers, "tags": peppers > 2 ? ["hot"] : []], metadata: EventMetadata(correlationID: "order-\(all.count)", actor: actor, values: ["shift": all.count % 2 == 0 ? "day" : "night"]))
            all += try await store.append([event], to: Sample.source(kitchen, entity: "Kitchen"), expectedVersion: .any)
        }
        all += try await store.append([Sample.event("KitchenClosed", entity: "Kitchen", payload: ["reason": "Chili"])], to: Sample.source("north", entity: "Kitchen"), expectedVersion: .any)
        all += try await store.append([Sample.event("ThingHappened", payload: ["dish": "Chili"])], to: Sample.source("x"), expectedVersion: .any)
        return all
    }

    static let all: [EventStoreConformance.Check] = [
        check("a source reads from a version on, in version order") { context, ledger in
            let events = try await kitchen(ledger.store)
            let north = try await ledger.store.read(Sample.source("north", entity: "Kitchen"), fromVersion: 2)
            try context.expect(north.map(\.version) == [2, 3, 4], "versions from 2: \(north.map(\.version))")
            try context.expect(north.map(\.eventID) == events.filter { $0.source.id == "north" }.dropFirst().map(\.eventID), "the source's own events")
            try context.expect(try await ledger.store.read(Sample.source("nobody"), fromVersion: 1).isEmpty, "an unknown source reads empty")
            try context.expect(try await ledger.store.read(Sample.source("north", entity: "Kitchen"), fromVersion: 9).isEmpty, "past the last version reads empty")
        },
        check("readAll pages through the log by position") { context, ledger in
            let events = try await kitchen(ledger.store)
            var read: [EventEnvelope] = []
            var after: Int64?
            while true {
                let page = try await ledger.store.readAll(after: after, limit: 2)
                try context.expect(page.count <= 2, "a page holds at most the limit")
                guard let last = page.last else { break }
                read += page
                after = last.position
            }
            try context.expect(read == events, "the pages together are the log, in order")
            try context.expect(try await ledger.store.readAll(after: events[4].position, limit: nil) == Array(events[5...]), "after a position")
            try context.expect(try await ledger.store.readAll(after: nil, limit: 0).isEmpty, "a limit of 0 reads nothing")
        },
        check("replay selectors select by entity, keys and event names, after and limit") { context, ledger in
            let events = try await kitchen(ledger.store)
            func ids(_ selector: ReplaySelector) async throws -> [UUID] { try await ledger.store.replay(selector).map(\.eventID) }
            try context.expect(try await ids(ReplaySelector(entity: "Kitchen")) == events.filter { $0.source.entity == "Kitchen" }.map(\.eventID), "by entity")
            try context.expect(try await ids(ReplaySelector(entity: "Kitchen", keys: ["south"])) == events.filter { $0.source.id == "south" }.map(\.eventID), "by key")
            try context.expect(try await ids(ReplaySelector(entity: "Kitchen", events: ["KitchenClosed"])) == [events[5].eventID], "by event name")
            try context.expect(try await ids(ReplaySelector(entity: "Kitchen", keys: ["north"], events: ["DishPrepared"], after: events[0].position, limit: 1)) == [events[1].eventID], "keys, names, after and limit together")
            try context.expect(try await ids(ReplaySelector(entity: "Nothing")).isEmpty, "an entity with no events")
            try context.expect(try await ids(ReplaySelector(entity: "Kitchen", keys: [])).isEmpty, "no keys selects nothing")
        },
        check("filter selectors match paths on data and meta, in log order") { context, ledger in
            let events = try await kitchen(ledger.store)
            func ids(_ selector: FilterSelector) async throws -> [UUID] { try await ledger.store.filter(selector).map(\.eventID) }
            let chili = try await ids(FilterSelector(data: ["DishPrepared": #"$.dish ? (@ == "Chili")"#]))
            try context.expect(chili == [events[0], events[2], events[4]].map(\.eventID), "a filter on data")
            let hot = try await ids(FilterSelector(data: ["DishPrepared": "$.peppers > 2"]))
            try context.expect(hot == [events[0], events[2]].map(\.eventID), "a test on data matches when true")
            let registers = try await ids(FilterSelector(data: ["DishPrepared": #"$.dish == "Chili""#], meta: #"$.actor ? (@ starts with "register-")"#))
            try context.expect(registers == [events[0], events[4]].map(\.eventID), "data and meta together")
            let night = try await ids(FilterSelector(meta: #"$.shift == "night""#))
            try context.expect(night == events.filter { $0.metadata.values["shift"] == "night" }.map(\.eventID), "meta alone, every event name: \(night.count)")
            let names = try await ids(FilterSelector(data: ["DishPrepared": "$.tags[*] ? (@ == \"hot\")", "KitchenClosed": "$.reason"]))
            try context.expect(names == [events[0], events[2], events[5]].map(\.eventID), "several event names")
            let paged = try await ids(FilterSelector(data: ["DishPrepared": "$.dish"], after: events[1].position, limit: 2))
            try context.expect(paged == [events[2], events[3]].map(\.eventID), "after and limit")
            try context.expect(try await ids(FilterSelector(data: ["DishPrepared": "$.missing"])).isEmpty, "a missing key selects nothing")
            try context.expect(try await ids(FilterSelector(data: ["DishPrepared": "$.dish > 1"])).isEmpty, "a comparison of a string with a number is not true")
            try context.expect(try await ids(FilterSelector()).count == events.count, "an empty selector selects every event")
        },
        check("a path that does not parse is refused before anything is read") { context, ledger in
            _ = try await kitchen(ledger.store)
            try await context.expectError("the path $.dish ==", {
                _ = try await ledger.store.filter(FilterSelector(data: ["DishPrepared": "$.dish =="]))
            }, matches: { ($0 as? JSONPath.SyntaxError)?.offset == 9 })
            try await context.expectError("a meta path with a bad character", {
                _ = try await ledger.store.filter(FilterSelector(meta: "$.actor ? (@ = 1)"))
            }, matches: { ($0 as? JSONPath.SyntaxError)?.offset == 13 })
        },
    ]
}
