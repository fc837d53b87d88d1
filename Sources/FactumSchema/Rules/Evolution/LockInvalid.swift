import Foundation
import FactumYAML

extension Rule {
    public static let lockInvalid = Rule(
        id: "lock-invalid",
        severity: .error,
        category: .evolution,
        summary: "A lock file that cannot be read as a lock.",
        rationale: "Without a readable lock, published shapes cannot be checked. Restore it from version control; do not edit it by hand."
    )
}

extension LockFile {
    /// The lock in `data`, read from `path`; nil, with a finding, when it cannot be read as one.
    public static func read(_ data: Data, path: String, into sink: inout FindingSink) -> LockFile? {
        switch decode(data) {
        case .success(let lock):
            return lock
        case .failure(let failure):
            sink.report(.lockInvalid, in: path, at: Mark(line: 1, column: 1), failure.message)
            return nil
        }
    }
}
