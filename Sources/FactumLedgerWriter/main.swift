// A test helper, not a tool: appends batches to a SQLite ledger and acknowledges each on
// standard output once the append returned, for the crash and multi-process tests
// (Tests/FactumRuntimeTests/SQLiteCrashTests.swift), which kill it at random moments.
//
//     FactumLedgerWriter PATH WRITER BATCHES      (BATCHES 0: until killed)
//
// Each acknowledgement is one line: `ack BATCH SOURCE COUNT ID…`.
import Factum
import FactumSQLite
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 4, let batches = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: FactumLedgerWriter PATH WRITER BATCHES\n".utf8))
    exit(2)
}
let writer = arguments[2]
let type = EventType(id: UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")!, generation: 1)
do {
    let store = try SQLiteEventStore(path: arguments[1])
    var generator = SystemRandomNumberGenerator()
    var batch = 0
    while batches == 0 || batch < batches {
        batch += 1
        let source = EventSource(entity: "Crash", id: "\(writer)-\(Int.random(in: 0..<5, using: &generator))")
        let count = Int.random(in: 1...10, using: &generator)
        let events = (0..<count).map { index in
            PendingEvent(eventType: type, eventName: "BatchWritten", entity: "Crash", payload: Data(#"{"batch":"\#(writer)-\#(batch)","index":\#(index),"size":\#(count)}"#.utf8))
        }
        _ = try await store.append(events, to: source, expectedVersion: .any)
        let line = "ack \(writer)-\(batch) \(source.id) \(count) " + events.map { $0.eventID.uuidString.lowercased() }.joined(separator: " ") + "\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }
} catch {
    FileHandle.standardError.write(Data("FactumLedgerWriter: \(error)\n".utf8))
    exit(1)
}
