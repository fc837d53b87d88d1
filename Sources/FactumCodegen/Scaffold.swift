import FactumSchema
import Foundation

/// The view of a starter aggregate.
struct AggregateStarterView: Sendable {
    var docLines: [String]
    var entity: String
    /// The names of the entity's events.
    var events: [String]
}

/// Starter aggregates: one struct per entity, named as the entity, conforming to the generated
/// aggregate protocol with an empty `apply` per event.
public struct Scaffolder: Sendable {
    public var templates: TemplateSet

    public init(templates: TemplateSet = .builtIn) {
        self.templates = templates
    }

    public func starters(for files: [DomainFile]) throws -> [GeneratedFile] {
        let library = try templates.library()
        var result: [GeneratedFile] = []
        for entity in files.flatMap(\.domain.entities) {
            var docLines = SwiftSpelling.docLines(entity.description)
            if !docLines.isEmpty { docLines.append("///") }
            docLines.append("/// The state of one `\(entity.name)`, rebuilt from its events.")
            let view = AggregateStarterView(
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
