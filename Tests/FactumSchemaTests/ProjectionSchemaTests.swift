import Foundation
import Testing
@testable import FactumSchema

@Suite("Projections in the domain file")
struct ProjectionSchemaTests {
    let base = """
        domain: Kitchen
        entities:
          Dish:
            events:
              DishOrdered:
                id: 6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b
              DishServed:
                id: 7a2d3c4b-5e6f-4a71-9b8c-0d1e2f3a4b5c
        projections:

        """

    @Test func aValidProjectionLoadsWithItsEventsAndVersion() throws {
        let result = lint(["k.domain.yaml": base + "  DishesWaiting:\n    version: 2\n    events: [DishOrdered, DishServed]\n"])
        #expect(result.findings.isEmpty, "\(result.findings)")
        let projection = try #require(result.files.first?.domain.projections.first)
        #expect(projection.name == "DishesWaiting" && projection.version == 2 && projection.events.map(\.name) == ["DishOrdered", "DishServed"])
    }

    @Test func anUnknownEventIsAFindingAtItsLineWithASuggestion() {
        let findings = lint(base + "  DishesWaiting:\n    version: 1\n    events: [DishOrdered, DishServd]\n")
        #expect(findings.map(\.rule) == ["projection-unknown-event"])
        #expect(findings.first?.line == 12 && findings.first?.message.contains("did you mean 'DishServed'") == true, "\(findings)")
    }

    @Test func badShapesAreFindings() {
        #expect(rules(lint(base + "  DishesWaiting:\n    events: [DishOrdered]\n")) == ["missing-key"])
        #expect(rules(lint(base + "  DishesWaiting:\n    version: 0\n    events: [DishOrdered]\n")) == ["invalid-value"])
        #expect(rules(lint(base + "  DishesWaiting:\n    version: 1\n    events: DishOrdered\n")) == ["invalid-value"])
        #expect(rules(lint(base + "  DishesWaiting:\n    version: 1\n    events: [DishOrdered, DishOrdered]\n")) == ["invalid-value"])
        #expect(rules(lint(base + "  DishesWaiting:\n    version: 1\n    events: [DishOrdered]\n    rebuild: true\n")) == ["unknown-key"])
    }

    @Test func theLockRecordsProjectionsByEventIDAndOldLocksReadAsHavingNone() throws {
        let result = lint(["k.domain.yaml": base + "  DishesWaiting:\n    version: 3\n    events: [DishServed, DishOrdered]\n"])
        let file = try #require(result.files.first)
        let lock = LockFile(file, declared: [:])
        #expect(lock.projections == [LockedProjection(name: "DishesWaiting", version: 3, events: ["6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b", "7a2d3c4b-5e6f-4a71-9b8c-0d1e2f3a4b5c"])])
        let text = String(decoding: lock.encoded(), as: UTF8.self)
        #expect(text.contains("\"projections\""))
        // A lock written before projections existed has no such key, and reads.
        let old = #"{"domain":"Kitchen","events":[],"format":1}"#
        let decoded = try LockFile.decode(Data(old.utf8)).get()
        #expect(decoded.projections == nil)
        // And a domain without projections writes none.
        let bare = LockFile(domain: "Kitchen", events: [])
        #expect(!String(decoding: bare.encoded(), as: UTF8.self).contains("projections"))
    }

    @Test func aNameTheProjectionsProtocolTakesIsReservedAndProjectionNamesAreUniqueAcrossFiles() {
        let reserved = lint(base.replacingOccurrences(of: "DishServed:", with: "DishesWaitingProjection:") + "  DishesWaiting:\n    version: 1\n    events: [DishOrdered]\n")
        #expect(reserved.contains { $0.rule == "reserved-name" && $0.message.contains("the protocol generated for projection 'DishesWaiting'") }, "\(reserved)")
        let other = base.replacingOccurrences(of: "domain: Kitchen", with: "domain: Bar").replacingOccurrences(of: "Dish:", with: "Drink:")
            .replacingOccurrences(of: "DishOrdered:", with: "DrinkPoured:").replacingOccurrences(of: "DishServed:", with: "DrinkServed:")
            .replacingOccurrences(of: "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b", with: "1f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b").replacingOccurrences(of: "7a2d3c4b-5e6f-4a71-9b8c-0d1e2f3a4b5c", with: "2a2d3c4b-5e6f-4a71-9b8c-0d1e2f3a4b5c")
        let result = lint([
            "a.domain.yaml": base + "  Waiting:\n    version: 1\n    events: [DishOrdered]\n",
            "b.domain.yaml": other + "  Waiting:\n    version: 1\n    events: [DrinkPoured]\n",
        ])
        #expect(result.findings.map(\.rule) == ["duplicate-name"], "\(result.findings)")
        #expect(result.findings.first?.path == "b.domain.yaml" && result.findings.first?.message.contains("already the name of a projection at a.domain.yaml:10") == true, "\(result.findings)")
    }
}
