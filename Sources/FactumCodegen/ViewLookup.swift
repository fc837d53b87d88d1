import Mustache

// Direct key lookup for the templates, one extension per view struct: `TemplateObject` for
// Factum's own renderer, `MustacheParent` for swift-mustache (which renders templates outside
// that renderer's subset, and would otherwise reflect every value with `Mirror`). Each answers
// exactly the stored properties of its view; the golden files check every key in use.

extension FileView: MustacheParent, TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "header": return header
        case "imports": return imports
        case "types": return types
        case "events": return events.all
        case "entities": return entities
        case "registry": return registry
        default: return nil
        }
    }

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "header": return .list(self.header)
        case "imports": return .list(self.imports)
        case "types": return .list(self.types)
        case "events": return .list(self.events)
        case "entities": return .list(self.entities)
        case "registry": return .object(self.registry)
        default: return nil
        }
    }
}

extension MemberView: MustacheParent, TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "declaration": return declaration
        default: return nil
        }
    }

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "docLines": return .list(self.docLines)
        case "declaration": return .text(self.declaration)
        default: return nil
        }
    }
}

extension InitializerView: MustacheParent, TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "signature": return signature
        case "assignments": return assignments
        default: return nil
        }
    }

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "docLines": return .list(self.docLines)
        case "signature": return .list(self.signature)
        case "assignments": return .list(self.assignments)
        default: return nil
        }
    }
}

extension TypeView: MustacheParent, TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "structure": return structure
        case "enumeration": return enumeration
        default: return nil
        }
    }

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "structure": return self.structure.map { .object($0) }
        case "enumeration": return self.enumeration.map { .object($0) }
        default: return nil
        }
    }
}

extension StructView: MustacheParent, TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "declaration": return declaration
        case "properties": return properties
        case "initializer": return initializer
        default: return nil
        }
    }

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "docLines": return .list(self.docLines)
        case "declaration": return .text(self.declaration)
        case "properties": return .list(self.properties)
        case "initializer": return .object(self.initializer)
        default: return nil
        }
    }
}

extension EnumView: MustacheParent, TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "declaration": return declaration
        case "cases": return cases
        default: return nil
        }
    }

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "docLines": return .list(self.docLines)
        case "declaration": return .text(self.declaration)
        case "cases": return .list(self.cases)
        default: return nil
        }
    }
}

extension EventView: MustacheParent, TemplateObject {
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

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "name": return .text(self.name)
        case "docLines": return .list(self.docLines)
        case "declaration": return .text(self.declaration)
        case "staticLines": return .list(self.staticLines)
        case "properties": return .list(self.properties)
        case "initializer": return .object(self.initializer)
        case "history": return self.history.map { .object($0) }
        default: return nil
        }
    }
}

extension HistoryView: MustacheParent, TemplateObject {
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

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "eventName": return .text(self.eventName)
        case "generations": return .list(self.generations)
        case "decodeSignature": return .text(self.decodeSignature)
        case "decodeCases": return .list(self.decodeCases)
        case "chains": return .list(self.chains)
        case "derivedUpcasts": return .list(self.derivedUpcasts)
        case "handWritten": return self.handWritten.map { .object($0) }
        default: return nil
        }
    }
}

extension GenerationView: MustacheParent, TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "number": return number
        case "declaration": return declaration
        case "properties": return properties
        case "generationInitializer": return generationInitializer
        default: return nil
        }
    }

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "number": return .text(String(self.number))
        case "declaration": return .text(self.declaration)
        case "properties": return .list(self.properties)
        case "generationInitializer": return self.generationInitializer.map { .object($0) }
        default: return nil
        }
    }
}

extension UpcastView: MustacheParent, TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "signature": return signature
        case "body": return body
        default: return nil
        }
    }

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "docLines": return .list(self.docLines)
        case "signature": return .text(self.signature)
        case "body": return .list(self.body)
        default: return nil
        }
    }
}

extension HandWrittenView: MustacheParent, TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "declaration": return declaration
        case "requirements": return requirements
        case "conformance": return conformance
        default: return nil
        }
    }

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "declaration": return .text(self.declaration)
        case "requirements": return .list(self.requirements)
        case "conformance": return .text(self.conformance)
        default: return nil
        }
    }
}

extension EntityView: MustacheParent, TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "key": return key
        case "enumeration": return enumeration
        case "aggregate": return aggregate
        default: return nil
        }
    }

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "key": return .object(self.key)
        case "enumeration": return .object(self.enumeration)
        case "aggregate": return .object(self.aggregate)
        default: return nil
        }
    }
}

extension KeyView: MustacheParent, TemplateObject {
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

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "docLines": return .list(self.docLines)
        case "declaration": return .text(self.declaration)
        case "rawValueDeclaration": return .text(self.rawValueDeclaration)
        case "initializer": return .text(self.initializer)
        case "sourceIDInitializer": return .text(self.sourceIDInitializer)
        case "sourceIDInitializerBody": return .list(self.sourceIDInitializerBody)
        case "sourceIDDeclaration": return .text(self.sourceIDDeclaration)
        case "descriptionDeclaration": return .text(self.descriptionDeclaration)
        default: return nil
        }
    }
}

extension EntityEnumView: MustacheParent, TemplateObject {
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

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "docLines": return .list(self.docLines)
        case "declaration": return .text(self.declaration)
        case "keyAlias": return .text(self.keyAlias)
        case "entityNameLine": return .text(self.entityNameLine)
        case "cases": return .list(self.cases)
        case "initializer": return .text(self.initializer)
        case "wrapCases": return .list(self.wrapCases)
        case "eventDeclaration": return .text(self.eventDeclaration)
        case "unwrapCases": return .list(self.unwrapCases)
        default: return nil
        }
    }
}

extension AggregateView: MustacheParent, TemplateObject {
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

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "docLines": return .list(self.docLines)
        case "declaration": return .text(self.declaration)
        case "requirements": return .list(self.requirements)
        case "dispatchDeclaration": return .text(self.dispatchDeclaration)
        case "dispatchCases": return .list(self.dispatchCases)
        case "protocolName": return .text(self.protocolName)
        default: return nil
        }
    }
}

extension RegistryView: MustacheParent, TemplateObject {
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

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "docLines": return .list(self.docLines)
        case "declaration": return .text(self.declaration)
        case "registrationsDeclaration": return .text(self.registrationsDeclaration)
        case "registrations": return .list(self.registrations)
        case "makeRegistryDeclaration": return .text(self.makeRegistryDeclaration)
        default: return nil
        }
    }
}

extension AggregateStarterView: MustacheParent, TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": return docLines
        case "declaration": return declaration
        case "applies": return applies
        default: return nil
        }
    }

    func value(for key: String) -> TemplateValue? {
        switch key {
        case "docLines": return .list(self.docLines)
        case "declaration": return .text(self.declaration)
        case "applies": return .list(self.applies)
        default: return nil
        }
    }
}
