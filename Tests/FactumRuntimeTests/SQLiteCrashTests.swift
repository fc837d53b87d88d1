import Factum
import FactumConformance
import FactumSQLite
import Foundation
import GRDB
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends SIGKILL.
private func killProcess(_ pid: Int32) {
    kill(pid, SIGKILL)
}

/// Writers killed with SIGKILL at random moments lose no acknowledged event and leave no
/// partial batch, no gap and no reused position; two writers at once never see SQLITE_BUSY.
@Suite("SQLite ledger under kill -9", .serialized, .timeLimit(.minutes(3)))
struct SQLiteCrashTests {
    static let writer: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("FactumLedgerWriter")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return candidates[0].appendingPathComponent("FactumLedgerWriter")
    }()

    /// An acknowledged batch: its name, source and event ids.
    struct Ack: Hashable {
        var batch: String
        var source: String
        var ids: [String]
    }

    /// Starts a writer; its acknowledgements are read from its standard output.
    final class Writer: @unchecked Sendable {
        let process = Process()
        let output = Pipe()

        init(path: String, name: String, batches: Int) throws {
            process.executableURL = SQLiteCrashTests.writer
            process.arguments = [path, name, String(batches)]
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func kill() {
            killProcess(process.processIdentifier)
            process.waitUntilExit()
        }

        /// The complete lines written, parsed.
        func acks() -> [Ack] {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            let text = String(decoding: data, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()   // the last piece has no line break
            return lines.compactMap { line in
                let parts = line.split(separator: " ").map(String.init)
                guard parts.count >= 4, parts[0] == "ack", let count = Int(parts[3]), parts.count == 4 + count else { return nil }
                return Ack(batch: parts[1], source: parts[2], ids: Array(parts[4...]))
            }
        }
    }

    /// Checks what the contract promises of the ledger after the writers' deaths.
    func verify(_ path: String, acknowledged: [Ack]) async throws {
        let store = try SQLiteEventStore(path: path)
        let all = try await store.readAll(after: nil, limit: nil)
        let stored = Set(all.map { $0.eventID.uuidString.lowercased() })
        let lost = acknowledged.flatMap(\.ids).filter { !stored.contains($0) }
        #expect(lost.isEmpty, "\(lost.count) acknowledged events are missing")
        let positions = all.map(\.position)
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0 < $1 }, "positions do not increase")
        struct Payload: Decodable { var batch: String; var index: Int; var size: Int }
        var batches: [String: [Int]] = [:]
        var sizes: [String: Int] = [:]
        for envelope in all {
            let payload = try JSONDecoder().decode(Payload.self, from: envelope.payload)
            batches[payload.batch, default: []].append(payload.index)
            sizes[payload.batch] = payload.size
        }
        let partial = batches.filter { $0.value.sorted() != Array(0..<(sizes[$0.key] ?? 0)) }
        #expect(partial.isEmpty, "partial batches: \(partial.keys.sorted().prefix(5))")
        for (source, envelopes) in Dictionary(grouping: all, by: \.source) {
            #expect(envelopes.map(\.version) == Array(1...envelopes.count), "\(source) has a gap")
        }
        let queue = try DatabaseQueue(path: path)
        #expect(try await queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } == ["ok"])
        try queue.close()
    }

    @Test func killedWritersLoseNothingAcknowledged() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.writer.path), "FactumLedgerWriter is built with the tests: \(Self.writer.path)")
        let path = SQLiteConformanceTests.freshPath()
        var acknowledged: [Ack] = []
        var generator = SystemRandomNumberGenerator()
        for round in 0..<24 {
            let writer = try Writer(path: path, name: "w\(round)", batches: 0)
            try await Task.sleep(for: .milliseconds(Int.random(in: 20...400, using: &generator)))
            writer.kill()
            acknowledged += writer.acks()
        }
        #expect(acknowledged.count > 50, "the writers acknowledged \(acknowledged.count) batches in all")
        try await verify(path, acknowledged: acknowledged)
    }

    /// A projection runner in a process of its own (`FactumLedgerWriter project sqlite PATH`).
    final class Projector: @unchecked Sendable {
        let process = Process()

        init(_ arguments: [String]) throws {
            process.executableURL = SQLiteCrashTests.writer
            process.arguments = ["project"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func kill() {
            killProcess(process.processIdentifier)
            process.waitUntilExit()
        }
    }

    static let crashKey = ProjectionKey(name: "CrashApplied", version: 1)

    /// The read model and the checkpoint agree: every event up to the checkpoint applied once,
    /// in log order, and none after it. Returns the checkpoint.
    @discardableResult
    func verifyProjection(_ store: SQLiteEventStore) async throws -> Int64 {
        let checkpoint = try await store.projections.checkpoint(Self.crashKey).position
        let applied = try await store.readModelQuery { db in
            try db.tableExists("crash_applied") ? try Int64.fetchAll(db, sql: "SELECT position FROM crash_applied ORDER BY rowid") : []
        }
        let expected = try await store.readAll(after: nil, limit: nil).map(\.position).filter { $0 <= checkpoint }
        let agree = applied == expected
        #expect(agree, "checkpoint \(checkpoint): \(applied.count) rows applied for \(expected.count) events (\(applied.count - Set(applied).count) twice)")
        return checkpoint
    }

    @Test func aProjectionRunnerKilledAtRandomMomentsAppliesEveryEventOnce() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.writer.path))
        let path = SQLiteConformanceTests.freshPath()
        let store = try SQLiteEventStore(path: path)
        let seed = try Writer(path: path, name: "seed", batches: 150)
        _ = seed.acks()
        seed.process.waitUntilExit()
        var generator = SystemRandomNumberGenerator()
        var checkpoints: [Int64] = []
        for round in 0..<10 {
            // A writer appends while the runner runs; both die at once.
            let writer = try Writer(path: path, name: "w\(round)", batches: 0)
            let projector = try Projector(["sqlite", path])
            try await Task.sleep(for: .milliseconds(Int.random(in: 50...600, using: &generator)))
            projector.kill()
            writer.kill()
            checkpoints.append(try await verifyProjection(store))
        }
        // Then a runner that is left to catch up, and killed only then.
        let last = try await store.lastPosition()
        let projector = try Projector(["sqlite", path])
        let deadline = ContinuousClock.now + .seconds(60)
        while try await store.projections.checkpoint(Self.crashKey).position < last, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        projector.kill()
        #expect(try await verifyProjection(store) == last)
        print("projection runner killed at checkpoints \(checkpoints) of a ledger that grew to \(last) events")
    }

    @Test func twoProcessesAppendAtOnce() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.writer.path))
        let path = SQLiteConformanceTests.freshPath()
        _ = try SQLiteEventStore(path: path)
        let writers = try (0..<2).map { try Writer(path: path, name: "p\($0)", batches: 300) }
        var acknowledged: [Ack] = []
        for writer in writers {
            let acks = writer.acks()
            writer.process.waitUntilExit()
            #expect(writer.process.terminationStatus == 0, "a writer failed (SQLITE_BUSY reached it?)")
            #expect(acks.count == 300)
            acknowledged += acks
        }
        try await verify(path, acknowledged: acknowledged)
    }

    @Test func aLiveSubscriptionSeesAnotherProcessSoon() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.writer.path))
        let path = SQLiteConformanceTests.freshPath()
        let store = try SQLiteEventStore(path: path)
        let subscription = store.subscribe(after: nil)
        let collector = Task { try await EventStoreConformance.firstEvents(of: subscription, count: 1, within: 15) }
        try await Task.sleep(for: .milliseconds(300))
        let started = Date()
        let writer = try Writer(path: path, name: "far", batches: 1)
        let acks = writer.acks()
        writer.process.waitUntilExit()
        let received = try await collector.value
        #expect(received.count == 1 && received.first.map { $0.eventID.uuidString.lowercased() } == acks.first?.ids.first)
        print("live from another process: delivered \(String(format: "%.3f", Date().timeIntervalSince(started))) s after the writer started")
    }

    @Test func aSubscriptionFollowsAnotherProcess() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.writer.path))
        let path = SQLiteConformanceTests.freshPath()
        let store = try SQLiteEventStore(path: path)
        let subscription = store.subscribe(after: nil)
        let started = Date()
        let writer = try Writer(path: path, name: "far", batches: 40)
        let acks = writer.acks()
        writer.process.waitUntilExit()
        let expected = acks.flatMap(\.ids)
        let received = try await EventStoreConformance.firstEvents(of: subscription, count: expected.count, within: 15)
        #expect(received.map { $0.eventID.uuidString.lowercased() } == expected, "\(received.count) of \(expected.count) delivered")
        print("subscription from another process: \(expected.count) events delivered \(String(format: "%.2f", Date().timeIntervalSince(started))) s after the writer started")
    }
}
