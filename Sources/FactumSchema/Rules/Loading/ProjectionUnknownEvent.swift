import Foundation
import FactumYAML

extension Rule {
    public static let projectionUnknownEvent = Rule(
        id: "projection-unknown-event",
        severity: .error,
        category: .loading,
        summary: "A projection reads only events its domain file declares.",
        rationale: "The generated projection protocol has a `when` for each event it reads; an event the domain does not declare (a typo, an event of another domain, a removed one) would be a type that does not exist, or a read model that silently never sees what it expects.",
        triggering: [
            """
            domain: Kitchen
            entities:
              Dish:
                events:
                  DishOrdered:
                    id: 6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b
            projections:
              DishesWaiting:
                version: 1
                events: [DishOrdered, DishServed]  # <-
            """,
        ],
        passing: [
            """
            domain: Kitchen
            entities:
              Dish:
                events:
                  DishOrdered:
                    id: 6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b
                  DishServed:
                    id: 7a2d3c4b-5e6f-4a71-9b8c-0d1e2f3a4b5c
            projections:
              DishesWaiting:
                version: 1
                events: [DishOrdered, DishServed]
            """,
        ]
    )
}

extension Validator {
    /// Reports each event a projection lists that its file does not declare.
    static func projectionUnknownEvents(_ file: WrittenFile, into sink: inout FindingSink) {
        let declared = file.domain.entities.flatMap { $0.events.map(\.name) }
        let names = Set(declared)
        for projection in file.domain.projections {
            for event in projection.events where !names.contains(event.name) {
                let hint = suggestion(for: event.name, among: declared.sorted())
                sink.report(.projectionUnknownEvent, in: file.path, at: event.mark, "projection '\(projection.name)' reads event '\(event.name)', which domain '\(file.domain.name)' does not declare\(hint)")
            }
        }
    }
}
