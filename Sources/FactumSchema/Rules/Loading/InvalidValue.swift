import Foundation
import FactumYAML

extension Rule {
    public static let invalidValue = Rule(
        id: "invalid-value",
        severity: .error,
        category: .loading,
        summary: "A value the format does not allow. One id for several checks: a value of the wrong kind (a list where a mapping belongs, a mapping as a key), a value outside its set (a visibility, a key type, `retired`, a generation number, a malformed type), a type with both `fields` and `cases` or an empty `cases`, a `renamedFrom` that names no field of the generation before, a struct that contains itself, and a bad setting in `factum-config.yaml`.",
        rationale: "Values are typed by the format, never guessed: `visibility: yes` is neither public nor private. The checks share the id because configurations and suppressions have named it since the first release; the message says which one fired.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    visibility: protected  # <-
            """,
            """
            domain: Shop
            entities:
              Order:
                key: Long  # <-
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                key: UUID
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    visibility: private
            """,
        ]
    )
}

extension Validator {
    /// A rename names a field of the generation before, which gives up its name to one field.
    static func invalidRenames(_ event: WrittenEvent, in path: String, into sink: inout FindingSink) {
        let generations = event.generations
        for (index, generation) in generations.enumerated() {
            let previous = index > 0 && generations[index - 1].number == generation.number - 1 ? generations[index - 1] : nil
            var claimed: [String: String] = [:]
            for field in generation.fields {
                guard let old = field.renamedFrom, let mark = field.renamedFromMark else { continue }
                guard generation.number > 1 else {
                    sink.report(.invalidValue, in: path, at: mark, "field '\(field.name)' of event '\(event.name)' is renamed from '\(old)', but generation 1 has no earlier generation to rename from")
                    continue
                }
                guard let previous else { continue }
                if !previous.fields.contains(where: { $0.name == old }) {
                    let names = previous.fields.map(\.name)
                    sink.report(.invalidValue, in: path, at: mark, "field '\(field.name)' of event '\(event.name)' is renamed from '\(old)', but generation \(previous.number) has no field '\(old)'\(suggestion(for: old, among: names))")
                } else if generation.fields.contains(where: { $0.name == old }) {
                    sink.report(.invalidValue, in: path, at: mark, "field '\(field.name)' of event '\(event.name)' is renamed from '\(old)', but generation \(generation.number) still has a field '\(old)'; a renamed field gives up its old name")
                } else if let other = claimed[old] {
                    sink.report(.invalidValue, in: path, at: mark, "fields '\(other)' and '\(field.name)' of event '\(event.name)' are both renamed from '\(old)'; one field can take its place")
                } else {
                    claimed[old] = field.name
                }
            }
        }
    }

    /// A struct cannot hold itself except inside an array or a dictionary (Swift would reject it
    /// as a type of infinite size). Depth-first, on an explicit stack.
    static func invalidContainment(_ files: [WrittenFile], into sink: inout FindingSink) {
        var structs: [String: (fields: [WrittenField], path: String, mark: Mark)] = [:]
        var order: [String] = []
        for file in files {
            for type in file.domain.types {
                if case .structure(let fields) = type.kind, structs[type.name] == nil {
                    structs[type.name] = (fields, file.path, type.mark)
                    order.append(type.name)
                }
            }
        }
        func directReferences(_ type: TypeReference) -> String? {
            switch type {
            case .named(let name): return name
            case .optional(let wrapped): return directReferences(wrapped)
            case .array, .dictionary: return nil
            }
        }
        var state: [String: Int] = [:]  // 1: on the stack, 2: done
        for start in order where state[start] == nil {
            var stack: [(name: String, next: Int, via: String)] = [(start, 0, "")]
            state[start] = 1
            while let top = stack.last {
                let fields = structs[top.name]?.fields ?? []
                guard top.next < fields.count else {
                    state[top.name] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let field = fields[top.next]
                guard let target = directReferences(field.type), structs[target] != nil else { continue }
                switch state[target] {
                case 1:
                    let cycleStart = stack.firstIndex { $0.name == target } ?? 0
                    let path = stack[cycleStart...].map(\.name) + [target]
                    if let owner = structs[top.name] {
                        sink.report(.invalidValue, in: owner.path, at: field.typeMark, "type '\(top.name)' contains itself through \(path.joined(separator: " → ")); a struct can hold itself only inside an array or a dictionary, as in '[\(target)]'")
                    }
                case nil:
                    state[target] = 1
                    stack.append((target, 0, field.name))
                default:
                    break
                }
            }
        }
    }
}

extension Loading {
    /// The node's pairs, or a finding when it is not a mapping. A YAML null counts as an empty
    /// mapping where `nullIsEmpty` says so (`fields:` with nothing after it).
    mutating func mapping(_ node: Node, what: @autoclosure () -> String, example: String, nullIsEmpty: Bool = false) -> [Pair]? {
        if let pairs = node.mapping { return pairs }
        if nullIsEmpty, isNull(node) { return [] }
        invalidValue(at: node.mark, "\(what()) must be a mapping (as in '\(example)'), not \(node.kindDescription)")
        return nil
    }

    /// A scalar's text, or a finding when the node is a list or mapping.
    mutating func text(_ node: Node, what: @autoclosure () -> String) -> String? {
        guard let scalar = node.scalar else {
            invalidValue(at: node.mark, "\(what()) must be a single value, not \(node.kindDescription)")
            return nil
        }
        return scalar.text
    }

    /// A description: any text; a YAML null means none.
    mutating func description(_ node: Node) -> String? {
        if isNull(node) { return nil }
        return text(node, what: "a description")
    }

    /// One of a fixed set of values (an entity key type, a visibility); nil, with a finding
    /// built by `message` from the text and the choices, for anything else.
    mutating func choice<Value: RawRepresentable & CaseIterable>(_ node: Node, what: String, as: Value.Type, message: (String, [String]) -> String) -> Value? where Value.RawValue == String {
        guard let text = text(node, what: what) else { return nil }
        if let value = Value(rawValue: text) { return value }
        let choices = Value.allCases.map(\.rawValue)
        invalidValue(at: node.mark, message(text, choices) + suggestion(for: text, among: choices))
        return nil
    }

    /// `true` or `false`.
    mutating func flag(_ node: Node, what: String) -> Bool? {
        guard let text = text(node, what: what) else { return nil }
        if text == "true" || text == "false" { return text == "true" }
        invalidValue(at: node.mark, "\(what) is true or false, not \(quoted(text))")
        return nil
    }

    /// The highest generation number: the generated code is linear in it (one struct, one upcast
    /// step and one chain function per generation), and at 1,000 generations it already takes
    /// the compiler about 12 s to type-check one event (docs/schema-format.md).
    static let maximumGeneration = 1_000

    /// A generation number, 1 to `maximumGeneration`, written in decimal digits.
    mutating func generation(_ node: Node, what: String = "generation") -> Int? {
        if let text = node.scalar?.text, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), text.utf8.count <= 6,
           let number = Int(text), number >= 1, number <= Loading.maximumGeneration {
            return number
        }
        invalidValue(at: node.mark, "\(what) \(quoted(node.scalar?.text ?? node.kindDescription)) is not a whole number from 1 to \(Loading.maximumGeneration)")
        return nil
    }

    /// A field's type, parsed; nil, with a finding, when it is malformed.
    mutating func typeReference(_ node: Node, field: String) -> TypeReference? {
        switch TypeReferenceParser.parse(node) {
        case .success(let type):
            return type
        case .failure(let failure):
            invalidValue(at: node.mark, "the type of field '\(field)' is malformed: \(failure.message)")
            return nil
        }
    }

    /// The items of an enum's `cases`, a list; an empty list is reported and given back.
    mutating func caseList(_ pair: Pair, owner: String) -> [Node]? {
        guard let items = pair.value.sequence else {
            invalidValue(at: pair.value.mark, "the cases of enum '\(owner)' are a list of names, as in 'cases: [mild, medium, hot]'")
            return nil
        }
        if items.isEmpty {
            invalidValue(at: pair.value.mark, "enum '\(owner)' has no cases; list at least one")
        }
        return items
    }

    mutating func invalidValue(at mark: Mark, _ message: String) {
        sink.report(.invalidValue, in: path, at: mark, message)
    }
}
