import Factum
import FactumConformance
import FactumSQLite
import Foundation
import Testing

/// The conformance kit against the SQLite store: each check on a new file, with a second store
/// value opened on the same file for the checks of what another writer sees.
@Suite("Conformance: SQLiteEventStore", .timeLimit(.minutes(3)))
struct SQLiteConformanceTests {
    static func freshPath() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("factum-sqlite-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("ledger.sqlite").path
    }

    @Test(arguments: EventStoreConformance.checks)
    func conformance(_ check: EventStoreConformance.Check) async throws {
        let path = Self.freshPath()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        try await check.run {
            EventStoreConformance.Ledger(store: try SQLiteEventStore(path: path)) { try SQLiteEventStore(path: path) }
        }
    }
}
