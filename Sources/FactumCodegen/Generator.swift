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
/// just inside braces, `{` directly followed by its `}` joined, one newline at the end.
enum SwiftFormatting {
    static func tidy(_ text: String) -> String {
        tidy(Array(text.utf8))
    }

    static func tidy(_ bytes: [UInt8]) -> String {
        var tidied = tidyLines(bytes)
        while tidied.last == 10 { tidied.removeLast() }
        tidied.append(10)
        return String(decoding: tidied, as: UTF8.self)
    }

    private static func tidyLines(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        // Where the last kept line starts in `output`, and what it was.
        var lastStart = -1
        var lastIsBlank = true
        var lastEndsWithBrace = false
        var lastIndent = 0
        var index = 0
        while index <= bytes.count {
            var lineEnd = index
            while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
            var trimmedEnd = lineEnd
            while trimmedEnd > index, bytes[trimmedEnd - 1] == 32 || bytes[trimmedEnd - 1] == 9 { trimmedEnd -= 1 }
            var indent = index
            while indent < trimmedEnd, bytes[indent] == 32 { indent += 1 }
            let isBlank = trimmedEnd == index
            let startsWithClosingBrace = indent < trimmedEnd && bytes[indent] == 125
            let isLoneClosingBrace = startsWithClosingBrace && trimmedEnd == indent + 1
            defer { index = lineEnd + 1 }
            if isBlank {
                if lastStart < 0 || lastIsBlank || lastEndsWithBrace { continue }
                output.append(10)
                lastStart = output.count - 1
                lastIsBlank = true
                lastEndsWithBrace = false
                continue
            }
            if startsWithClosingBrace, lastIsBlank, lastStart >= 0 {
                output.removeLast()  // the blank line before a closing brace
                lastIsBlank = false
                lastEndsWithBrace = output.last == 123
                var lineStart = output.count
                while lineStart > 0, output[lineStart - 1] != 10 { lineStart -= 1 }
                lastStart = lineStart
                var spaces = lineStart
                while spaces < output.count, output[spaces] == 32 { spaces += 1 }
                lastIndent = spaces - lineStart
            }
            let lineIndent = indent - index
            if isLoneClosingBrace, lastEndsWithBrace, lastIndent == lineIndent {
                output.append(125)
                lastEndsWithBrace = false
                continue
            }
            if lastStart >= 0 { output.append(10) }
            lastStart = output.count
            output.append(contentsOf: bytes[index..<trimmedEnd])
            lastIsBlank = false
            lastEndsWithBrace = bytes[trimmedEnd - 1] == 123
            lastIndent = lineIndent
        }
        return output
    }
}
