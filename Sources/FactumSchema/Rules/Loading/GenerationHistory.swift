import Foundation
import FactumYAML

extension Rule {
    public static let generationHistory = Rule(
        id: "generation-history",
        severity: .error,
        category: .loading,
        summary: "An event's `history` does not hold exactly generations 1 … generation-1.",
        rationale: "Every stored generation must stay readable; a generation without a recorded shape cannot be decoded.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    generation: 3
                    fields:
                      total: Decimal
                    history:  # <-
                      1:
                        fields:
                          total: Double
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
                    generation: 2
                    fields:
                      total: Decimal
                    history:
                      1:
                        fields:
                          total: Double
            """,
        ]
    )
}

extension Loading {
    mutating func history(_ pair: Pair?, generation: Int, generationMark: Mark, event: String) -> [WrittenGeneration] {
        var generations: [Int: WrittenGeneration] = [:]
        if let pair, !isNull(pair.value) {
            if generation == 1 {
                sink.report(.generationHistory, in: path, at: pair.key.mark, "event '\(event)' is at generation 1, so it has no earlier generations; remove 'history' or raise 'generation'")
            }
            if let entries = mapping(pair.value, what: "the history of event '\(event)'", example: "1: {fields: {...}}") {
                for entry in entries {
                    let keyText = entry.key.scalar?.text ?? ""
                    guard let number = Int(keyText), String(number) == keyText, number >= 1 else {
                        sink.report(.generationHistory, in: path, at: entry.key.mark, "history key \(quoted(keyText)) of event '\(event)' is not a generation number; key each earlier generation by its number, 1 to \(max(1, generation - 1))")
                        continue
                    }
                    guard number < generation else {
                        if generation > 1 {
                            sink.report(.generationHistory, in: path, at: entry.key.mark, "history of event '\(event)' holds generation \(number), but the current generation is \(generation); the history holds only generations 1 to \(generation - 1)")
                        }
                        continue
                    }
                    var fields: [WrittenField] = []
                    if let entryPairs = mapping(entry.value, what: "generation \(number) of event '\(event)'", example: "fields: {...}", nullIsEmpty: true) {
                        let keys = keyed(entryPairs, allowed: DomainKeys.historyGeneration, in: "generation \(number) of event '\(event)'")
                        if let description = keys["description"] { _ = self.description(description.value) }
                        fields = keys["fields"].map { self.fields($0.value, owner: "generation \(number) of event '\(event)'") } ?? []
                    }
                    generations[number] = WrittenGeneration(number: number, mark: entry.key.mark, fields: fields)
                }
            }
        }
        if generation > 1 {
            let missing = (1..<generation).filter { generations[$0] == nil }
            if !missing.isEmpty {
                let mark = pair?.key.mark ?? generationMark
                let list = missing.count > 5 ? "\(missing.prefix(5).map(String.init).joined(separator: ", ")) and \(missing.count - 5) more" : missing.map(String.init).joined(separator: ", ")
                sink.report(.generationHistory, in: path, at: mark, "event '\(event)' is at generation \(generation) but its history lacks generation\(missing.count == 1 ? "" : "s") \(list); every earlier generation keeps its recorded shape so that stored events stay readable")
            }
        }
        return generations.keys.sorted().compactMap { generations[$0] }
    }
}
