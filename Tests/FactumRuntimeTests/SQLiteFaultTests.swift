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

/// The SQLite ledger's defects found by the fault probe of issue 27, each with the test that
/// failed before its fix: numbers beyond 2^53 narrowed away, damaged files opened, read-only
/// files reported as damaged, NUL characters cut (in the conformance kit, for every store).
@Suite("SQLite ledger: faults and edges", .serialized, .timeLimit(.minutes(3)))
struct SQLiteFaultTests {
    let type = EventType(id: UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")!, generation: 1)

    func event(_ payload: String, name: String = "NumberSeen") -> PendingEvent {
        PendingEvent(eventType: type, eventName: name, entity: "Thing", payload: Data(payload.utf8))
    }

    // MARK: Numbers

    /// The probe's case: 2^53 + 1 written with a fraction reads as 2^53 in Double; the
    /// evaluator matches it with the integer literal 2^53 + 1, and so must SQLite's narrowing.
    @Test func aNumberBeyondTwoToThe53IsNotNarrowedAway() async throws {
        let store = try SQLiteEventStore(path: SQLiteConformanceTests.freshPath())
        let reference = InMemoryEventStore()
        for payload in [#"{"n": 9007199254740993.0}"#, #"{"n": 9007199254740993.0, "m": 1}"#, #"{"n":9007199254740993.0}"#, #"{"m": 2, "n": 9007199254740993.0}"#] {
            _ = try await store.append([event(payload)], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .any)
            _ = try await reference.append([event(payload)], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .any)
        }
        let selector = FilterSelector(data: ["NumberSeen": "$.n == 9007199254740993"])
        #expect(try await store.filter(selector).count == 4)
        #expect(try await reference.filter(selector).count == 4)
        await #expect(throws: EventStoreError.conditionFailed) {
            _ = try await store.append([event("{}", name: "GuardProbed")], to: EventSource(entity: "Thing", id: "b"), expectedVersion: .any,
                                       condition: AppendCondition(failIfEventsMatch: .filter(selector), after: nil))
        }
    }

