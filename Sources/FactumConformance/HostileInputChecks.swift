import Factum
import Foundation

/// Input that a careless store mishandles: strings with the NUL character, payloads that
/// PostgreSQL's `jsonb` cannot hold, paths at and past the language's limits. Every store
/// answers them alike (docs/event-stores.md, "Bad input").
enum HostileInputChecks {
    static func isNUL(_ field: String) -> @Sendable (Error) -> Bool {
        { if case EventStoreError.nulCharacter(let named, _) = $0 { return named == field }; return false }
    }

    static let all: [EventStoreConformance.Check] = [
        check("a string with the NUL character is refused before anything is written") { context, ledger in
            let store = ledger.store
            _ = try await store.append([Sample.event()], to: Sample.source("a"), expectedVersion: .any)
            let cases: [(String, EventSource, PendingEvent)] = [
                ("entity", EventSource(entity: "Thing\u{0}x", id: "a"), Sample.event(entity: "Thing\u{0}x")),
                ("source id", Sample.source("a\u{0}b"), Sample.event()),
                ("event name", Sample.source("a"), Sample.event("Thing\u{0}Happened")),
                ("correlation id", Sample.source("a"), Sample.event(metadata: EventMetadata(correlationID: "c\u{0}"))),
                ("causation id", Sample.source("a"), Sample.event(metadata: EventMetadata(causationID: "\u{0}"))),
                ("actor", Sample.source("a"), Sample.event(metadata: EventMetadata(actor: "register\u{0}1"))),
                ("metadata value 'shift'", Sample.source("a"), Sample.event(metadata: EventMetadata(values: ["shift": "ni\u{0}ght"]))),
                ("metadata value 'sh\\0ift'", Sample.source("a"), Sample.event(metadata: EventMetadata(values: ["sh\u{0}ift": "night"]))),
            ]
            for (field, source, event) in cases {
                // The refused event last in a batch: the good one before it is not stored either.
                try await context.expectError("an append whose \(field) holds a NUL", {
                    _ = try await store.append([Sample.event(entity: source.entity), event], to: source, expectedVersion: .any)
                }, matches: isNUL(field))
                try await context.expectError("a guarded append whose \(field) holds a NUL", {
                    _ = try await store.append([event], to: source, expectedVersion: .any, condition: AppendCondition(failIfEventsMatch: .replay(ReplaySelector(entity: "Nothing")), after: nil))
                }, matches: isNUL(field))
            }
            let all = try await store.readAll(after: nil, limit: nil)
            try context.expect(all.count == 1, "only the first event is stored: \(all.count) events")
        },
        check("a source or selector whose strings hold a NUL selects nothing") { context, ledger in
            let store = ledger.store
            let stored = try await store.append([Sample.event(payload: ["dish": "Chili"])], to: Sample.source("a"), expectedVersion: .any)
            // A store that cut strings at the NUL would read source "a" here.
            try context.expect(try await store.read(Sample.source("a\u{0}b"), fromVersion: 1).isEmpty, "read of source a\\0b")
            try context.expect(try await store.read(EventSource(entity: "Thing\u{0}", id: "a"), fromVersion: 1).isEmpty, "read of entity Thing\\0")
            try context.expect(try await store.replay(ReplaySelector(entity: "Thing", keys: ["a\u{0}b"])).isEmpty, "replay of key a\\0b")
            try context.expect(try await store.replay(ReplaySelector(entity: "Thing\u{0}zz")).isEmpty, "replay of entity Thing\\0zz")
            try context.expect(try await store.replay(ReplaySelector(entity: "Thing", events: ["ThingHappened\u{0}"])).isEmpty, "replay of event ThingHappened\\0")
            try context.expect(try await store.replay(ReplaySelector(entity: "Thing", keys: ["a\u{0}", "a"])).map(\.eventID) == stored.map(\.eventID), "replay of keys a\\0 and a selects a's event")
            try context.expect(try await store.filter(FilterSelector(data: ["ThingHappened\u{0}": "$.dish"])).isEmpty, "filter on event ThingHappened\\0")
            try context.expect(try await store.filter(FilterSelector(data: ["ThingHappened\u{0}": "$.dish", "ThingHappened": "$.dish"])).count == 1, "filter on ThingHappened\\0 and ThingHappened")
            let passed = try await store.append([Sample.event()], to: Sample.source("b"), expectedVersion: .any,
                                                condition: AppendCondition(failIfEventsMatch: .replay(ReplaySelector(entity: "Thing", keys: ["a\u{0}b"])), after: nil))
            try context.expect(passed.count == 1, "a guard on key a\\0b does not see source a")
            let filtered = try await store.append([Sample.event()], to: Sample.source("b"), expectedVersion: .any,
                                                  condition: AppendCondition(failIfEventsMatch: .filter(FilterSelector(data: ["ThingHappened\u{0}": "$.dish"])), after: nil))
            try context.expect(filtered.count == 1, "a guard on event ThingHappened\\0 does not see ThingHappened")
        },
        check("a payload PostgreSQL's jsonb cannot hold is stored as given and matches no data path") { context, ledger in
            let store = ledger.store
            let payloads = [
                Data(#"{"dish":"Chi\u0000li","n":1}"#.utf8),    // a NUL in a string
                Data(#"{"di\u0000sh":"Chili","n":1}"#.utf8),    // a NUL in a key
            ]
            var stored: [EventEnvelope] = []
            for payload in payloads {
                let event = PendingEvent(eventType: Sample.eventType, eventName: "ThingHappened", entity: "Thing", payload: payload)
                stored += try await store.append([event], to: Sample.source("a"), expectedVersion: .any)
            }
            let read = try await store.read(Sample.source("a"), fromVersion: 1)
            try context.expect(read.map(\.payload) == payloads, "the payloads come back as their bytes")
            for path in ["$.n == 1", "$.n", "$.*", #"$.dish starts with "Chi""#, "exists($)", "$"] {
                let found = try await store.filter(FilterSelector(data: ["ThingHappened": path]))
                try context.expect(found.isEmpty, "\(path) selected \(found.count) of them")
            }
            try context.expect(try await store.filter(FilterSelector(data: [:])).count == 2, "an empty selector still selects them")
        },
        check("paths past the limits are refused before anything is read or written, and paths at them are answered") { context, ledger in
            let store = ledger.store
            _ = try await store.append([Sample.event(payload: ["n": 1])], to: Sample.source("a"), expectedVersion: .any)
            let refused = [
                "$" + String(repeating: ".a", count: 50_000),
                Array(repeating: "$.n == 1", count: 10_000).joined(separator: " && "),
                "$" + String(repeating: ".a", count: JSONPath.maximumAccessors + 1),
                Array(repeating: "$.n == 1", count: JSONPath.maximumOperands + 2).joined(separator: " && "),
                String(repeating: "(", count: JSONPath.maximumDepth + 1) + "$.n == 1" + String(repeating: ")", count: JSONPath.maximumDepth + 1),
            ]
            for path in refused {
                try await context.expectError("a filter on a path of \(path.utf8.count) bytes", {
                    _ = try await store.filter(FilterSelector(data: ["ThingHappened": path]))
                }, matches: { $0 is JSONPath.SyntaxError })
                try await context.expectError("a meta filter on a path of \(path.utf8.count) bytes", {
                    _ = try await store.filter(FilterSelector(meta: path))
                }, matches: { $0 is JSONPath.SyntaxError })
                try await context.expectError("a guard on a path of \(path.utf8.count) bytes", {
                    _ = try await store.append([Sample.event()], to: Sample.source("b"), expectedVersion: .any,
                                               condition: AppendCondition(failIfEventsMatch: .filter(FilterSelector(data: ["ThingHappened": path])), after: nil))
                }, matches: { $0 is JSONPath.SyntaxError })
            }
            try context.expect(try await store.read(Sample.source("b"), fromVersion: 1).isEmpty, "no refused guard stored anything")
            let answered: [(String, Int)] = [
                ("$" + String(repeating: ".a", count: JSONPath.maximumAccessors), 0),
                (Array(repeating: "$.n == 1", count: JSONPath.maximumOperands + 1).joined(separator: " && "), 1),
                (Array(repeating: "$.n == 2", count: JSONPath.maximumOperands).joined(separator: " || ") + " || $.n == 1", 1),
                (String(repeating: "(", count: JSONPath.maximumDepth - 1) + "$.n == 1" + String(repeating: ")", count: JSONPath.maximumDepth - 1), 1),
            ]
            for (path, count) in answered {
                let found = try await store.filter(FilterSelector(data: ["ThingHappened": path]))
                try context.expect(found.count == count, "a path of \(path.utf8.count) bytes selected \(found.count) events, not \(count)")
                let guarded: Int
                do {
                    guarded = try await store.append([Sample.event("ProbeAppended", entity: "Probe")], to: Sample.source("guarded", entity: "Probe"), expectedVersion: .any,
                                                     condition: AppendCondition(failIfEventsMatch: .filter(FilterSelector(data: ["ThingHappened": path])), after: nil)).count
                } catch EventStoreError.conditionFailed {
                    guarded = 0
                }
                try context.expect((guarded == 0) == (count > 0), "a guard on a path of \(path.utf8.count) bytes: \(guarded == 0 ? "failed" : "passed")")
            }
        },
    ]
}
