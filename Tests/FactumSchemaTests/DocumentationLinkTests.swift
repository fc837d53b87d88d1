import Foundation
import Testing

/// Every relative link in the docs and every `$schema` path in the docs and the example
/// domain files points at a file that exists.
@Suite("Documentation links")
struct DocumentationLinkTests {
    /// The Markdown and YAML files of the repository, outside build folders and hidden ones.
    static func files(ending suffixes: [String]) -> [URL] {
        let manager = FileManager.default
        var result: [URL] = []
        var pending = [packageRoot]
        while let folder = pending.popLast() {
            for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] where !name.hasPrefix(".") {
                let url = folder.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    pending.append(url)
                } else if suffixes.contains(where: name.hasSuffix) {
                    result.append(url)
                }
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    /// The targets of `](target)` links and `$schema=target` comments in `text`.
    /// Inline code (`` `[a](b)` ``) is not a link.
    static func targets(in text: String) -> [String] {
        let text = text.replacingOccurrences(of: "`[^`\n]+`", with: "", options: .regularExpression)
        var found: [String] = []
        for pattern in [#"\]\(([^)\s]+)\)"#, #"\$schema=(\S+)"#] {
            let expression = try! NSRegularExpression(pattern: pattern)
            for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { found.append(String(text[range])) }
            }
        }
        return found.filter { !$0.contains("://") && !$0.hasPrefix("#") && !$0.hasPrefix("mailto:") }
    }

    @Test func relativeLinksAndSchemaPathsResolve() throws {
        let files = Self.files(ending: [".md", ".yaml", ".yml"])
        #expect(files.contains { $0.lastPathComponent == "README.md" })
        var checked = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for target in Self.targets(in: text) {
                let path = String(target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                guard !path.isEmpty else { continue }
                let resolved = file.deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: resolved.path), "\(file.path): '\(target)' does not resolve")
                checked += 1
            }
        }
        #expect(checked > 10)
    }
}
