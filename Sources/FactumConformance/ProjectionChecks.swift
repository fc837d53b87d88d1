import Factum
import Foundation

/// The conformance kit for projection hosts: checkpoints, exactly-once commits, dead letters,
/// rebuilds beside the old version and live runs, as checks any `ProjectionHost` can be run
/// against (docs/projections.md). Factum runs them against its three hosts:
///
/// ```swift
/// @Test(arguments: ProjectionConformance.Check.allCases)
/// func projections(_ check: ProjectionConformance.Check) async throws {
///     try await check.run { try await MyHost.freshSubject() }
/// }
/// ```
///
/// A subject is a fresh, empty ledger's host and the store's way of keeping the checks' read
/// model: a table per projection version holding the position of every event applied, one
/// row per application. Where the host's transaction holds the read model, `record` must
/// write a plain row (a second application shows as a second row); elsewhere it must write
/// idempotently by the position, as the at-least-once contract asks of a user's handler.
public enum ProjectionConformance {
    public struct Subject<Host: ProjectionHost>: Sendable {
        public var host: Host
        /// Creates the read model's table, empty.
        public var prepare: @Sendable (_ table: String) async throws -> Void
        /// Writes, through the handler's context, that its event was applied.
        public var record: @Sendable (_ table: String, _ context: Host.Context) async throws -> Void
        /// The positions the table holds, in the order they were written.
        public var recorded: @Sendable (_ table: String) async throws -> [Int64]

        public init(host: Host, prepare: @escaping @Sendable (String) async throws -> Void, record: @escaping @Sendable (String, Host.Context) async throws -> Void, recorded: @escaping @Sendable (String) async throws -> [Int64]) {
            self.host = host
            self.prepare = prepare
            self.record = record
            self.recorded = recorded
        }
    }

    public enum Check: String, CaseIterable, Sendable, CustomStringConvertible {
        case catchUpAppliesEachEventOnceInLogOrder
        case theCheckpointIsCompareAndSet
        case aFailedCommitLeavesNoWrite
        case aFailingEventIsParkedAndItsSourceWaitsBehindIt
        case aNewVersionRebuildsBesideTheOld
        case aRunnerFollowsLiveAppendsAndStopsWhenCancelled

        public var description: String { rawValue }

        /// Runs the check on a subject from `makeSubject`; throws `ConformanceFailure`.
        public func run<Host: ProjectionHost>(_ makeSubject: @Sendable () async throws -> Subject<Host>) async throws {
            let subject = try await makeSubject()
            let kit = Kit(subject: subject, context: Context(check: rawValue))
            try await subject.prepare(Version1.table)
            try await subject.prepare(Version2.table)
            switch self {
            case .catchUpAppliesEachEventOnceInLogOrder: try await kit.catchUp()
            case .theCheckpointIsCompareAndSet: try await kit.compareAndSet()
            case .aFailedCommitLeavesNoWrite: try await kit.failedCommit()
            case .aFailingEventIsParkedAndItsSourceWaitsBehindIt: try await kit.parking()
            case .aNewVersionRebuildsBesideTheOld: try await kit.rebuild()
            case .aRunnerFollowsLiveAppendsAndStopsWhenCancelled: try await kit.live()
            }
        }
    }

    /// Runs every check and returns the failures (empty when the host conforms).
    public static func failures<Host: ProjectionHost>(of makeSubject: @escaping @Sendable () async throws -> Subject<Host>) async -> [ConformanceFailure] {
        await collectFailures(Check.allCases, name: \.rawValue) { try await $0.run(makeSubject) }
    }

    /// The event the checks' projection reads: `n` numbers it, so that a fault can name it.
    struct Counted: DomainEvent {
        static let eventType = EventType(id: UUID(uuidString: "3c9e5a71-0b2d-4f8e-9a63-5d7c1e4b2f90")!, generation: 1)
        static let visibility = EventVisibility.private
        static let entityName = "Thing"
        static let eventName = "ThingCounted"
        var n: Int
    }

    /// The checks' events.
    static let registry: EventRegistry = {
        do { return try EventRegistry([EventRegistration(Counted.self)]) } catch { fatalError("the kit's registry: \(error)") }
    }()
}

// MARK: The checks' projection

protocol KitVersion: Sendable {
    static var number: Int { get }
}

extension KitVersion {
    static var table: String { "factum_kit_recorded_v\(number)" }
}

enum Version1: KitVersion { static let number = 1 }
enum Version2: KitVersion { static let number = 2 }

/// Which events' handlers throw, and how many more times.
actor Faults {
    private var failing: [Int: Int] = [:]

    func fail(_ n: Int, times: Int = .max) { failing[n] = times }
    func repair() { failing = [:] }

    func check(_ n: Int) throws {
        guard let left = failing[n], left > 0 else { return }
        failing[n] = left == .max ? left : left - 1
        throw InjectedFault(n: n)
    }
}

struct InjectedFault: Error, CustomStringConvertible {
    var n: Int
    var description: String { "injected fault on event \(n)" }
}

