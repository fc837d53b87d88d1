import FactumYAML

extension Rule {
    public static let eventCRUDVerb = Rule(
        id: "event-crud-verb",
        severity: .warning,
        category: .naming,
        summary: "An event names a storage operation on a technical noun (`MenuListingElementUpdated`) instead of what happened in the domain.",
        rationale: "CRUD words on technical nouns describe rows, not facts; consumers cannot tell what happened. Name the domain fact (`DishAddedToMenu`).",
        triggering: [namingExample(event: "MenuListingElementUpdated"), namingExample(event: "CustomerRecordDeleted")],
        passing: [namingExample(event: "DishAddedToMenu"), namingExample(event: "AccountCreated"), namingExample(event: "PriceChanged")]
    )
}

extension NamingLint {
    static func eventCRUDVerb(_ event: WrittenEvent, words: [String], in path: String, into sink: inout FindingSink) {
        guard let pair = crudPair(in: words) else { return }
        sink.report(.eventCRUDVerb, in: path, at: event.mark, "event name '\(event.name)' says a '\(pair.noun)' was \(pair.verb.lowercased()), a storage operation; name what happened in the domain, as in 'DishAddedToMenu'")
    }
}

/// The CRUD verb and the technical noun an event name pairs, if it does.
func crudPair(in words: [String]) -> (noun: String, verb: String)? {
    for index in words.indices.dropFirst() where crudVerbs.contains(words[index]) {
        let noun = words[index - 1]
        if technicalNouns.contains(noun) { return (noun, words[index]) }
    }
    return nil
}

private let crudVerbs: Set<String> = ["Created", "Updated", "Deleted", "Changed", "Modified", "Inserted", "Upserted", "Saved", "Persisted", "Edited", "Removed"]
private let technicalNouns: Set<String> = [
    "Element", "Record", "Row", "Entity", "Data", "Listing", "Dto", "DTO", "Table", "Field", "Object", "Model",
    "Document", "Column", "Property", "Attribute", "Info", "Details", "Entry", "Value", "Values", "Json", "JSON", "Blob",
]
