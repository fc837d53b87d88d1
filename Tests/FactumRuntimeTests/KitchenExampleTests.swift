import Foundation
import Testing

/// The README's main command: the example keeps its history in a SQLite file, and a second
/// run continues it.
@Suite("The kitchen example", .timeLimit(.minutes(1)))
struct KitchenExampleTests {
    func run(ledger: String, _ arguments: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = SQLiteCrashTests.writer.deletingLastPathComponent().appendingPathComponent("KitchenExample")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["FACTUM_LEDGER": ledger]) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aSecondRunContinuesTheHistory() throws {
        let ledger = SQLiteConformanceTests.freshPath()
        let first = try run(ledger: ledger)
        #expect(first.contains("ledger: \(ledger) (day 1;"), "\(first)")
        #expect(first.contains("Chili prepared at the registers, all days: 2"))
        #expect(first.contains("refused: uptown's 'Special of day 1'"))
        #expect(first.contains("the ledger holds 8 events"))
        let second = try run(ledger: ledger)
        #expect(second.contains("(day 2;"), "\(second)")
        #expect(second.contains("Chili prepared at the registers, all days: 4"))
        #expect(second.contains("the ledger holds 15 events"))
        // The menu board, kept by the projection: yesterday's special is off it, and each
        // dish counts what was prepared on both days, each event applied once.
        #expect(first.contains("menu board (projection 'DishesOnMenu' version 1 at position 8 of 8 (lag 0))"), "\(first)")
        #expect(first.contains("downtown: Chili, 9 EUR, prepared 2×") && first.contains("downtown: Special of day 1, 12 EUR, prepared 0×"))
        #expect(second.contains("downtown: Chili, 9 EUR, prepared 4×") && second.contains("downtown: Tomato soup, 6.5 EUR, prepared 2×"), "\(second)")
        #expect(!second.contains("downtown: Special of day 1") && second.contains("downtown: Special of day 2"))
        // The kitchen is snapshotted every 10 events it loads: the second day loads from one.
        #expect(!first.contains("loaded from its snapshot") && second.contains("kitchen downtown at version 15, loaded from its snapshot at version 10"), "\(second)")
        let fresh = try run(ledger: ledger, ["--fresh"])
        #expect(fresh.contains("(day 1;") && fresh.contains("the ledger holds 8 events"), "\(fresh)")
    }
}
