import FactumCodegen
import Foundation

/// Writes generated files into a folder: a file only when its bytes change (so that builds do
/// not redo work), and removes the generator's own files that are no longer generated (the
/// outputs of a renamed or deleted domain file). Files the generator did not write are left alone.
public enum OutputWriter {
    public struct Report: Sendable, Equatable {
        public var written: [String] = []
        public var unchanged: [String] = []
        public var removed: [String] = []
    }

    public static func write(_ files: [GeneratedFile], to directory: String) throws -> Report {
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var report = Report()
        let wanted = Set(files.map(\.name))
        for name in (try fileManager.contentsOfDirectory(atPath: directory)).sorted() where name.hasSuffix(".swift") && !wanted.contains(name) {
            let path = directory + "/" + name
            if let handle = FileHandle(forReadingAtPath: path) {
                let head = String(decoding: handle.readData(ofLength: generatedFileMarker.utf8.count), as: UTF8.self)
                try? handle.close()
                if head == generatedFileMarker {
                    try fileManager.removeItem(atPath: path)
                    report.removed.append(name)
                }
            }
        }
        for file in files {
            let path = directory + "/" + file.name
            let data = Data(file.contents.utf8)
            let unchanged = fileManager.contents(atPath: path) == data
            if !unchanged { try data.write(to: URL(fileURLWithPath: path), options: .atomic) }
            if unchanged {
                report.unchanged.append(file.name)
            } else {
                report.written.append(file.name)
            }
        }
        return report
    }
}

extension Scaffolder {
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

extension TemplateSet {
    /// These templates with the `*.mustache` files of `directory` replacing them by file name.
    public func overriding(with directory: String) throws -> TemplateSet {
        let url = URL(fileURLWithPath: directory)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw Failure(description: "cannot read the templates folder \(directory)")
        }
        var files: [TemplateFile] = []
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let path = url.appendingPathComponent(name).path
            guard let text = try? String(contentsOf: url.appendingPathComponent(name), encoding: .utf8) else {
                throw Failure(description: "cannot read the template \(directory)/\(name)")
            }
            files.append(TemplateFile(path: path, text: text))
        }
        return try overriding(with: files)
    }
}
