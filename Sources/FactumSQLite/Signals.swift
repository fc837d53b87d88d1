import Factum
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file by its device and inode: the same file under any path, and a new file at the same
/// path told apart from the one that was opened.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// One change signal per ledger file in this process, so that every store value open on a
/// file wakes every subscription on it when it appends.
final class Signals: @unchecked Sendable {
    static let shared = Signals()

    private let lock = NSLock()
    private var signals: [FileIdentity: ChangeSignal] = [:]

    func signal(for file: FileIdentity) -> ChangeSignal {
        lock.lock()
        defer { lock.unlock() }
        if let signal = signals[file] { return signal }
        let signal = ChangeSignal()
        signals[file] = signal
        return signal
    }
}
