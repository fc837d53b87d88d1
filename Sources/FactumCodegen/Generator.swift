import FactumSchema
import Foundation
import Mustache

/// A generated Swift file: its name (from the domain file's relative path) and its text.
public struct GeneratedFile: Hashable, Sendable {
    public var name: String
    public var contents: String
}

/// Renders validated domain files into Swift, one file per domain file. Pure: no file system.
public struct Generator: Sendable {
    public var templates: TemplateSet
    public var access: AccessLevel

    public init(templates: TemplateSet = .builtIn, access: AccessLevel = .internal) {
        self.templates = templates
        self.access = access
    }

    /// Generates one file per domain file. `relativePaths` gives each domain file's path
    /// relative to the folder it was found in (its file name when absent).
    public func generate(_ files: [DomainFile], relativePaths: [String: String] = [:]) throws -> [GeneratedFile] {
        let library = try templates.library()
        let declared = Validator.declaredTypes(files)
        var entities: [String: String] = [:]
        for file in files {
            for entity in file.domain.entities {
                for event in entity.events { entities[event.name] = entity.name }
            }
        }
        let builder = ViewModelBuilder(access: access, declared: declared, eventEntities: entities)
        var generated: [GeneratedFile] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            let relative = relativePaths[file.path] ?? URL(fileURLWithPath: file.path).lastPathComponent
            let view = try builder.file(file, relativePath: relative)
            guard let rendered = library.render(view, withTemplate: "Domain.swift") else {
                throw TemplateSet.Failure(description: "the template Domain.swift.mustache is missing")
            }
            generated.append(GeneratedFile(name: generatedFileName(forDomainFileAt: relative), contents: rendered))
        }
        let names = generated.map(\.name)
        if Set(names).count != names.count {
            throw TemplateSet.Failure(description: "two domain files would generate the same file name; give them different paths")
        }
        return generated
    }
}
