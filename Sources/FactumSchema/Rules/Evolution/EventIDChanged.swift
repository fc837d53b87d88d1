import FactumYAML

extension Rule {
    public static let eventIDChanged = Rule(
        id: "event-id-changed",
        severity: .error,
        category: .evolution,
        summary: "A published event's id changed, or a published id now names another event.",
        rationale: "Stored events carry their type id; a changed id orphans them, and a reused one decodes them as the wrong event.",
        triggeringChanges: [
            changedOrderDomain("        id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\n", "        id: 1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e  # <-\n"),
        ],
        passingChanges: [
            changedOrderDomain("      OrderShipped:\n", "      OrderDispatched:\n"),
        ]
    )
}

extension EvolutionCheck {
    /// A published name under a new id, a published id under a name published with another
    /// id, or a published id given to another event while its own name lives on.
    static func eventIDChanged(_ id: String, _ old: LockedEvent, _ published: Published, into sink: inout FindingSink) {
        guard published.byID[id] != nil else {
            if let namesake = published.byName[old.name] {
                sink.report(.eventIDChanged, in: namesake.path, at: namesake.event.idMark, "event '\(old.name)' was published with id \(id); its id is permanent, and stored events carry it: restore it, or declare a new event under a new name")
            }
            return
        }
        switch published.nameChange(of: id, old) {
        case .takesPublishedName(let current, let other):
            sink.report(.eventIDChanged, in: current.path, at: current.event.idMark, "event '\(current.event.name)' was published with id \(other.id), and id \(id) belonged to '\(old.name)'; ids are permanent")
        case .idReused(let current, let namesake):
            sink.report(.eventIDChanged, in: current.path, at: current.event.idMark, "id \(id) was published for event '\(old.name)'; reusing it for '\(current.event.name)' would decode stored '\(old.name)' events as '\(current.event.name)'")
            sink.report(.eventIDChanged, in: namesake.path, at: namesake.event.idMark, "event '\(old.name)' was published with id \(id); its id is permanent, and stored events carry it")
        case .renamed, nil:
            break
        }
    }
}
