import Factum
import Foundation

/// The conformance kit: every behaviour of the ledger's contract (docs/event-stores.md) as a
/// check that any `EventStore` can be run against. Factum runs it against each of its stores;
/// run it against your own from any test framework:
///
/// ```swift
/// import FactumConformance
/// import Testing
///
/// @Test(arguments: EventStoreConformance.checks)
/// func conformance(_ check: EventStoreConformance.Check) async throws {
///     try await check.run { EventStoreConformance.Ledger(try MyStore.fresh()) }
/// }
/// ```
///
/// Each check opens a fresh, empty ledger through the function it is given, and throws a
/// `ConformanceFailure` that says what the store did wrong.
public enum EventStoreConformance {
    /// A fresh, empty ledger: the store under test, and a way to open another store value on
    /// the same ledger (another connection, another `SQLiteEventStore` on the same file), for
    /// the checks of what one writer sees of another's appends.
    public struct Ledger: Sendable {
        public var store: any EventStore
        public var openAnother: @Sendable () async throws -> any EventStore

        /// A ledger whose second handle is the same store value (an in-memory store).
        public init(_ store: any EventStore) {
            self.store = store
            self.openAnother = { store }
        }

        public init(store: any EventStore, openAnother: @escaping @Sendable () async throws -> any EventStore) {
            self.store = store
            self.openAnother = openAnother
        }
    }

    /// Opens a fresh, empty ledger.
    public typealias MakeLedger = @Sendable () async throws -> Ledger

    /// One behaviour of the contract.
    public struct Check: Sendable, CustomStringConvertible {
        public let name: String
        let body: @Sendable (MakeLedger) async throws -> Void

        public var description: String { name }

        /// Runs the check on a ledger from `makeLedger`; throws `ConformanceFailure`.
        public func run(_ makeLedger: @escaping MakeLedger) async throws {
            try await body(makeLedger)
        }
    }

    /// Every check, in the order of the contract.
    public static var checks: [Check] {
        AppendChecks.all + ReadChecks.all + GuardChecks.all + SubscriptionChecks.all + HostileInputChecks.all + PropertyChecks.all + EdgeValueChecks.all + SnapshotChecks.all
    }

    /// Runs every check and returns the failures (empty when the store conforms).
    public static func failures(of makeLedger: @escaping MakeLedger) async -> [ConformanceFailure] {
        await collectFailures(checks, name: \.name) { try await $0.run(makeLedger) }
    }
}

/// Runs each check in turn and returns what failed: its `ConformanceFailure`, or any other
/// error it threw, under its name.
func collectFailures<Check>(_ checks: [Check], name: (Check) -> String, run: (Check) async throws -> Void) async -> [ConformanceFailure] {
    var failures: [ConformanceFailure] = []
    for check in checks {
        do {
            try await run(check)
        } catch let failure as ConformanceFailure {
            failures.append(failure)
        } catch {
            failures.append(ConformanceFailure(check: name(check), message: "threw \(error)"))
        }
    }
    return failures
}

/// What a store did against the contract.
public struct ConformanceFailure: Error, CustomStringConvertible, Sendable {
    public var check: String
    public var message: String

    public var description: String { "\(check): \(message)" }
}

/// The tools of the checks.
struct Context {
    let check: String

    func fail(_ message: String) -> ConformanceFailure {
        ConformanceFailure(check: check, message: message)
    }

    func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw fail(message()) }
    }

    /// Runs `body`, which must throw an error that `matches` accepts.
    func expectError(_ what: String, _ body: () async throws -> Void, matches: (Error) -> Bool) async throws {
        do {
            try await body()
        } catch {
            if matches(error) { return }
            throw fail("\(what): threw \(error), not the error the contract names")
        }
        throw fail("\(what): succeeded")
    }
}

/// Makes a check from a name and a body that gets the context and a fresh ledger.
func check(_ name: String, _ body: @escaping @Sendable (Context, EventStoreConformance.Ledger) async throws -> Void) -> EventStoreConformance.Check {
    EventStoreConformance.Check(name: name) { makeLedger in
        let ledger = try await makeLedger()
        try await body(Context(check: name), ledger)
    }
}

/// Pending events for the checks: one entity per name, JSON payloads.
enum Sample {
    static let eventType = EventType(id: UUID(uuidString: "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b")!, generation: 1)

    static func event(_ name: String = "ThingHappened", entity: String = "Thing", payload: [String: Any] = ["n": 1], metadata: EventMetadata = EventMetadata(), id: UUID = UUID()) -> PendingEvent {
        let data = (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])) ?? Data("{}".utf8)
        return PendingEvent(eventID: id, eventType: eventType, eventName: name, entity: entity, timestamp: Date(timeIntervalSince1970: 1_700_000_000.123), metadata: metadata, payload: data)
    }

    static func events(_ count: Int, name: String = "ThingHappened", entity: String = "Thing") -> [PendingEvent] {
        (0..<count).map { event(name, entity: entity, payload: ["n": $0]) }
    }

    static func source(_ id: String, entity: String = "Thing") -> EventSource {
        EventSource(entity: entity, id: id)
    }
}
