import Foundation
import Mustache

/// The templates the generator renders: the built-in ones (the files of `Templates/`, embedded
/// in the tool so that it works from any package) with any overridden by a folder's files of the
/// same name.
public struct TemplateSet: Sendable {
    /// Template file names, without the `.mustache` extension, to their text.
    public private(set) var sources: [String: String]
    /// Template names to the file each was read from; built-in templates are absent.
    public private(set) var files: [String: String] = [:]

    public static let builtIn = TemplateSet(sources: BuiltinTemplates.sources)

    /// The pragma that makes mustache write text as it is. Templates write Swift, never HTML,
    /// so a template without it is read as if it began with it.
    static let textPragma = "{{% CONTENT_TYPE: TEXT }}"

    /// A template that cannot be used, with the file it came from.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// A template read from a file: its path, whose name (`Event.mustache`) says which
    /// template it replaces, and its text.
    public struct TemplateFile: Sendable {
        public var path: String
        public var text: String

        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// These templates with `files` replacing them by file name; a file that replaces no
    /// template is a failure. (FactumWorkspace reads a folder's files.)
    public func overriding(with files: [TemplateFile]) throws -> TemplateSet {
        var result = self
        for file in files {
            let name = URL(fileURLWithPath: file.path).lastPathComponent
            let key = String(name.dropLast(".mustache".count))
            guard name.hasSuffix(".mustache"), sources[key] != nil else {
                throw Failure(description: "\(file.path) overrides no template; the templates are \(sources.keys.sorted().map { $0 + ".mustache" }.joined(separator: ", "))")
            }
            result.sources[key] = file.text
            result.files[key] = file.path
        }
        return result
    }

    func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            // The pragma goes on a line of its own before the text (on the text's first line it
            // would keep that line's newline); errors count lines from the text's first.
            let added = text.hasPrefix(Self.textPragma) ? 0 : 1
            let textual = added == 0 ? text : Self.textPragma + "\n" + text
            do {
                try library.register(textual, named: name)
            } catch let error as MustacheTemplate.ParserError {
                let place = "\(files[name] ?? "built-in template \(name).mustache"):\(max(1, error.context.lineNumber - added)):\(error.context.columnNumber)"
                throw Failure(description: "\(place): the template does not parse: \(error.error) in `\(error.context.line.trimmingCharacters(in: .whitespaces))`")
            } catch {
                throw Failure(description: "\(files[name] ?? "built-in template \(name).mustache"): the template does not parse: \(error)")
            }
        }
        return library
    }
}
