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

    /// Writes the starters that do not exist yet; returns the names written and those skipped.
    public static func writeNew(_ files: [GeneratedFile], to directory: String) throws -> (written: [String], skipped: [String]) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        var skipped: [String] = []
        for file in files {
            let path = directory + "/" + file.name
            if FileManager.default.fileExists(atPath: path) {
                skipped.append(file.name)
                continue
            }
            // withoutOverwriting: a file created meanwhile is not replaced either.
            try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            written.append(file.name)
        }
        return (written, skipped)
    }
}
