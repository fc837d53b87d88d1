import FactumSchema
import Foundation

/// The view of a starter aggregate.
struct AggregateStarterView: Sendable {
    /// The access level's keyword and a space (`public `), or nothing for internal.
    var access: String
    var docLines: [String]
    var entity: String
    /// The names of the entity's events.
    var events: [String]
}

/// Starter aggregates: one struct per entity, named as the entity, conforming to the generated
/// aggregate protocol with an empty `apply` per event, at the access level of the generated
/// code (so that a `public` domain's aggregates serve other targets as they are).
public struct Scaffolder: Sendable {
    public var templates: TemplateSet
    public var access: AccessLevel

    public init(templates: TemplateSet = .builtIn, access: AccessLevel = .internal) {
        self.templates = templates
        self.access = access
    }

    public func starters(for files: [DomainFile]) throws -> [GeneratedFile] {
        let library = try templates.library()
        var result: [GeneratedFile] = []
        for entity in files.flatMap(\.domain.entities) {
            var docLines = SwiftSpelling.docLines(entity.description)
            if !docLines.isEmpty { docLines.append("///") }
            docLines.append("/// The state of one `\(entity.name)`, rebuilt from its events.")
            let view = AggregateStarterView(
                access: access == .internal ? "" : access.rawValue + " ",
                docLines: docLines,
                entity: entity.name,
                events: entity.events.map(\.name)
            )
            guard let rendered = library.render(view, withTemplate: "Aggregate.swift") else {
                throw TemplateSet.Failure(description: "the template Aggregate.swift.mustache is missing")
            }
            result.append(GeneratedFile(name: "\(entity.name).swift", contents: rendered))
        }
        return result
    }
}
