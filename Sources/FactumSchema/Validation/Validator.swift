import Foundation
import FactumYAML

/// Checks what only all files read together can tell: unique names and event ids, type
/// references that resolve, defaults that fit their types, renames that name an earlier
/// field, and struct types that do not contain themselves. Then it turns the written files
/// into the public model, whose ids and defaults are resolved.
public enum Validator {
    /// The findings, and the public model when every event has its id, every field's type
    /// resolves and every default was read as a value of its type (nil otherwise; each reason
    /// is among these findings or the loader's).
    public static func validate(_ files: [WrittenFile]) -> (findings: [Finding], model: [DomainFile]?) {
        var findings: [Finding] = []
        func report(_ rule: Rule, _ path: String, _ mark: Mark, _ message: String) {
            findings.append(Finding(rule, path: path, at: mark, message))
        }

        checkNames(files, report: report)
        let declared = declaredTypes(files)
        checkEventIDs(files, report: report)

        // Defaults read as values, by file and field (a field's mark is unique in its file).
        var defaults: [String: [Mark: DefaultValue]] = [:]
        for file in files {
            let path = file.path
            var values: [Mark: DefaultValue] = [:]
            for type in file.domain.types {
                if case .structure(let fields) = type.kind {
                    check(fields, owner: "type '\(type.name)'", declared: declared, path: path, into: &values, report: report)
                }
            }
            for entity in file.domain.entities {
                for event in entity.events {
                    check(event.current.fields, owner: "event '\(event.name)'", declared: declared, path: path, into: &values, report: report)
                    for generation in event.history {
                        check(generation.fields, owner: "generation \(generation.number) of event '\(event.name)'", declared: declared, path: path, into: &values, report: report)
                    }
                    checkRenames(event, path: path, report: report)
                }
            }
            defaults[path] = values
        }
        checkContainment(files, report: report)
        return (findings, model(files, declared: declared, defaults: defaults))
    }

    /// The declared types by name, the first declaration of a name winning (later ones are
    /// reported as duplicates).
    public static func declaredTypes(_ files: [DomainFile]) -> [String: TypeDeclaration] {
        var types: [String: TypeDeclaration] = [:]
        for file in files {
            for type in file.domain.types where types[type.name] == nil && !Names.reservedTypeNames.contains(type.name) {
                types[type.name] = type
            }
        }
        return types
    }

    // MARK: The public model

    private static func model(_ files: [WrittenFile], declared: [String: WrittenType], defaults: [String: [Mark: DefaultValue]]) -> [DomainFile]? {
        var model: [DomainFile] = []
        for file in files {
            let values = defaults[file.path] ?? [:]
            func resolved(_ fields: [WrittenField]) -> [Field]? {
                var result: [Field] = []
                for field in fields {
                    guard field.type.names.allSatisfy({ BuiltinType.nameSet.contains($0) || declared[$0] != nil }) else { return nil }
                    var value: DefaultValue?
                    if field.defaultNode != nil {
                        guard let read = values[field.mark] else { return nil }
                        value = read
                    }
                    result.append(Field(name: field.name, mark: field.mark, type: field.type, typeMark: field.typeMark, description: field.description,
                                        defaultValue: value, renamedFrom: field.renamedFrom, renamedFromMark: field.renamedFromMark))
                }
                return result
            }
            func resolved(_ generation: WrittenGeneration) -> Generation? {
                resolved(generation.fields).map { Generation(number: generation.number, mark: generation.mark, fields: $0) }
            }
            let written = file.domain
            var types: [TypeDeclaration] = []
            for type in written.types {
                let kind: TypeDeclaration.Kind
                switch type.kind {
                case .structure(let fields):
                    guard let fields = resolved(fields) else { return nil }
                    kind = .structure(fields)
                case .enumeration(let cases):
                    kind = .enumeration(cases)
                }
                types.append(TypeDeclaration(name: type.name, mark: type.mark, description: type.description, kind: kind))
            }
            var entities: [Entity] = []
            for entity in written.entities {
                var events: [Event] = []
                for event in entity.events {
                    guard let id = event.id, let current = resolved(event.current) else { return nil }
                    var history: [Generation] = []
                    for generation in event.history {
                        guard let resolved = resolved(generation) else { return nil }
                        history.append(resolved)
                    }
                    events.append(Event(name: event.name, mark: event.mark, id: id, idMark: event.idMark, visibility: event.visibility,
                                        description: event.description, current: current, history: history, retired: event.retired))
                }
                entities.append(Entity(name: entity.name, mark: entity.mark, description: entity.description, key: entity.key, events: events))
            }
            model.append(DomainFile(path: file.path, domain: Domain(name: written.name, nameMark: written.nameMark, description: written.description, types: types, entities: entities)))
        }
        return model
    }