    /// Narrowing never removes a row the evaluator matches: random numbers at the edges of
    /// Int64 and Double, written as integers, with fractions and with exponents, against
    /// literals of the same kinds, in the three shapes SQL narrows; the store's answer equals
    /// the evaluator's over every row, and a guard fails exactly when one matches.
    @Test func narrowingKeepsEveryNumberTheEvaluatorMatches() async throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var random = SeededRandom(state: seed)
        func edge() -> String {
            let integers: [Int64] = [.min, .min + 1, -(1 << 53) - 1, -(1 << 53), -1, 0, 1, (1 << 53) - 1, 1 << 53, (1 << 53) + 1, (1 << 53) + 2, .max - 1, .max]
            let doubles: [Double] = [0.1, 0.30000000000000004, .leastNonzeroMagnitude, 2.2250738585072014e-308, 1.7976931348623157e308, 9007199254740992, 9007199254740994, 9.223372036854776e18, -0.0, 1e-300]
            switch Int.random(in: 0..<6, using: &random) {
            case 0: return String(integers.randomElement(using: &random)!)
            case 1: return String(integers.randomElement(using: &random)!) + ".0"
            case 2: return "\(integers.randomElement(using: &random)!)e0"
            case 3: return "\(doubles.randomElement(using: &random)!)"
            case 4: return ["9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e-400", "123456789012345678901234567890", "9007199254740993.000000000000001"].randomElement(using: &random)!
            default:
                let base = integers.randomElement(using: &random)!
                return String(base &+ Int64.random(in: -3...3, using: &random))
            }
        }
        let store = try SQLiteEventStore(path: SQLiteConformanceTests.freshPath())
        for index in 0..<120 {
            let payload = Bool.random(using: &random) ? "{\"n\":\(edge())}" : "{\"a\":{\"n\":\(edge())},\"n\":\(edge())}"
            _ = try await store.append([event(payload)], to: EventSource(entity: "Thing", id: "s\(index % 5)"), expectedVersion: .any)
        }
        let log = try await store.readAll(after: nil, limit: nil)
        for round in 0..<150 {
            let literal = edge()
            let path = ["$.n == \(literal)", "$.n ? (@ == \(literal))", "\(literal) == $.n", "$.a.n == \(literal)"].randomElement(using: &random)!
            guard let compiled = try? FilterSelector(data: ["NumberSeen": path]).compiled() else { continue }
            let expected = try log.filter { try compiled.matches($0) }.map(\.eventID)
            let actual = try await store.filter(FilterSelector(data: ["NumberSeen": path])).map(\.eventID)
            #expect(actual == expected, "seed \(seed), round \(round): \(path) selected \(actual.count) events, the evaluator \(expected.count)")
            if round % 5 == 0 {
                let guarded: Bool
                do {
                    _ = try await store.append([event("{}", name: "GuardProbed")], to: EventSource(entity: "Thing", id: "guard\(round)"), expectedVersion: .any,
                                               condition: AppendCondition(failIfEventsMatch: .filter(FilterSelector(data: ["NumberSeen": path])), after: nil))
                    guarded = false
                } catch EventStoreError.conditionFailed {
                    guarded = true
                }
                #expect(guarded == !expected.isEmpty, "seed \(seed), round \(round): a guard on \(path)")
            }
        }
    }

    // MARK: Damaged files

    /// A ledger of `count` events, its WAL folded into the file, and the file's bytes.
    func ledgerBytes(count: Int) async throws -> (path: String, bytes: Data) {
        let path = SQLiteConformanceTests.freshPath()
        let store = try SQLiteEventStore(path: path)
        for batch in 0..<(count / 50) {
            let events = (0..<50).map { event(#"{"n":\#($0),"note":"\#(String(repeating: "x", count: 60 + batch % 7))"}"#) }
            _ = try await store.append(events, to: EventSource(entity: "Thing", id: "s\(batch % 9)"), expectedVersion: .any)
        }
        let queue = try DatabaseQueue(path: path)
        try await queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
        return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// SQLite's integrity_check of a file, read-only on a copy.
    func integrity(_ bytes: Data) throws -> [String] {
        let path = SQLiteConformanceTests.freshPath()
        try bytes.write(to: URL(fileURLWithPath: path))
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return (try? queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }) ?? ["unreadable"]
    }

    /// What a call of a store on a damaged file may do: answer, or throw `Damaged` naming the
    /// file. Anything else (a raw GRDB error, a crash) fails.
    func expectDamagedOrAnswered(_ body: () async throws -> Void, path: String, _ what: String) async {
        do {
            try await body()
        } catch let error as SQLiteEventStore.Damaged {
            #expect(error.path.hasSuffix("ledger.sqlite") && error.description.contains(error.path), "\(what): \(error)")
        } catch EventStoreError.conditionFailed {
        } catch {
            Issue.record("\(what): \(Swift.type(of: error)): \(error)")
        }
    }

    /// Random bytes in the data pages of 12 ledgers (as the probe wrote them), keeping those
    /// that SQLite's integrity_check finds malformed: the full check (the default) refuses
    /// every one; the quick check refuses them at opening, or else every call answers or
    /// throws `Damaged`.
    @Test func damagedLedgersAreRefusedOrReportedAsDamaged() async throws {
        let (_, good) = try await ledgerBytes(count: 2_000)
        let pageSize = 4096
        let pages = good.count / pageSize
        try #require(pages > 10)
        var generator = SystemRandomNumberGenerator()
        var malformed = 0, refusedQuick = 0
        for _ in 0..<40 where malformed < 12 {
            var bytes = good
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let page = Int.random(in: 2..<pages, using: &generator)
                let start = page * pageSize + Int.random(in: 0..<(pageSize - 64), using: &generator)
                for index in start..<(start + Int.random(in: 8...64, using: &generator)) { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
            }
            guard try integrity(bytes) != ["ok"] else { continue }
            malformed += 1
            let path = SQLiteConformanceTests.freshPath()
            try bytes.write(to: URL(fileURLWithPath: path))
            do {
                _ = try SQLiteEventStore(path: path)
                Issue.record("a ledger integrity_check finds malformed was opened with the full check")
            } catch let error as SQLiteEventStore.OpenError {
                if case .damaged = error.reason {} else { Issue.record("\(error)") }
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "a refused file was changed")
            let store: SQLiteEventStore
            do {
                store = try SQLiteEventStore(path: path, options: .init(openCheck: .quick))
            } catch let error as SQLiteEventStore.OpenError {
                if case .damaged = error.reason { refusedQuick += 1 } else { Issue.record("\(error)") }
                continue
            }
            // Damage the quick check cannot see (an index that disagrees with its table).
            await expectDamagedOrAnswered({ _ = try await store.readAll(after: nil, limit: nil) }, path: path, "readAll")
            await expectDamagedOrAnswered({ _ = try await store.read(EventSource(entity: "Thing", id: "s1"), fromVersion: 1) }, path: path, "read")
            await expectDamagedOrAnswered({ _ = try await store.replay(ReplaySelector(entity: "Thing", events: ["NumberSeen"])) }, path: path, "replay")
            await expectDamagedOrAnswered({ _ = try await store.filter(FilterSelector(data: ["NumberSeen": "$.n == 3"])) }, path: path, "filter")
            await expectDamagedOrAnswered({ _ = try await store.append([event("{}")], to: EventSource(entity: "Thing", id: "s2"), expectedVersion: .any) }, path: path, "append")
        }
        #expect(malformed >= 6, "only \(malformed) of 40 damaged copies were malformed")
        print("damaged ledgers: \(malformed) malformed, \(refusedQuick) refused by the quick check at opening, all by the full check")
    }

    /// A file damaged while a store has it open: every call reports `Damaged`, not GRDB's
    /// error.
    @Test func damageMetByACallIsReportedAsDamaged() async throws {
        let (path, good) = try await ledgerBytes(count: 1_000)
        let store = try SQLiteEventStore(path: path, options: .init(openCheck: .quick))
        var bytes = good
        for index in (2 * 4096)..<bytes.count { bytes[index] = 0x5A }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: bytes)
        try handle.close()
        await #expect(throws: SQLiteEventStore.Damaged.self, "readAll") { _ = try await store.readAll(after: nil, limit: nil) }
        await #expect(throws: SQLiteEventStore.Damaged.self, "replay") { _ = try await store.replay(ReplaySelector(entity: "Thing")) }
        await #expect(throws: SQLiteEventStore.Damaged.self, "filter") { _ = try await store.filter(FilterSelector(data: ["NumberSeen": "$.n == 3"])) }
        await #expect(throws: SQLiteEventStore.Damaged.self, "append") {
            _ = try await store.append([event("{}")], to: EventSource(entity: "Thing", id: "s2"), expectedVersion: .any)
        }
    }

    // MARK: Read-only files and odd schema versions

    /// Opens `path` as a user who is not root when the tests run as root (root may write any
    /// file): through the test helper, as `nobody`. Returns the error's text, or nil.
    func openError(_ path: String) throws -> String? {
        guard getuid() == 0 else {
            do { _ = try SQLiteEventStore(path: path); return nil } catch { return "\(error)" }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", SQLiteCrashTests.writer.path, path, "ro", "1"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return process.terminationStatus == 0 ? nil : text
    }

    @Test func aReadOnlyLedgerIsRefusedAsReadOnly() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: SQLiteCrashTests.writer.path))
        let (path, bytes) = try await ledgerBytes(count: 100)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        // A file its user cannot write, in a folder it cannot write either.
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        let file = try openError(path)
        #expect(file?.contains("the file is read-only") == true, "\(file ?? "opened")")
        #expect(file?.contains("damaged") == false && file?.contains("PRAGMA") == false, "\(file ?? "")")
        // A file its user may write, in a folder it cannot write (no room for -wal and -shm).
        if getuid() == 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: path)
            let folderError = try openError(path)
            #expect(folderError?.contains("its folder \(folder) is read-only") == true, "\(folderError ?? "opened")")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "a refused file was changed")
    }

    @Test func aSchemaVersionThatIsNotANumberIsUnreadable() async throws {
        for value in ["abc", "", "1.5", "-3"] {
            let path = SQLiteConformanceTests.freshPath()
            _ = try await SQLiteEventStore(path: path).append([event("{}")], to: EventSource(entity: "Thing", id: "a"), expectedVersion: .any)
            let queue = try DatabaseQueue(path: path)
            try await queue.write { try $0.execute(sql: "UPDATE factum_ledger SET value = ? WHERE name = 'schema-version'", arguments: [value]) }
            try queue.close()
            do {
                _ = try SQLiteEventStore(path: path)
                Issue.record("a schema version '\(value)' was opened")
            } catch let error as SQLiteEventStore.OpenError {
                #expect(error.description.contains("cannot be read") && !error.description.contains("missing"), "\(error)")
            }
        }
    }
}
