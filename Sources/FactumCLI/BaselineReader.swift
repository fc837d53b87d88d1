import FactumSchema
import FactumWorkspace
import Foundation

/// The baseline of `factum breaking --against REF`, read from git or from a folder.
struct BaselineSnapshot {
    /// A lock at the baseline, with the work-tree path it has (git: the same path in the
    /// repository, absolute and without symbolic links; a folder: nil, matched by domain name).
    struct Lock {
        var worktreePath: String?
        var source: LockSource
    }

    var locks: [Lock]
    /// The domain files that exist at the baseline, by work-tree path (git only).
    var domainFiles: Set<String>
    /// True when the baseline is a folder rather than a git revision.
    var isFolder: Bool
}

/// Reads the baseline: git and the file system are the command line's, never the schema
/// module's.
enum BaselineReader {
    static func read(against reference: String, paths: [String]) throws -> BaselineSnapshot {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: reference, isDirectory: &isDirectory), isDirectory.boolValue {
            return try folder(reference)
        }
        var snapshot = BaselineSnapshot(locks: [], domainFiles: [], isFolder: false)
        var seen = Set<String>()
        for path in paths.isEmpty ? ["."] : paths {
            for lock in try git(reference, path: path, domainFiles: &snapshot.domainFiles) where seen.insert(lock.worktreePath ?? "").inserted {
                snapshot.locks.append(lock)
            }
        }
        return snapshot
    }

    /// The absolute path of `path` with every symbolic link resolved, so that paths given
    /// through a symlinked checkout, relative or absolute, compare equal.
    static func real(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func folder(_ folder: String) throws -> BaselineSnapshot {
        var names: [String] = []
        if let enumerator = FileManager.default.enumerator(atPath: folder) {
            while let name = enumerator.nextObject() as? String {
                if name.hasSuffix(".domain.lock") { names.append(name) }
            }
        }
        var locks: [BaselineSnapshot.Lock] = []
        for name in names.sorted() {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Workspace.UsageError(description: "cannot read the baseline lock \(path)")
            }
            locks.append(BaselineSnapshot.Lock(worktreePath: nil, source: LockSource(path: path, lock: try decode(data, path: path))))
        }
        return BaselineSnapshot(locks: locks, domainFiles: [], isFolder: true)
    }

    /// The locks at `revision` for one path given: every lock under a folder, or the lock of a
    /// domain file (`Shop.domain.yaml` → `Shop.domain.lock`), found at the same place in the
    /// repository whatever folder the command runs from.
    private static func git(_ revision: String, path: String, domainFiles: inout Set<String>) throws -> [BaselineSnapshot.Lock] {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let full = real(path)
        let folder = isDirectory.boolValue ? full : URL(fileURLWithPath: full).deletingLastPathComponent().path
        guard let output = run(["rev-parse", "--show-toplevel"], in: folder), case let top = real(output.trimmingCharacters(in: .whitespacesAndNewlines)), !top.isEmpty else {
            throw Workspace.UsageError(description: "'\(revision)' is neither a folder nor a git revision: \(path) is not in a git repository")
        }
        guard run(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], in: top) != nil else {
            throw Workspace.UsageError(description: "'\(revision)' is neither a folder nor a revision of the git repository at \(top)")
        }
        let relative = full == top ? "" : (full.hasPrefix(top + "/") ? String(full.dropFirst(top.count + 1)) : full)
        let specs = isDirectory.boolValue ? [relative.isEmpty ? "." : relative] : [relative, LockFile.path(forDomainFile: relative)]
        guard let listing = run(["ls-tree", "-r", "-z", "--name-only", revision, "--"] + specs, in: top) else {
            throw Workspace.UsageError(description: "git cannot list \(path) at \(revision)")
        }
        var locks: [BaselineSnapshot.Lock] = []
        for name in listing.split(separator: "\0").map(String.init).sorted() {
            if DomainFileDiscovery.isDomainFile(name) { domainFiles.insert(top + "/" + name) }
            guard name.hasSuffix(".domain.lock") else { continue }
            guard let text = run(["show", "\(revision):\(name)"], in: top) else {
                throw Workspace.UsageError(description: "git cannot read \(name) at \(revision)")
            }
            let shown = "\(revision):\(name)"
            locks.append(BaselineSnapshot.Lock(worktreePath: top + "/" + name, source: LockSource(path: shown, lock: try decode(Data(text.utf8), path: shown))))
        }
        return locks
    }

    private static func decode(_ data: Data, path: String) throws -> LockFile {
        switch LockFile.decode(data) {
        case .success(let lock): return lock
        case .failure(let failure): throw Workspace.UsageError(description: "\(path): \(failure.message)")
        }
    }

    /// Runs git in `folder`; nil when it cannot start or fails.
    private static func run(_ arguments: [String], in folder: String) -> String? {
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
}
