import Foundation
import FactumYAML

extension Rule {
    public static let duplicateEventID = Rule(
        id: "duplicate-event-id",
        severity: .error,
        category: .loading,
        summary: "Two events share one id, across all files read together.",
        rationale: "A stored event is decoded by its id; two events with one id make stored data ambiguous forever.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                  OrderShipped:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f  # <-
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                  OrderShipped:
                    id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
            """,
        ]
    )
}

extension Validator {
    /// The first event with each id, across the files read so far.
    struct DeclaredIDs {
        var first: [UUID: (name: String, path: String, mark: Mark)] = [:]
    }

    static func duplicateEventID(_ event: WrittenEvent, among ids: inout DeclaredIDs, in path: String, into sink: inout FindingSink) {
        guard let id = event.id else { return }
        if let first = ids.first[id] {
            sink.report(.duplicateEventID, in: path, at: event.idMark, "event '\(event.name)' has the id of event '\(first.name)' (\(first.path):\(first.mark.line)); every event type needs its own id, such as \(UUID().uuidString.lowercased())")
        } else {
            ids.first[id] = (event.name, path, event.idMark)
        }
    }
}
