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