struct Recorder<Context: Sendable, Version: KitVersion>: Projection {
    static var projectionName: String { "ConformanceRecorder" }
    static var projectionVersion: Int { Version.number }
    static var selector: ProjectionSelector { ProjectionSelector([ProjectionConformance.Counted.eventType]) }

    let record: @Sendable (String, Context) async throws -> Void
    let faults: Faults

    func handle(_ event: any DomainEvent, _ context: Context) async throws {
        guard let event = event as? ProjectionConformance.Counted else {
            throw ProjectionError.unexpectedEvent(projection: Self.projectionName, eventName: type(of: event).eventName)
        }
        try await faults.check(event.n)
        try await record(Version.table, context)
    }
}

// MARK: The checks

struct Kit<Host: ProjectionHost>: Sendable {
    let subject: ProjectionConformance.Subject<Host>
    let context: Context
    var ledger: any EventStore { subject.host.ledger }

    func runner(faults: Faults = Faults()) -> ProjectionRunner<Recorder<Host.Context, Version1>, Host> {
        runner(Version1.self, faults: faults, pageSize: 5)
    }

    func runner<Version: KitVersion>(_: Version.Type, faults: Faults = Faults(), pageSize: Int) -> ProjectionRunner<Recorder<Host.Context, Version>, Host> {
        ProjectionRunner(Recorder<Host.Context, Version>(record: subject.record, faults: faults), on: subject.host, registry: ProjectionConformance.registry,
                         options: .init(pageSize: pageSize, attempts: 3, backoff: .milliseconds(1), maximumBackoff: .milliseconds(4)))
    }

    /// Appends counted events numbered from `first` to the sources in turn, with an event the
    /// projection does not read after every third; returns the counted events' positions by n.
    @discardableResult
    func append(_ count: Int, from first: Int = 0, sources: [String] = ["a", "b", "c"]) async throws -> [Int: Int64] {
        var positions: [Int: Int64] = [:]
        for n in first..<(first + count) {
            let source = EventSource(entity: "Thing", id: sources[n % sources.count])
            var events = [try ProjectionConformance.registry.pending(ProjectionConformance.Counted(n: n))]
            if n % 3 == 2 { events.append(Sample.event("ThingIgnored")) }
            let stored = try await ledger.append(events, to: source, expectedVersion: .any)
            positions[n] = stored[0].position
        }
        return positions
    }

    func expectRecorded(_ expected: [Int64], _ what: String, table: String = Version1.table) async throws {
        let recorded = try await subject.recorded(table)
        try context.expect(recorded == expected, "\(what): the read model holds positions \(recorded), not \(expected)\(Set(recorded).count < recorded.count ? " (some twice)" : "")")
    }

    func expectCheckpoint(_ position: Int64, _ what: String, key: ProjectionKey = Recorder<Host.Context, Version1>.key) async throws {
        let found = try await subject.host.checkpoint(key).position
        try context.expect(found == position, "\(what): the checkpoint is at \(found), not \(position)")
    }

    func catchUp() async throws {
        let positions = try await append(12)
        let runner = runner()
        let progress = try await runner.catchUp()
        let head = try await ledger.lastPosition()
        try context.expect(progress.position == head && progress.isCaughtUp, "catch-up stopped at \(progress), not at the ledger's last position \(head)")
        try await expectRecorded(positions.values.sorted(), "after catching up")
        try await expectCheckpoint(head, "after catching up")
        // Again, and with a new runner: nothing is applied twice; later events are applied.
        try await runner.catchUp()
        try await expectRecorded(positions.values.sorted(), "after catching up a second time")
        let later = try await append(4, from: 12)
        try await self.runner().catchUp()
        try await expectRecorded((Array(positions.values) + later.values).sorted(), "after a new runner caught up with later events")
        try await expectCheckpoint(try await ledger.lastPosition(), "after a new runner caught up")
    }

    func compareAndSet() async throws {
        let positions = try await append(2)
        let envelopes = try await ledger.readAll(after: 0, limit: 10).filter { Recorder<Host.Context, Version1>.selector.matches($0) }
        let key = Recorder<Host.Context, Version1>.key
        let record: @Sendable (EventEnvelope, Host.Context) async throws -> Void = { [subject] _, context in try await subject.record(Version1.table, context) }
        try await subject.host.commit(ProjectionCommit(key: key, from: 0, to: envelopes[0].position, apply: [envelopes[0]]), handler: record)
        do {
            try await subject.host.commit(ProjectionCommit(key: key, from: 0, to: envelopes[1].position, apply: [envelopes[1]]), handler: record)
            throw context.fail("a commit from position 0 succeeded after the checkpoint had moved to \(envelopes[0].position)")
        } catch let error as ProjectionError {
            guard case .checkpointMoved(key, expected: 0, found: envelopes[0].position) = error else {
                throw context.fail("a commit behind the checkpoint threw \(error), not checkpointMoved from 0 to \(envelopes[0].position)")
            }
        }
        try await expectRecorded([positions[0]!], "after a commit refused by its checkpoint")
        try await expectCheckpoint(envelopes[0].position, "after a commit refused by its checkpoint")
        // Another version has a checkpoint of its own.
        try await expectCheckpoint(0, "version 2, never run", key: Recorder<Host.Context, Version2>.key)
    }

