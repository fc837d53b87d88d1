import FactumSchema
import FactumWorkspace
import Foundation
import Testing
@testable import FactumCodegen

/// The generated code for the example schemas and the strict fixture, compared byte for byte
/// with the golden files that FactumGeneratedCodeTests compiles and exercises.
/// Re-record them with `FACTUM_RECORD=1 swift test --filter GoldenTests`.
@Suite("Golden files")
struct GoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let goldens = root.appendingPathComponent("Tests/FactumGeneratedCodeTests/Generated")
    static let recording = ProcessInfo.processInfo.environment["FACTUM_RECORD"] == "1"

    static func generate() throws -> [GeneratedFile] {
        // Two groups: Schemas/ (in no target) and the fixture (in the FactumCodegenTests target).
        let groups = try Workspace.load(paths: [root.appendingPathComponent("Schemas").path, root.appendingPathComponent("Tests/FactumCodegenTests/Fixtures").path], configurationPath: nil)
        #expect(groups.count == 2)
        return try groups.flatMap { workspace in
            let result = workspace.lint()
            #expect(result.findings.isEmpty, "\(result.findings)")
            return try Generator().generate(result.files, relativePaths: workspace.relativePaths)
        }.sorted { $0.name < $1.name }
    }

    @Test func generatedCodeMatchesTheGoldens() throws {
        let files = try Self.generate()
        #expect(files.map(\.name) == ["Game.domain.swift", "Kitchen.domain.swift", "Patron.domain.swift", "Strict.domain.swift"])
        if Self.recording {
            _ = try OutputWriter.write(files, to: Self.goldens.path)
            return
        }
        for file in files {
            let url = Self.goldens.appendingPathComponent(file.name)
            let golden = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            #expect(file.contents == golden, "\(file.name) differs from its golden file (re-record with FACTUM_RECORD=1 swift test --filter GoldenTests):\n\(lineDiff(golden, file.contents))")
        }
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Self.goldens.path).filter { $0.hasSuffix(".swift") }.sorted()
        #expect(onDisk == files.map(\.name), "stale golden files")
    }

    @Test func generationIsDeterministic() throws {
        #expect(try Self.generate() == Self.generate())
    }

    /// The lines that differ, with their numbers: enough to see what changed.
    func lineDiff(_ expected: String, _ actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var output: [String] = []
        for index in 0..<max(old.count, new.count) where output.count < 40 {
            let a = index < old.count ? String(old[index]) : nil
            let b = index < new.count ? String(new[index]) : nil
            if a != b {
                if let a { output.append("\(index + 1) - \(a)") }
                if let b { output.append("\(index + 1) + \(b)") }
            }
        }
        return output.joined(separator: "\n")
    }
}

@Suite("Built-in templates")
struct BuiltinTemplatesTests {
    @Test func theEmbeddedTemplatesAreTheFilesOfTemplates() throws {
        let folder = GoldenTests.root.appendingPathComponent("Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }.sorted()
        var files: [String: String] = [:]
        for name in names {
            files[String(name.dropLast(".mustache".count))] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        if GoldenTests.recording {
            var text = "// Embedded copies of the files in Templates/, so that the tool carries its templates into any\n// package that uses it. Generated: regenerate with `FACTUM_RECORD=1 swift test --filter BuiltinTemplates`.\n\nenum BuiltinTemplates {\n    static let sources: [String: String] = [\n"
            for (name, source) in files.sorted(by: { $0.key < $1.key }) {
                text += "        \"\(name)\": ##\"\"\"\n\(source)\n\"\"\"##,\n"
            }
            text += "    ]\n}\n"
            try text.write(to: GoldenTests.root.appendingPathComponent("Sources/FactumCodegen/BuiltinTemplates.swift"), atomically: true, encoding: .utf8)
            return
        }
        #expect(files == BuiltinTemplates.sources, "Sources/FactumCodegen/BuiltinTemplates.swift is stale; regenerate it with FACTUM_RECORD=1 swift test --filter BuiltinTemplates")
    }
}
