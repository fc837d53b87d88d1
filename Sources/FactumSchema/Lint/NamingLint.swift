import FactumYAML

/// Runs the naming rules over domain files as written. It only walks the model; each rule's
/// check is in the rule's own file (`Rules/Naming/`).
public enum NamingLint {
    public static func lint(_ files: [WrittenFile], pastTense: PastTense, into sink: inout FindingSink) {
        for file in files {
            let path = file.path
            for type in file.domain.types {
                switch type.kind {
                case .structure(let fields): fieldNameCase(fields, owner: "type '\(type.name)'", in: path, into: &sink)
                case .enumeration(let cases): fieldNameCase(cases, of: type.name, in: path, into: &sink)
                }
            }
            for entity in file.domain.entities {
                for event in entity.events {
                    let words = Names.words(event.name)
                    let verdict = pastTense.judge(words: words)
                    eventPastTense(event, verdict: verdict, in: path, into: &sink)
                    eventNameSuffix(event, proposal: verdict.isFact ? nil : verdict.proposal, in: path, into: &sink)
                    eventCRUDVerb(event, words: words, in: path, into: &sink)
                    eventEntityCRUD(event, entity: entity.name, words: words, in: path, into: &sink)
                    for generation in event.history {
                        fieldNameCase(generation.fields, owner: "event '\(event.name)'", in: path, into: &sink)
                    }
                    fieldNameCase(event.current.fields, owner: "event '\(event.name)'", in: path, into: &sink)
                }
            }
        }
    }
}