    func failedCommit() async throws {
        let positions = try await append(9)
        let faults = Faults()
        // The fourth event (in the first page, after three applied) fails twice, then succeeds.
        await faults.fail(3, times: 2)
        try await runner(faults: faults).catchUp()
        try await expectRecorded(positions.values.sorted(), "after a handler failed twice in a page and then succeeded")
        try await expectCheckpoint(try await ledger.lastPosition(), "after a handler failed twice and then succeeded")
        try context.expect(try await subject.host.parked(Recorder<Host.Context, Version1>.key).isEmpty, "an event that succeeded on its third attempt was parked")
    }

    func parking() async throws {
        // n = 1 (source b) fails every time: it parks, and so do b's later events (4, 7);
        // a's and c's go on.
        let positions = try await append(9)
        let faults = Faults()
        await faults.fail(1)
        let runner = runner(faults: faults)
        let progress = try await runner.catchUp()
        let head = try await ledger.lastPosition()
        try context.expect(progress.position == head, "with a parked event the runner stopped at \(progress.position), not \(head)")
        let others = [0, 2, 3, 5, 6, 8].map { positions[$0]! }
        try await expectRecorded(others, "with event 1 failing every time")
        let parked = try await runner.parked()
        let behind = [1, 4, 7].map { positions[$0]! }
        try context.expect(parked.map(\.position) == behind, "parked events are at \(parked.map(\.position)), not \(behind) (the failing one and its source's later ones)")
        guard parked.count == 3 else { return }
        try context.expect(parked[0].attempts == 3 && parked[0].reason.contains("injected fault on event 1"), "the failing event is parked after \(parked[0].attempts) attempts with reason '\(parked[0].reason)', not after 3 with the handler's error")
        try context.expect(parked.allSatisfy { $0.source == EventSource(entity: "Thing", id: "b") }, "parked events are of sources \(parked.map(\.source)), not all of b")
        // A later event of b parks behind them, across runners.
        let later = try await append(1, from: 10)   // n = 10 → source b
        try await self.runner(faults: faults).catchUp()
        try context.expect(try await runner.parked().map(\.position) == behind + [later[10]!], "an event of b appended later was not parked behind b's parked events")
        // Still failing: nothing changes but the attempts.
        let still = try await runner.retryParked()
        try context.expect(still.count == 4 && still[0].attempts == 4, "a retry that failed again left \(still.map { ($0.position, $0.attempts) }), not the four parked with one more attempt on the first")
        try await expectRecorded(others, "after a retry that failed again")
        // Repaired: all are applied, in their order, once.
        await faults.repair()
        let left = try await runner.retryParked()
        try context.expect(left.isEmpty, "after the handler was repaired, \(left.count) events stayed parked")
        try await expectRecorded(others + behind + [later[10]!], "after the parked events were retried")
        // And b's next event is applied at once.
        let next = try await append(1, from: 13)   // n = 13 → source b
        try await runner.catchUp()
        try await expectRecorded(others + behind + [later[10]!, next[13]!], "after a later event of the released source")
    }

    func rebuild() async throws {
        let first = try await append(10)
        let headBefore = try await ledger.lastPosition()
        try await runner().catchUp()
        let served = first.values.sorted()
        try await expectRecorded(served, "version 1 before the rebuild")
        let later = try await append(10, from: 10)
        // Version 2 rebuilds from the start, one small page at a time, while version 1 is
        // read; version 1 still holds what it held.
        let rebuilding = Task { try await runner(Version2.self, pageSize: 2).catchUp() }
        repeat {
            try await expectRecorded(served, "version 1 while version 2 rebuilt")
            await Task.yield()
        } while !(try await subject.host.checkpoint(Recorder<Host.Context, Version2>.key).position >= ledger.lastPosition())
        _ = try await rebuilding.value
        let all = (Array(first.values) + later.values).sorted()
        try await expectRecorded(all, "version 2 after its rebuild", table: Version2.table)
        try await expectRecorded(served, "version 1 after version 2's rebuild")
        try await expectCheckpoint(headBefore, "version 1, which version 2's rebuild must not move")
        // Version 1 goes on with its own checkpoint.
        try await runner().catchUp()
        try await expectRecorded(all, "version 1 caught up after the rebuild")
    }

    func live() async throws {
        let runner = runner()
        let task = Task { try await runner.run() }
        let positions = try await append(6)
        let expected = positions.values.sorted()
        let deadline = ContinuousClock.now + .seconds(20)
        while try await subject.recorded(Version1.table).count < expected.count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await expectRecorded(expected, "a live runner, 20 s after the appends")
        task.cancel()
        do {
            try await task.value
        } catch is CancellationError {
            // Stopping by cancellation may surface as the cancellation itself.
        } catch {
            throw context.fail("a live runner, cancelled, threw \(error)")
        }
    }
}
