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
    public static func validate(_ files: [WrittenFile], into sink: inout FindingSink) -> [DomainFile]? {
        let companions = generatedNames(files)
        var names = DeclaredNames()
        var ids = DeclaredIDs()
        for file in files {
            for declaration in declarations(in: file.domain) {
                if reservedName(declaration, companions: companions, in: file.path, into: &sink) { continue }
                duplicateName(declaration, among: &names, in: file.path, into: &sink)
            }
            for entity in file.domain.entities {
                for event in entity.events { duplicateEventID(event, among: &ids, in: file.path, into: &sink) }
            }
        }

        let declared = declaredTypes(files)
        // Defaults read as values, by file and field (a field's mark is unique in its file).
        var defaults: [String: [Mark: DefaultValue]] = [:]
        for file in files {
            let path = file.path
            var values: [Mark: DefaultValue] = [:]
            func fields(_ fields: [WrittenField], owner: @autoclosure () -> String) {
                for field in fields where unknownTypes(field, owner: owner(), declared: declared, in: path, into: &sink) {
                    guard let node = field.defaultNode else { continue }
                    values[field.mark] = invalidDefault(node, of: field, owner: owner(), declared: declared, in: path, into: &sink)
                }
            }
            for type in file.domain.types {
                if case .structure(let structure) = type.kind { fields(structure, owner: "type '\(type.name)'") }
            }
            for entity in file.domain.entities {
                for event in entity.events {
                    fields(event.current.fields, owner: "event '\(event.name)'")
                    for generation in event.history {
                        fields(generation.fields, owner: "generation \(generation.number) of event '\(event.name)'")
                    }
                    invalidRenames(event, in: path, into: &sink)
                }
            }
            defaults[path] = values
        }
        invalidContainment(files, into: &sink)
        for file in files { projectionUnknownEvents(file, into: &sink) }
        duplicateProjections(files, into: &sink)
        return model(files, declared: declared, defaults: defaults)
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
                    guard field.type.names.allSatisfy({ resolves($0, declared: declared) }) else { return nil }
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
            model.append(DomainFile(path: file.path, domain: Domain(name: written.name, nameMark: written.nameMark, description: written.description, types: types, entities: entities, projections: written.projections)))
        }
        return model
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

    // MARK: Names

    /// A name declared in a domain file, which must be unique and not reserved.
    struct Declaration {
        enum Kind: String { case domain, entity, event, type }
        var name: String
        var kind: Kind
        var mark: Mark
    }

    /// The domain's names in the order they are written: the domain, its types, then each
    /// entity followed by its events. A name the file lacks (an empty one) is left out.
    static func declarations(in domain: WrittenDomain) -> [Declaration] {
        var result = [Declaration(name: domain.name, kind: .domain, mark: domain.nameMark)]
        result += domain.types.map { Declaration(name: $0.name, kind: .type, mark: $0.mark) }
        for entity in domain.entities {
            result.append(Declaration(name: entity.name, kind: .entity, mark: entity.mark))
            result += entity.events.map { Declaration(name: $0.name, kind: .event, mark: $0.mark) }
        }
        return result.filter { !$0.name.isEmpty }
    }
}
