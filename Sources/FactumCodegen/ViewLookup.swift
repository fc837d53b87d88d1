import Mustache

// Direct key lookup for swift-mustache, one extension per view struct, so that it does not
// reflect every value with `Mirror`. Each answers exactly the stored properties of its view;
// the golden files check every key in use.

extension FileView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "marker": return marker
        case "descriptionLines": return descriptionLines
        case "importAccess": return importAccess
        case "foundationImportAccess": return foundationImportAccess
        case "types": return types
        case "events": return events
        case "entities": return entities
        case "projections": return projections
        case "registry": return registry
        default: return nil
        }
    }
}

extension PropertyView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "access": return access
        case "name": return self.name
        case "type": return type
        default: return nil
        }
    }
}

extension InitializerView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "access": return access
        case "oneLine": return oneLine
        case "multiLine": return multiLine
        case "parameters": return parameters
        default: return nil
        }
    }
}

extension ParameterView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "type": return type
        // nil sends the lookup on to the enclosing views, none of which has this key.
        case "defaultValue": return defaultValue
        case "property": return property
        case "argument": return argument
        default: return nil
        }
    }
}

extension TypeView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "structure": return structure
        case "enumeration": return enumeration
        default: return nil
        }
    }
}

extension StructView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "access": return access
        case "name": return self.name
        case "properties": return properties
        case "initializer": return initializer
        default: return nil
        }
    }
}

extension EnumView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "access": return access
        case "name": return self.name
        case "cases": return cases
        default: return nil
        }
    }
}

extension EventView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "docLines": return docLines
        case "access": return access
        case "idLiteral": return idLiteral
        case "generation": return generation
        case "visibility": return visibility
        case "entityNameLiteral": return entityNameLiteral
        case "eventNameLiteral": return eventNameLiteral
        // nil sends the lookup on to the enclosing views, none of which has this key.
        case "storedGenerations": return storedGenerations
        case "retired": return retired
        case "properties": return properties
        case "initializer": return initializer
        case "history": return history
        default: return nil
        }
    }
}

extension HistoryView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "eventName": return eventName
        case "access": return access
        case "current": return current
        case "generations": return generations
        case "derivedUpcasts": return derivedUpcasts
        case "handWritten": return handWritten
        default: return nil
        }
    }
}

extension GenerationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": return number
        case "next": return next
        case "nextIsCurrent": return nextIsCurrent
        case "access": return access
        case "properties": return properties
        case "empty": return empty
        case "generationInitializer": return generationInitializer
        default: return nil
        }
    }
}

extension UpcastView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "from": return from
        case "to": return to
        case "target": return target
        case "summary": return summary
        case "arguments": return arguments
        case "oneLine": return oneLine
        default: return nil
        }
    }
}

extension HandWrittenView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "requirements": return requirements
        default: return nil
        }
    }
}

extension RequirementView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "from": return from
        case "to": return to
        case "target": return target
        case "reasons": return reasons
        default: return nil
        }
    }
}

extension Upcast.Argument: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "expression": return expression
        default: return nil
        }
    }
}

extension EntityView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "access": return access
        case "entity": return entity
        case "entityNameLiteral": return entityNameLiteral
        case "keyDocLines": return keyDocLines
        case "rawType": return rawType
        case "stringKey": return stringKey
        case "uuidKey": return uuidKey
        case "intKey": return intKey
        case "enumDocLines": return enumDocLines
        case "events": return events
        default: return nil
        }
    }
}

extension EntityEventView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "caseName": return caseName
        default: return nil
        }
    }
}

extension RegistryView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "access": return access
        case "domain": return domain
        case "events": return events
        default: return nil
        }
    }
}

extension AggregateStarterView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "access": return access
        case "entity": return entity
        case "events": return events
        default: return nil
        }
    }
}

extension ProjectionView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "access": return access
        case "docLines": return docLines
        case "name": return self.name
        case "nameLiteral": return nameLiteral
        case "version": return version
        case "events": return events
        default: return nil
        }
    }
}

extension ProjectionEventView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        default: return nil
        }
    }
}
