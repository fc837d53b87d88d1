import Mustache

// Direct key lookup for swift-mustache, one extension per view struct, so that it does not
// reflect every value with `Mirror`. Each answers exactly the stored properties of its view;
// the golden files check every key in use.

extension FileView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "header": return header
        case "imports": return imports
        case "types": return types
        case "events": return events
        case "entities": return entities
        case "registry": return registry
        default: return nil
        }
    }
}

extension MemberView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "declaration": return declaration
        default: return nil
        }
    }
}

extension InitializerView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "signature": return signature
        case "assignments": return assignments
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
        case "declaration": return declaration
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
        case "declaration": return declaration
        case "cases": return cases
        default: return nil
        }
    }
}

extension EventView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return name
        case "docLines": return docLines
        case "declaration": return declaration
        case "staticLines": return staticLines
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
        case "generations": return generations
        case "decodeSignature": return decodeSignature
        case "decodeCases": return decodeCases
        case "chains": return chains
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
        case "declaration": return declaration
        case "properties": return properties
        case "generationInitializer": return generationInitializer
        default: return nil
        }
    }
}

extension UpcastView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "signature": return signature
        case "body": return body
        default: return nil
        }
    }
}

extension HandWrittenView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "declaration": return declaration
        case "requirements": return requirements
        case "conformance": return conformance
        default: return nil
        }
    }
}

extension EntityView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "key": return key
        case "enumeration": return enumeration
        case "aggregate": return aggregate
        default: return nil
        }
    }
}

extension KeyView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "declaration": return declaration
        case "rawValueDeclaration": return rawValueDeclaration
        case "initializer": return initializer
        case "sourceIDInitializer": return sourceIDInitializer
        case "sourceIDInitializerBody": return sourceIDInitializerBody
        case "sourceIDDeclaration": return sourceIDDeclaration
        case "descriptionDeclaration": return descriptionDeclaration
        default: return nil
        }
    }
}

extension EntityEnumView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "declaration": return declaration
        case "keyAlias": return keyAlias
        case "entityNameLine": return entityNameLine
        case "cases": return cases
        case "initializer": return initializer
        case "wrapCases": return wrapCases
        case "eventDeclaration": return eventDeclaration
        case "unwrapCases": return unwrapCases
        default: return nil
        }
    }
}

extension AggregateView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "declaration": return declaration
        case "requirements": return requirements
        case "dispatchDeclaration": return dispatchDeclaration
        case "dispatchCases": return dispatchCases
        case "protocolName": return protocolName
        default: return nil
        }
    }
}

extension RegistryView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "declaration": return declaration
        case "registrationsDeclaration": return registrationsDeclaration
        case "registrations": return registrations
        case "makeRegistryDeclaration": return makeRegistryDeclaration
        default: return nil
        }
    }
}

extension AggregateStarterView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "declaration": return declaration
        case "applies": return applies
        default: return nil
        }
    }
}
