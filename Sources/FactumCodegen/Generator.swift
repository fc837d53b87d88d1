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
        let renderer = try templates.renderer()
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
            // About 1.4 KB of Swift per event with six fields, before tidying.
            let capacity = 4_096 + view.events.count * 1_600
            guard let rendered = renderer.render(view, template: "Domain.swift", capacity: capacity) else {
                throw TemplateSet.Failure(description: "the template Domain.swift.mustache is missing")
            }
            Background.release(view)
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
/// One pass over the bytes: it runs on every generated file. A large file is cut into pieces
/// tidied on every core: each cut comes before a line that needs nothing from the lines above
/// it, so the pieces put together are byte for byte what one pass writes.
enum SwiftFormatting {
    static func tidy(_ text: String) -> String {
        tidy(Array(text.utf8))
    }

    static func tidy(_ bytes: [UInt8], pieces: Int = ProcessInfo.processInfo.activeProcessorCount) -> String {
        // One piece for a small text; for a large one, pieces tidied on every core. Only the last
        // piece ends the text: it starts with a line that is not blank.
        let bounds = [0] + cuts(in: bytes, pieces: pieces) + [bytes.count]
        var tidied = concurrentResults(bounds.count - 1) { piece in
            tidyLines(bytes, from: bounds[piece], to: bounds[piece + 1], continuing: piece > 0)
        }
        while tidied[tidied.count - 1].last == 10 { tidied[tidied.count - 1].removeLast() }
        tidied[tidied.count - 1].append(10)
        // The pieces go straight into the string: one copy of a text of megabytes, not two.
        return String(unsafeUninitializedCapacity: tidied.reduce(0) { $0 + $1.count }) { buffer in
            var offset = 0
            for piece in tidied {
                _ = UnsafeMutableBufferPointer(rebasing: buffer[offset...]).initialize(from: piece)
                offset += piece.count
            }
            return offset
        }
    }

    /// Where to cut a text of at least a megabyte into `pieces`: starts of lines that are not
    /// blank and do not begin with `}`, after a line that is not blank and does not end with
    /// `{`. Tidying such a line depends on nothing before it.
    static func cuts(in bytes: [UInt8], pieces: Int) -> [Int] {
        guard pieces > 1, bytes.count >= 1 << 20 else { return [] }
        var cuts: [Int] = []
        var previousEnd = 0
        for piece in 1..<pieces {
            var position = Swift.max(previousEnd, bytes.count * piece / pieces)
            while position < bytes.count {
                // The start of the next line at or after `position`.
                while position < bytes.count, position > 0, bytes[position - 1] != 10 { position += 1 }
                guard position < bytes.count, position > 0 else { break }
                if isCut(bytes, at: position) {
                    cuts.append(position)
                    break
                }
                position += 1
            }
            previousEnd = (cuts.last ?? 0) + 1
        }
        return cuts
    }

    private static func isCut(_ bytes: [UInt8], at start: Int) -> Bool {
        var first = start
        while first < bytes.count, bytes[first] == 32 || bytes[first] == 9 { first += 1 }
        guard first < bytes.count, bytes[first] != 10, bytes[first] != 125 else { return false }
        var last = start - 1  // the newline ending the line before
        while last > 0, bytes[last - 1] == 32 || bytes[last - 1] == 9 { last -= 1 }
        guard last > 0, bytes[last - 1] != 10, bytes[last - 1] != 123 else { return false }
        return true
    }

    /// Tidies the lines in `start..<end` (the last piece runs to the end of the text). A piece
    /// that is `continuing` comes after a line that was kept, not blank and not ending in `{`.
    private static func tidyLines(_ bytes: [UInt8], from start: Int, to end: Int, continuing: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(end - start)
        // Where the last kept line starts in `output`, and what it was.
        var lastStart = continuing ? 0 : -1
        var lastIsBlank = !continuing
        var lastEndsWithBrace = false
        var lastIndent = 0
        var index = start
        let lastPiece = end == bytes.count
        while lastPiece ? index <= end : index < end {
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
