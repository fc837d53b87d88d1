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
        var declared: [String: TypeDeclaration] = [:]
        var entities: [String: String] = [:]
        for file in files {
            for type in file.domain.types where declared[type.name] == nil { declared[type.name] = type }
            for entity in file.domain.entities {
                for event in entity.events { entities[event.name] = entity.name }
            }
        }
        let builder = ViewModelBuilder(access: access, declared: declared, eventEntities: entities)
        var generated: [GeneratedFile] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            let relative = relativePaths[file.path] ?? URL(fileURLWithPath: file.path).lastPathComponent
            let view = builder.file(file, relativePath: relative)
            guard let rendered = library.render(view, withTemplate: "Domain.swift") else {
                throw TemplateSet.Failure(description: "the template Domain.swift.mustache is missing")
            }
            generated.append(GeneratedFile(name: generatedFileName(forDomainFileAt: relative), contents: SwiftFormatting.tidy(rendered)))
        }
        let names = generated.map(\.name)
        if Set(names).count != names.count {
            throw TemplateSet.Failure(description: "two domain files would generate the same file name; give them different paths")
        }
        return generated
    }
}

/// The last touch on rendered text: no trailing spaces, no runs of blank lines, no blank line
/// just inside braces, one newline at the end.
enum SwiftFormatting {
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw
            while let last = line.last, last == " " || last == "\t" { line = line.dropLast() }
            if line.isEmpty {
                if lines.isEmpty || lines.last?.isEmpty == true || lines.last?.hasSuffix("{") == true { continue }
            } else if line.trimmingPrefix(while: { $0 == " " }).hasPrefix("}"), lines.last?.isEmpty == true {
                lines.removeLast()
            }
            // `init() {` directly followed by its `}`: one line.
            if line.trimmingPrefix(while: { $0 == " " }) == "}", let last = lines.last, last.hasSuffix("{"),
               last.prefix(while: { $0 == " " }).count == line.prefix(while: { $0 == " " }).count {
                lines[lines.count - 1] = last + "}"
                continue
            }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Substring {
    fileprivate func trimmingPrefix(while predicate: (Character) -> Bool) -> Substring {
        var result = self
        while let first = result.first, predicate(first) { result = result.dropFirst() }
        return result
    }
}
