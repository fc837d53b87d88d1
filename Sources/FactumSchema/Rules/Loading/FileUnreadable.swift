import Foundation
import FactumYAML

extension Rule {
    public static let fileUnreadable = Rule(
        id: "file-unreadable",
        severity: .error,
        category: .loading,
        summary: "A domain file that cannot be read, or is larger than the 16 MiB the tool reads.",
        rationale: "A file that is found but not read must not pass silently.",
        triggering: [],
        passing: []
    )
}

extension DomainLoader {
    /// Files larger than this are not read.
    public static let maximumFileSize = 16 * 1024 * 1024

    /// Why a file over `maximumFileSize` is not read.
    public static func tooLargeMessage(size: Int) -> String {
        "the file is \(size) bytes, larger than the \(maximumFileSize) bytes a domain file may have; split the domain into several files"
    }
}

extension Loading {
    /// False, with a finding, for a file too large to read. (The workspace reports files it
    /// cannot read at all under this rule too.)
    mutating func readable(size: Int) -> Bool {
        guard size > DomainLoader.maximumFileSize else { return true }
        sink.report(.fileUnreadable, in: path, at: Mark(line: 1, column: 1), DomainLoader.tooLargeMessage(size: size))
        return false
    }
}
