import Factum
import Foundation

/// Snapshots kept beside the events (`SnapshotStore`): a store that keeps none fails these
/// checks, saying so, and its repositories load every aggregate from all of its events.
enum SnapshotChecks {
    static func snapshots(_ context: Context, _ store: any EventStore) throws -> any SnapshotStore {
        guard let snapshots = store as? any SnapshotStore else { throw context.fail("the store keeps no snapshots: it is not a SnapshotStore") }
        return snapshots
    }

    static let all: [EventStoreConformance.Check] = [
        check("a snapshot is kept and read back as it was saved, per source") { context, ledger in
            let snapshots = try snapshots(context, ledger.store)
            _ = try await ledger.store.append(Sample.events(3), to: Sample.source("s"), expectedVersion: .noEvents)
            _ = try await ledger.store.append(Sample.events(1), to: Sample.source("t"), expectedVersion: .noEvents)
            try context.expect(try await snapshots.loadSnapshot(Sample.source("s")) == nil, "a source never snapshotted has a snapshot")
            let state = Data(#"{"count":2,"name":"zoë \u{0}"}"#.utf8)
            let saved = Snapshot(source: Sample.source("s"), version: 2, stamp: "r1-abc", state: state, takenAt: Date(timeIntervalSince1970: 1_700_000_000.5))
            try await snapshots.saveSnapshot(saved)
            let loaded = try await snapshots.loadSnapshot(Sample.source("s"))
            try context.expect(loaded == saved, "saved \(saved), read back \(String(describing: loaded))")
            try context.expect(try await snapshots.loadSnapshot(Sample.source("t")) == nil, "another source's snapshot was read for t")
            try context.expect(try await snapshots.loadSnapshot(Sample.source("s", entity: "Other")) == nil, "a source of another entity with the same id read s's snapshot")
            // The same source on another handle of the ledger.
            let other = try await ledger.openAnother()
            try context.expect(try await (other as? any SnapshotStore)?.loadSnapshot(Sample.source("s")) == saved, "another handle of the ledger does not read the snapshot")
        },
        check("a snapshot past its source's stored version is refused and not kept") { context, ledger in
            let snapshots = try snapshots(context, ledger.store)
            _ = try await ledger.store.append(Sample.events(2), to: Sample.source("s"), expectedVersion: .noEvents)
            try await context.expectError("a snapshot at version 3 of a source at version 2", {
                try await snapshots.saveSnapshot(Snapshot(source: Sample.source("s"), version: 3, stamp: "r1", state: Data("{}".utf8)))
            }, matches: { $0 as? SnapshotError == .versionNotStored(source: Sample.source("s"), version: 3, stored: 2) })
            try await context.expectError("a snapshot of a source without events", {
                try await snapshots.saveSnapshot(Snapshot(source: Sample.source("none"), version: 1, stamp: "r1", state: Data("{}".utf8)))
            }, matches: { $0 as? SnapshotError == .versionNotStored(source: Sample.source("none"), version: 1, stored: 0) })
            try context.expect(try await snapshots.loadSnapshot(Sample.source("s")) == nil, "a refused snapshot was kept")
        },
        check("an older snapshot of the same stamp leaves a newer one; another stamp replaces it") { context, ledger in
            let snapshots = try snapshots(context, ledger.store)
            _ = try await ledger.store.append(Sample.events(5), to: Sample.source("s"), expectedVersion: .noEvents)
            let source = Sample.source("s")
            let newer = Snapshot(source: source, version: 4, stamp: "r1-a", state: Data(#"{"v":4}"#.utf8), takenAt: Date(timeIntervalSince1970: 2))
            try await snapshots.saveSnapshot(newer)
            try await snapshots.saveSnapshot(Snapshot(source: source, version: 2, stamp: "r1-a", state: Data(#"{"v":2}"#.utf8), takenAt: Date(timeIntervalSince1970: 3)))
            try context.expect(try await snapshots.loadSnapshot(source) == newer, "an older snapshot of the same stamp replaced a newer one")
            let reshaped = Snapshot(source: source, version: 1, stamp: "r2-b", state: Data(#"{"w":1}"#.utf8), takenAt: Date(timeIntervalSince1970: 4))
            try await snapshots.saveSnapshot(reshaped)
            try context.expect(try await snapshots.loadSnapshot(source) == reshaped, "a snapshot of another stamp did not replace the old one")
        },
    ]
}