    typealias Report = (Rule, String, Mark, String) -> Void

    // MARK: Names

    private struct Declaration {
        enum Kind: String { case domain, entity, event, type }
        var kind: Kind
        var path: String
        var mark: Mark
    }

    private static func checkNames(_ files: [WrittenFile], report: Report) {
        var declarations: [String: Declaration] = [:]
        var generated: [String: String] = [:]
        for file in files {
            let domain = file.domain
            for companion in Names.generatedNames(forDomain: domain.name) { generated[companion.name] = companion.role }
            for entity in domain.entities {
                for companion in Names.generatedNames(forEntity: entity.name) { generated[companion.name] = companion.role }
            }
        }

        func declare(_ name: String, _ kind: Declaration.Kind, _ path: String, _ mark: Mark) {
            guard !name.isEmpty else { return }
            if Names.moduleNames.contains(name) || ((kind == .event || kind == .type) && Names.reservedTypeNames.contains(name)) {
                report(.reservedName, path, mark, "\(kind.rawValue) name '\(name)' is reserved: the generated code needs '\(name)' to mean \(Names.moduleNames.contains(name) ? "the module of that name" : "Swift's own type"); choose another name")
                return
            }
            if kind == .type, Names.isNestedInEvents(name) {
                report(.reservedName, path, mark, "type name '\(name)' is reserved: generated events nest declarations of that name, which would hide this type inside them; choose another name")
                return
            }
            if let role = generated[name] {
                report(.reservedName, path, mark, "\(kind.rawValue) name '\(name)' is reserved: it is the name of \(role); choose another name")
                return
            }
            if let first = declarations[name] {
                let sharedByDomainAndEntity = Set([first.kind, kind]) == [.domain, .entity]
                if sharedByDomainAndEntity { return }
                report(.duplicateName, path, mark, "\(kind.rawValue) name '\(name)' is already the name of \(withArticle(first.kind.rawValue)) at \(first.path):\(first.mark.line); names are unique across all domain files read together")
                return
            }
            declarations[name] = Declaration(kind: kind, path: path, mark: mark)
        }

        for file in files {
            let domain = file.domain
            if let first = declarations[domain.name], first.kind == .domain {
                report(.duplicateName, file.path, domain.nameMark, "domain '\(domain.name)' is already declared at \(first.path):\(first.mark.line); one domain per file")
            } else {
                declare(domain.name, .domain, file.path, domain.nameMark)
            }
            for type in domain.types { declare(type.name, .type, file.path, type.mark) }
            for entity in domain.entities {
                declare(entity.name, .entity, file.path, entity.mark)
                for event in entity.events { declare(event.name, .event, file.path, event.mark) }
            }
        }
    }

    // MARK: Event ids

    private static func checkEventIDs(_ files: [WrittenFile], report: Report) {
        var seen: [UUID: (name: String, path: String, mark: Mark)] = [:]
        for file in files {
            for entity in file.domain.entities {
                for event in entity.events {
                    guard let id = event.id else { continue }
                    if let first = seen[id] {
                        report(.duplicateEventID, file.path, event.idMark, "event '\(event.name)' has the id of event '\(first.name)' (\(first.path):\(first.mark.line)); every event type needs its own id, such as \(UUID().uuidString.lowercased())")
                    } else {
                        seen[id] = (event.name, file.path, event.idMark)
                    }
                }
            }
        }
    }

    // MARK: Types and defaults

    private static func declaredTypes(_ files: [WrittenFile]) -> [String: WrittenType] {
        var types: [String: WrittenType] = [:]
        for file in files {
            for type in file.domain.types where types[type.name] == nil && !Names.reservedTypeNames.contains(type.name) {
                types[type.name] = type
            }
        }
        return types
    }

    /// `owner` names the fields' place in messages, built only for a finding.
    private static func check(_ fields: [WrittenField], owner: @autoclosure () -> String, declared: [String: WrittenType], path: String,
                              into defaults: inout [Mark: DefaultValue], report: Report) {
        for field in fields {
            var resolved = true
            for name in field.type.names where !BuiltinType.nameSet.contains(name) && declared[name] == nil {
                resolved = false
                let hint = suggestion(for: name, among: BuiltinType.names + declared.keys.sorted())
                report(.unknownType, path, field.typeMark, "field '\(field.name)' of \(owner()) has type \(quoted(name)), which is neither built in nor declared under 'types'\(hint)")
            }
            guard resolved, let node = field.defaultNode else { continue }
            switch DefaultChecker(types: declared).value(node, type: field.type) {
            case .success(let value):
                defaults[field.mark] = value
            case .failure(let failure):
                report(.invalidDefault, path, failure.mark, "the default of field '\(field.name)' of \(owner()) does not fit its type \(field.type): \(failure.message)")
            }
        }
    }

    // MARK: Renames

    private static func checkRenames(_ event: WrittenEvent, path: String, report: Report) {
        let generations = event.generations
        for (index, generation) in generations.enumerated() {
            let previous = index > 0 && generations[index - 1].number == generation.number - 1 ? generations[index - 1] : nil
            var claimed: [String: String] = [:]
            for field in generation.fields {
                guard let old = field.renamedFrom, let mark = field.renamedFromMark else { continue }
                guard generation.number > 1 else {
                    report(.invalidValue, path, mark, "field '\(field.name)' of event '\(event.name)' is renamed from '\(old)', but generation 1 has no earlier generation to rename from")
                    continue
                }
                guard let previous else { continue }
                if !previous.fields.contains(where: { $0.name == old }) {
                    let names = previous.fields.map(\.name)
                    report(.invalidValue, path, mark, "field '\(field.name)' of event '\(event.name)' is renamed from '\(old)', but generation \(previous.number) has no field '\(old)'\(suggestion(for: old, among: names))")
                } else if generation.fields.contains(where: { $0.name == old }) {
                    report(.invalidValue, path, mark, "field '\(field.name)' of event '\(event.name)' is renamed from '\(old)', but generation \(generation.number) still has a field '\(old)'; a renamed field gives up its old name")
                } else if let other = claimed[old] {
                    report(.invalidValue, path, mark, "fields '\(other)' and '\(field.name)' of event '\(event.name)' are both renamed from '\(old)'; one field can take its place")
                } else {
                    claimed[old] = field.name
                }
            }
        }
    }

    // MARK: Containment

    /// A struct cannot hold itself except inside an array or a dictionary (Swift would reject it
    /// as a type of infinite size). Depth-first, on an explicit stack.
    private static func checkContainment(_ files: [WrittenFile], report: Report) {
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
                        report(.invalidValue, owner.path, field.typeMark, "type '\(top.name)' contains itself through \(path.joined(separator: " → ")); a struct can hold itself only inside an array or a dictionary, as in '[\(target)]'")
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
