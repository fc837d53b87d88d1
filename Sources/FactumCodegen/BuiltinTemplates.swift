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
{{declaration}} {
    init() {}
{{#applies}}

    {{.}}
{{/applies}}
}

"""##,
        "Domain.swift": ##"""
{{% CONTENT_TYPE: TEXT }}
{{#header}}
{{.}}
{{/header}}

{{#imports}}
{{.}}
{{/imports}}
{{#types}}

{{> Type}}
{{/types}}
{{#events}}

{{> Event}}
{{/events}}
{{#entities}}

{{> Entity}}
{{/entities}}

{{> Registry}}

"""##,
        "Entity": ##"""
{{% CONTENT_TYPE: TEXT }}
{{#key}}
{{#docLines}}
{{.}}
{{/docLines}}
{{declaration}} {
    {{rawValueDeclaration}}

    {{initializer}}
        self.rawValue = rawValue
    }

    {{sourceIDInitializer}}
{{#sourceIDInitializerBody}}
        {{.}}
{{/sourceIDInitializerBody}}
    }

    {{sourceIDDeclaration}}

    {{descriptionDeclaration}}
}
{{/key}}
{{#enumeration}}

{{#docLines}}
{{.}}
{{/docLines}}
{{declaration}} {
    {{keyAlias}}

{{#cases}}
    {{declaration}}
{{/cases}}

    {{entityNameLine}}

    {{initializer}}
        switch event {
{{#wrapCases}}
        {{.}}
{{/wrapCases}}
        }
    }

    {{eventDeclaration}}
        switch self {
{{#unwrapCases}}
        {{.}}
{{/unwrapCases}}
        }
    }
}
{{/enumeration}}
{{#aggregate}}

{{#docLines}}
{{.}}
{{/docLines}}
{{declaration}} {
{{#requirements}}
    {{declaration}}
{{/requirements}}
}

extension {{protocolName}} {
    /// Applies any event of the entity by calling the `apply` for its type.
    {{dispatchDeclaration}}
        switch event {
{{#dispatchCases}}
        {{.}}
{{/dispatchCases}}
        }
    }
}
{{/aggregate}}

"""##,
        "Event": ##"""
{{% CONTENT_TYPE: TEXT }}
{{#docLines}}
{{.}}
{{/docLines}}
{{declaration}} {
{{#staticLines}}
    {{.}}
{{/staticLines}}

{{#properties}}
{{#docLines}}
    {{.}}
{{/docLines}}
    {{declaration}}
{{/properties}}

{{#initializer}}
{{> Initializer}}
{{/initializer}}
}
{{#history}}

extension {{eventName}} {
{{#generations}}
    /// Generation {{number}} of `{{eventName}}`, kept so that events stored in it stay readable.
    {{declaration}} {
{{#properties}}
{{#docLines}}
        {{.}}
{{/docLines}}
        {{declaration}}
{{/properties}}
{{#generationInitializer}}

{{#signature}}
        {{.}}
{{/signature}}
{{#assignments}}
            {{.}}
{{/assignments}}
        }
{{/generationInitializer}}
    }

{{/generations}}
    /// Decodes a payload stored at any generation and upcasts it to the current one.
    {{decodeSignature}} {
        switch generation {
{{#decodeCases}}
        {{.}}
{{/decodeCases}}
        }
    }
{{#chains}}

{{#docLines}}
    {{.}}
{{/docLines}}
    {{signature}} {
{{#body}}
        {{.}}
{{/body}}
    }
{{/chains}}
{{#derivedUpcasts}}

{{#docLines}}
    {{.}}
{{/docLines}}
    {{signature}} {
{{#body}}
        {{.}}
{{/body}}
    }
{{/derivedUpcasts}}
{{#handWritten}}

    /// The upcasts the generator cannot derive. `{{eventName}}` conforms to this protocol, so the
    /// package does not compile until each one is written in an extension of `{{eventName}}`.
    {{declaration}} {
{{#requirements}}
{{#docLines}}
        {{.}}
{{/docLines}}
        {{declaration}}
{{/requirements}}
    }
{{/handWritten}}
}
{{#handWritten}}

{{conformance}}
{{/handWritten}}
{{/history}}

"""##,
        "Initializer": ##"""
{{% CONTENT_TYPE: TEXT }}
{{#docLines}}
    {{.}}
{{/docLines}}
{{#signature}}
    {{.}}
{{/signature}}
{{#assignments}}
        {{.}}
{{/assignments}}
    }

"""##,
        "Registry": ##"""
{{% CONTENT_TYPE: TEXT }}
{{#registry}}
{{#docLines}}
{{.}}
{{/docLines}}
{{declaration}} {
    /// One registration per event type of the domain; combine several domains' lists in one registry.
    {{registrationsDeclaration}}
{{#registrations}}
        {{.}}
{{/registrations}}
    ]

    /// A registry of this domain's events.
    {{makeRegistryDeclaration}}
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
{{declaration}} {
{{#properties}}
{{#docLines}}
    {{.}}
{{/docLines}}
    {{declaration}}
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
{{declaration}} {
{{#cases}}
    {{.}}
{{/cases}}
}
{{/enumeration}}

"""##,
    ]
}
