import FactumYAML

/// Runs the naming rules over domain files as written.
public enum NamingLint {
    public static func findings(in files: [WrittenFile], pastTense: PastTense) -> [Finding] {
        var findings: [Finding] = []
        for file in files {
            var collector = FindingCollector(path: file.path)
            for type in file.domain.types {
                switch type.kind {
                case .structure(let fields): checkFields(fields, owner: "type '\(type.name)'", into: &collector)
                case .enumeration(let cases):
                    for enumCase in cases where !Names.isLowerCamelCase(enumCase.name) {
                        collector.report(.fieldNameCase, at: enumCase.mark, "enum case '\(enumCase.name)' of '\(type.name)' is not lowerCamelCase; write '\(lowerCamelCased(enumCase.name))'")
                    }
                }
            }
            for entity in file.domain.entities {
                for event in entity.events {
                    checkEventName(event, pastTense: pastTense, into: &collector)
                    for generation in event.history {
                        checkFields(generation.fields, owner: "event '\(event.name)'", into: &collector)
                    }
                    checkFields(event.current.fields, owner: "event '\(event.name)'", into: &collector)
                }
            }
            findings.append(contentsOf: collector.findings)
        }
        return findings
    }

    static func checkEventName(_ event: WrittenEvent, pastTense: PastTense, into collector: inout FindingCollector) {
        let words = Names.words(event.name)
        let verdict = pastTense.judge(words: words)
        if !verdict.isFact {
            let example = verdict.proposal.map { "e.g. '\($0)'" } ?? "e.g. 'DishPrepared' rather than 'PrepareDish'"
            collector.report(.eventPastTense, at: event.mark, "event name '\(event.name)' is not in the past tense; name the fact that happened, \(example)")
        }
        if let shorter = eventSuffixRemoved(event.name) {
            collector.report(.eventNameSuffix, at: event.mark, "event name '\(event.name)' ends in a redundant 'Event'; name it '\(shorter)'")
        }
        if let pair = crudPair(in: words) {
            collector.report(.eventCRUDVerb, at: event.mark, "event name '\(event.name)' says a '\(pair.noun)' was \(pair.verb.lowercased()), a storage operation; name what happened in the domain, as in 'DishAddedToMenu'")
        }
    }

    static func checkFields(_ fields: [WrittenField], owner: @autoclosure () -> String, into collector: inout FindingCollector) {
        for field in fields where !Names.isLowerCamelCase(field.name) {
            collector.report(.fieldNameCase, at: field.mark, "field name '\(field.name)' of \(owner()) is not lowerCamelCase; write '\(lowerCamelCased(field.name))'")
        }
    }
}
