// Embedded copies of the files in Templates/, so that the tool carries its templates into any
// package that uses it. Generated: regenerate with `FACTUM_RECORD=1 swift test --filter BuiltinTemplates`.

enum BuiltinTemplates {
    static let sources: [String: String] = [
        "Aggregate.swift": ##"""
{{% CONTENT_TYPE: TEXT }}
// A starting point written by `factum scaffold`; it is yours to change. The tool never
// overwrites it, so when the schema gains an event, the compiler asks for its `apply` here.

import Factum

{{#docLines}}
{{.}}
{{/docLines}}
{{access}}nonisolated struct {{entity}}: {{entity}}Aggregate {
    {{access}}init() {}
{{#events}}

    {{access}}mutating func apply(_ event: {{.}}) {}
{{/events}}
}

"""##,
        "Domain.swift": ##"""
{{% CONTENT_TYPE: TEXT }}
{{marker}}
{{#descriptionLines}}
{{.}}
{{/descriptionLines}}

{{foundationImportAccess}}import Foundation
{{importAccess}}import Factum
{{#types}}

{{> Type}}
{{/types}}
{{#events}}

{{> Event}}
{{/events}}
{{#entities}}

{{> Entity}}
{{/entities}}
{{#projections}}

{{> Projection}}
{{/projections}}

{{> Registry}}

"""##,
        "Entity": ##"""
{{% CONTENT_TYPE: TEXT }}
{{#keyDocLines}}
{{.}}
{{/keyDocLines}}
{{access}}nonisolated struct {{entity}}Key: Factum.EntityKey, Swift.CustomStringConvertible {
    {{access}}var rawValue: {{rawType}}

    {{access}}init(_ rawValue: {{rawType}}) {
        self.rawValue = rawValue
    }

    {{access}}init?(sourceID: Swift.String) {
{{#stringKey}}
        self.init(sourceID)
{{/stringKey}}
{{#uuidKey}}
        guard let value = Foundation.UUID(uuidString: sourceID) else { return nil }
        self.init(value)
{{/uuidKey}}
{{#intKey}}
        guard let value = Swift.Int(sourceID) else { return nil }
        self.init(value)
{{/intKey}}
    }

    {{access}}var sourceID: Swift.String { {{#stringKey}}rawValue{{/stringKey}}{{#uuidKey}}rawValue.uuidString.lowercased(){{/uuidKey}}{{#intKey}}Swift.String(rawValue){{/intKey}} }

    {{access}}var description: Swift.String { sourceID }
}

{{#enumDocLines}}
{{.}}
{{/enumDocLines}}
{{access}}nonisolated enum {{entity}}Event: Factum.EntityEvent {
    {{access}}typealias Key = {{entity}}Key

{{#events}}
    case {{caseName}}({{name}})
{{/events}}

    {{access}}static let entityName = {{entityNameLiteral}}

    {{access}}init?(_ event: any Factum.DomainEvent) {
        switch event {
{{#events}}
        case let event as {{name}}: self = .{{caseName}}(event)
{{/events}}
        default: return nil
        }
    }

    {{access}}var event: any Factum.DomainEvent {
        switch self {
{{#events}}
        case .{{caseName}}(let event): return event
{{/events}}
        }
    }
}

/// State rebuilt from the events of `{{entity}}`: conform a struct with `init()` and
/// one `apply` per event. A new event is a compile error here until it is handled.
{{access}}nonisolated protocol {{entity}}Aggregate: Factum.Aggregate where Event == {{entity}}Event {
{{#events}}
    mutating func apply(_ event: {{name}})
{{/events}}
}

extension {{entity}}Aggregate {
    /// Applies any event of the entity by calling the `apply` for its type.
    nonisolated {{access}}mutating func apply(_ event: {{entity}}Event) {
        switch event {
{{#events}}
        case .{{caseName}}(let event): apply(event)
{{/events}}
        }
    }
}

"""##,
        "Event": ##"""
{{% CONTENT_TYPE: TEXT }}
{{#docLines}}
{{.}}
{{/docLines}}
{{access}}nonisolated struct {{name}}: Factum.DomainEvent {
    {{access}}static let eventType = Factum.EventType(id: {{idLiteral}}, generation: {{generation}})
    {{access}}static let visibility = Factum.EventVisibility.{{visibility}}
    {{access}}static let entityName = {{entityNameLiteral}}
    {{access}}static let eventName = {{eventNameLiteral}}
{{#storedGenerations}}
    {{access}}static let storedGenerations = [{{.}}]
{{/storedGenerations}}
{{#retired}}
    {{access}}static let isRetired = true
{{/retired}}
{{#properties}}
{{#first()}}

{{/first()}}
{{#docLines}}
    {{.}}
{{/docLines}}
    {{access}}var {{name}}: {{type}}
{{/properties}}

{{#initializer}}
{{> Initializer}}
{{/initializer}}
}
{{#history}}

extension {{eventName}} {
{{#generations}}
    /// Generation {{number}} of `{{eventName}}`, kept so that events stored in it stay readable.
{{#empty}}
    {{access}}nonisolated struct Generation{{number}}: Swift.Decodable, Swift.Sendable {}
{{/empty}}
{{^empty}}
    {{access}}nonisolated struct Generation{{number}}: Swift.Decodable, Swift.Sendable {
{{#properties}}
{{#docLines}}
        {{.}}
{{/docLines}}
        {{access}}var {{name}}: {{type}}
{{#last()}}
{{#generationInitializer}}

{{/generationInitializer}}
{{/last()}}
{{/properties}}
{{#generationInitializer}}
{{^parameters}}
        {{access}}init() {}
{{/parameters}}
{{#oneLine}}
        {{access}}init({{#parameters}}{{label}}: {{type}}{{#defaultValue}} = {{.}}{{/defaultValue}}{{^last()}}, {{/last()}}{{/parameters}}) {
{{/oneLine}}
{{#multiLine}}
        {{access}}init(
{{#parameters}}
            {{label}}: {{type}}{{#defaultValue}} = {{.}}{{/defaultValue}}{{^last()}},{{/last()}}
{{/parameters}}
        ) {
{{/multiLine}}
{{#parameters}}
            self.{{property}} = {{argument}}
{{#last()}}
        }
{{/last()}}
{{/parameters}}
{{/generationInitializer}}
    }
{{/empty}}

{{/generations}}
    /// Decodes a payload stored at any generation and upcasts it to the current one.
    {{access}}nonisolated static func decode(generation: Swift.Int, from payload: Foundation.Data, using decoder: Foundation.JSONDecoder) throws -> Self {
        switch generation {
{{#generations}}
        case {{number}}: return try upcastToCurrent(fromGeneration{{number}}: decoder.decode(Generation{{number}}.self, from: payload))
{{/generations}}
        case {{current}}: return try decoder.decode(Self.self, from: payload)
        default: throw Factum.RegistryError.unknownGeneration(eventName: eventName, eventType: eventType.id, generation: generation, known: storedGenerations)
        }
    }
{{#generations}}

    /// Generation {{number}} upcast step by step to the current generation, {{current}}.
    {{access}}nonisolated static func upcastToCurrent(fromGeneration{{number}} old: Generation{{number}}) -> Self {
{{#nextIsCurrent}}
        upcast(fromGeneration{{number}}: old)
{{/nextIsCurrent}}
{{^nextIsCurrent}}
        upcastToCurrent(fromGeneration{{next}}: upcast(fromGeneration{{number}}: old))
{{/nextIsCurrent}}
    }
{{/generations}}
{{#derivedUpcasts}}

    /// Generation {{from}} to {{to}}, derived from the schema: {{summary}}.
    {{access}}nonisolated static func upcast(fromGeneration{{from}} old: Generation{{from}}) -> {{target}} {
{{#oneLine}}
        {{target}}({{#arguments}}{{label}}: {{expression}}{{^last()}}, {{/last()}}{{/arguments}})
{{/oneLine}}
{{^oneLine}}
        {{target}}(
{{#arguments}}
            {{label}}: {{expression}}{{^last()}},{{/last()}}
{{/arguments}}
        )
{{/oneLine}}
    }
{{/derivedUpcasts}}
{{#handWritten}}

    /// The upcasts the generator cannot derive. `{{eventName}}` conforms to this protocol, so the
    /// package does not compile until each one is written in an extension of `{{eventName}}`.
    {{access}}nonisolated protocol HandWrittenUpcasts {
{{#requirements}}
        /// Write `upcast(fromGeneration{{from}} old: Generation{{from}}) -> {{target}}` in an extension of `{{eventName}}`:
        /// the generator cannot derive generation {{to}} from {{from}} because {{reasons}}.
        static func upcast(fromGeneration{{from}} old: Generation{{from}}) -> {{target}}
{{/requirements}}
    }
{{/handWritten}}
}
{{#handWritten}}

extension {{eventName}}: {{eventName}}.HandWrittenUpcasts {}
{{/handWritten}}
{{/history}}

"""##,
        "Initializer": ##"""
{{% CONTENT_TYPE: TEXT }}
{{#docLines}}
    {{.}}
{{/docLines}}
{{^parameters}}
    {{access}}init() {}
{{/parameters}}
{{#oneLine}}
    {{access}}init({{#parameters}}{{label}}: {{type}}{{#defaultValue}} = {{.}}{{/defaultValue}}{{^last()}}, {{/last()}}{{/parameters}}) {
{{/oneLine}}
{{#multiLine}}
    {{access}}init(
{{#parameters}}
        {{label}}: {{type}}{{#defaultValue}} = {{.}}{{/defaultValue}}{{^last()}},{{/last()}}
{{/parameters}}
    ) {
{{/multiLine}}
{{#parameters}}
        self.{{property}} = {{argument}}
{{#last()}}
    }
{{/last()}}
{{/parameters}}

"""##,
        "Projection": ##"""
{{% CONTENT_TYPE: TEXT }}
{{#docLines}}
{{.}}
{{/docLines}}
{{access}}nonisolated protocol {{name}}Projection: Factum.Projection {
{{#events}}
    /// Applies a `{{name}}`, always in its latest generation: older ones are upcast first.
    func when(_ event: {{name}}, _ context: Context) async throws
{{/events}}
}

extension {{name}}Projection {
    nonisolated {{access}}static var projectionName: Swift.String { {{nameLiteral}} }

    nonisolated {{access}}static var projectionVersion: Swift.Int { {{version}} }

    /// The events the projection reads, by event type id.
    nonisolated {{access}}static var selector: Factum.ProjectionSelector {
        Factum.ProjectionSelector([
{{#events}}
            {{name}}.eventType,
{{/events}}
        ])
    }

    /// Calls the `when` for the event's type.
    nonisolated {{access}}func handle(_ event: any Factum.DomainEvent, _ context: Context) async throws {
        switch event {
{{#events}}
        case let event as {{name}}: try await when(event, context)
{{/events}}
        default: throw Factum.ProjectionError.unexpectedEvent(projection: {{nameLiteral}}, eventName: Swift.type(of: event).eventName)
        }
    }
}

"""##,
        "Registry": ##"""
{{% CONTENT_TYPE: TEXT }}
{{#registry}}
/// The event types of domain `{{domain}}`, for a `Factum.EventRegistry`.
{{access}}nonisolated enum {{domain}}Registry {
    /// One registration per event type of the domain; combine several domains' lists in one registry.
    {{access}}static let registrations: [Factum.EventRegistration] = [
{{#events}}
        Factum.EventRegistration({{.}}.self),
{{/events}}
    ]

    /// A registry of this domain's events.
    {{access}}static func makeRegistry() throws -> Factum.EventRegistry {
        try Factum.EventRegistry(registrations)
    }
}
{{/registry}}

"""##,
        "Type": ##"""
{{% CONTENT_TYPE: TEXT }}
{{#structure}}
{{#docLines}}
{{.}}
{{/docLines}}
{{access}}nonisolated struct {{name}}: Swift.Codable, Swift.Hashable, Swift.Sendable {
{{#properties}}
{{#docLines}}
    {{.}}
{{/docLines}}
    {{access}}var {{name}}: {{type}}
{{#last()}}

{{/last()}}
{{/properties}}
{{#initializer}}
{{> Initializer}}
{{/initializer}}
}
{{/structure}}
{{#enumeration}}
{{#docLines}}
{{.}}
{{/docLines}}
{{access}}nonisolated enum {{name}}: Swift.String, Swift.Codable, Swift.Hashable, Swift.Sendable, Swift.CaseIterable {
{{#cases}}
    case {{.}}
{{/cases}}
}
{{/enumeration}}

"""##,
    ]
}
