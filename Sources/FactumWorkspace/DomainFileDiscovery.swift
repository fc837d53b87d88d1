import FactumSchema
import Foundation

/// Finds domain files and configuration files on disk, for the command line and its tests.
public enum DomainFileDiscovery {
    public static let extensions = DomainFile.extensions

    /// A path given on the command line that does not exist.
    public struct MissingPath: Error, Sendable {
        public var path: String
    }

    public static func isDomainFile(_ name: String) -> Bool {
        extensions.contains { name.hasSuffix($0) && name.count > $0.count }
    }

    /// The domain files at `paths`: files as given, folders searched recursively (hidden
    /// folders and symbolic links to folders are skipped). Sorted, without repeats.
    public static func find(_ paths: [String]) throws -> [String] {
        try findWithRelativePaths(paths).map(\.path)
    }

    /// The domain files at `paths`, each with its path relative to the folder it was found in
    /// (its file name when it was given as a file).
    public static func findWithRelativePaths(_ paths: [String]) throws -> [(path: String, relative: String)] {
        let fileManager = FileManager.default
        var found: [(path: String, relative: String)] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw MissingPath(path: path) }
            if isDirectory.boolValue {
                let prefix = path == "." ? "" : (path.hasSuffix("/") ? path : path + "/")
                found.append(contentsOf: search(folder: path).map { ($0, String($0.dropFirst(prefix.count))) })
            } else {
                found.append((path, URL(fileURLWithPath: path).lastPathComponent))
            }
        }
        var seen = Set<String>()
        return found.filter { seen.insert(URL(fileURLWithPath: $0.path).standardizedFileURL.path).inserted }.sorted { $0.path < $1.path }
    }

    private static func search(folder: String) -> [String] {
        let fileManager = FileManager.default
        var result: [String] = []
        var pending = [folder]
        var visited = Set<String>()
        while let current = pending.popLast() {
            let real = URL(fileURLWithPath: current).resolvingSymlinksInPath().path
            guard visited.insert(real).inserted else { continue }
            guard let names = try? fileManager.contentsOfDirectory(atPath: current) else { continue }
            // Hidden folders hold `.build`, `.build-*`, `.swiftpm` and `.git`: copies, never sources.
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = current == "." ? name : (current.hasSuffix("/") ? current + name : current + "/" + name)
                var isDirectory: ObjCBool = false
                guard fileManager.fileExists(atPath: child, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    let attributes = try? fileManager.attributesOfItem(atPath: child)
                    if attributes?[.type] as? FileAttributeType == .typeSymbolicLink { continue }
                    pending.append(child)
                } else if isDomainFile(name) {
                    result.append(child)
                }
            }
        }
        return result
    }

    /// The SwiftPM target folder that holds the file at `path`: the innermost folder directly
    /// under `Sources/` or `Tests/` of a folder with a `Package.swift`, as an absolute path
    /// without symbolic links. Nil for a file outside every target: such files are read
    /// together, as one namespace.
    public static func targetFolder(of path: String) -> String? {
        let fileManager = FileManager.default
        var folder = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.pathComponents.count > 2 {
            let parent = folder.deletingLastPathComponent()
            if ["Sources", "Tests"].contains(parent.lastPathComponent),
               fileManager.fileExists(atPath: parent.deletingLastPathComponent().appendingPathComponent("Package.swift").path) {
                return folder.path
            }
            folder = parent
        }
        return nil
    }

    /// The configuration file beside the given paths: `factum-config.yaml` in a folder given,
    /// or in the folder of a file given (the current folder when none is given). Nil when there
    /// is none; an error naming both when two different ones are found.
    public static func configuration(besides paths: [String]) throws -> String? {
        let fileManager = FileManager.default
        var folders: [String] = []
        for path in paths.isEmpty ? ["."] : paths {
            var isDirectory: ObjCBool = false
            _ = fileManager.fileExists(atPath: path, isDirectory: &isDirectory)
            folders.append(isDirectory.boolValue ? path : URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        var found: [String] = []
        var seen = Set<String>()
        for folder in folders {
            for name in Configuration.fileNames {
                let candidate = folder == "." ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
                if fileManager.fileExists(atPath: candidate), seen.insert(URL(fileURLWithPath: candidate).standardizedFileURL.resolvingSymlinksInPath().path).inserted {
                    found.append(candidate)
                }
            }
        }
        if found.count > 1 { throw AmbiguousConfiguration(paths: found) }
        return found.first
    }

    public struct AmbiguousConfiguration: Error, Sendable {
        public var paths: [String]
    }
}
