import Foundation

/// The locks of a baseline for `factum breaking --against REF`: a folder, or a git revision of
/// the repository that holds the domain files.
public enum Baseline {
    public static func locks(against reference: String, paths: [String]) throws -> [LockSource] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: reference, isDirectory: &isDirectory), isDirectory.boolValue {
            return try folderLocks(reference)
        }
        return try gitLocks(reference, paths: paths.isEmpty ? ["."] : paths)
    }

    private static func folderLocks(_ folder: String) throws -> [LockSource] {
        var result: [LockSource] = []
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var names: [String] = []
        while let name = enumerator.nextObject() as? String {
            if name.hasSuffix(".domain.lock") { names.append(name) }
        }
        for name in names.sorted() {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            switch LockFile.decode(data) {
            case .success(let lock): result.append(LockSource(path: path, lock: lock))
            case .failure(let failure): throw Workspace.UsageError(description: "\(path): \(failure.message)")
            }
        }
        return result
    }

    private static func gitLocks(_ revision: String, paths: [String]) throws -> [LockSource] {
        let first = paths[0]
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory)
        let folder = isDirectory.boolValue ? first : URL(fileURLWithPath: first).deletingLastPathComponent().path
        guard let top = git(["rev-parse", "--show-toplevel"], in: folder)?.trimmingCharacters(in: .whitespacesAndNewlines), !top.isEmpty else {
            throw Workspace.UsageError(description: "'\(revision)' is neither a folder nor a git revision: \(folder) is not in a git repository")
        }
        guard git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], in: top) != nil else {
            throw Workspace.UsageError(description: "'\(revision)' is neither a folder nor a revision of the git repository at \(top)")
        }
        let root = URL(fileURLWithPath: top).resolvingSymlinksInPath().path
        let specs = paths.map { path -> String in
            let full = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            return full.hasPrefix(root + "/") ? String(full.dropFirst(root.count + 1)) : (full == root ? "." : path)
        }
        guard let listing = git(["ls-tree", "-r", "--name-only", revision, "--"] + specs, in: top) else { return [] }
        var result: [LockSource] = []
        for name in listing.split(separator: "\n").map(String.init).sorted() where name.hasSuffix(".domain.lock") {
            guard let text = git(["show", "\(revision):\(name)"], in: top) else { continue }
            switch LockFile.decode(Data(text.utf8)) {
            case .success(let lock): result.append(LockSource(path: "\(revision):\(name)", lock: lock))
            case .failure(let failure): throw Workspace.UsageError(description: "\(revision):\(name): \(failure.message)")
            }
        }
        return result
    }

    /// Runs git; nil when it fails.
    static func git(_ arguments: [String], in folder: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    /// What the baseline's locks hold that the current locks lack: a rewritten lock.
    public static func rewritten(baseline: [LockSource], current: [LockSource], files: [DomainFile]) -> [Finding] {
        var now: [String: Set<Int>] = [:]
        for source in current {
            for event in source.lock.events { now[event.id, default: []].formUnion(event.generations.map(\.generation)) }
        }
        var findings: [Finding] = []
        for source in baseline {
            for event in source.lock.events {
                let missing = event.generations.map(\.generation).filter { !(now[event.id]?.contains($0) ?? false) }
                guard !missing.isEmpty else { continue }
                let place = files.first { $0.domain.name == source.lock.domain }
                let path = place.map { LockFile.path(forDomainFile: $0.path) } ?? source.path
                let what = now[event.id] == nil ? "event '\(event.name)' (\(event.id))" : "generation\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of event '\(event.name)'"
                findings.append(Finding(path: path, line: 1, column: 1, severity: Rule.lockRewritten.severity, rule: Rule.lockRewritten.id, message: "\(source.path) holds \(what), which the current lock lacks; a lock only grows: restore it"))
            }
        }
        return findings
    }
}
