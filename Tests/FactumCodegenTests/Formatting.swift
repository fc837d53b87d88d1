import Foundation
import Testing
@testable import FactumCodegen
@testable import FactumSchema

/// What well-formatted generated code looks like, as a function: no trailing spaces, no runs of
/// blank lines, no blank line just inside braces, `{` directly followed by its `}` joined, one
/// newline at the end. The generator once ran it over everything it rendered; the templates
/// now format their output themselves, and the tests check that this changes nothing.
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

/// Domains of unusual shapes, generated and checked against `SwiftFormatting`: events and
/// generations without fields, initializers long enough to wrap, a retired event, hand-written
/// and derived upcasts, every access level.
@Suite("The templates format their output")
struct FormattingTests {
    static let shapes = """
        domain: Shapes
        description: Shapes the templates must format.
        types:
          Empty:
            fields: {}
          Long:
            description: A type whose initializer wraps.
            fields:
              aVeryLongFieldNameNumberOne: {type: String, default: "a rather long default value"}
              aVeryLongFieldNameNumberTwo: {type: String, default: "another rather long default"}
          Mood:
            cases: [calm, cross]
        entities:
          Thing:
            events:
              ThingHappened:
                id: 3c4d5e6f-7a8b-4c3d-8e4f-5a6b7c8d9e0f
              ThingMoved:
                id: 4d5e6f7a-8b9c-4d4e-9f5a-6b7c8d9e0f1a
                generation: 3
                fields:
                  distanceInMetresTravelledSoFar: {type: Double, default: 0}
                  directionOfTravelAsACompassBearing: {type: Int, default: 0}
                  mood: {type: Mood, default: calm}
                history:
                  1:
                    fields: {}
                  2:
                    fields:
                      distance: Int
              ThingRetired:
                id: 5e6f7a8b-9c0d-4e5f-8a6b-7c8d9e0f1a2b
                retired: true
                fields:
                  reason: String
              ThingRenamed:
                id: 6f7a8b9c-0d1e-4f6a-9b7c-8d9e0f1a2b3c
                generation: 2
                fields:
                  name: Int
                history:
                  1:
                    fields:
                      name: String
        """

    @Test(arguments: [AccessLevel.internal, .package, .public])
    func generatedCodeNeedsNoTidying(_ access: AccessLevel) throws {
        let result = Linter.lint([SourceFile(path: "Shapes.domain.yaml", text: Self.shapes)])
        #expect(!result.hasErrors, "\(result.findings.prefix(3))")
        for file in try Generator(access: access).generate(result.files) {
            let tidied = SwiftFormatting.tidy(file.contents)
            #expect(tidied == file.contents, "\(firstDifference(file.contents, tidied))")
        }
        for file in try Scaffolder().starters(for: result.files) {
            #expect(SwiftFormatting.tidy(file.contents) == file.contents, "\(file.name)")
        }
    }

    @Test func theGoldenDomainsNeedNoTidying() throws {
        for name in ["Kitchen", "Game", "Patron"] {
            let text = try String(contentsOf: GoldenTests.root.appendingPathComponent("Schemas/\(name).domain.yaml"), encoding: .utf8)
            let result = Linter.lint([SourceFile(path: "\(name).domain.yaml", text: text)])
            for file in try Generator(access: .public).generate(result.files) {
                let tidied = SwiftFormatting.tidy(file.contents)
                #expect(tidied == file.contents, "\(name): \(firstDifference(file.contents, tidied))")
            }
        }
    }

    /// The lines around the first place two texts differ.
    func firstDifference(_ a: String, _ b: String) -> String {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false), right = b.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = zip(left, right).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset else { return "lengths differ: \(left.count) and \(right.count) lines" }
        return "line \(index + 1): rendered \(left[max(0, index - 2)...min(left.count - 1, index + 2)]) vs tidied \(right[max(0, index - 2)...min(right.count - 1, index + 2)])"
    }
}
