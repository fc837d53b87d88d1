import Foundation
import Testing
@testable import FactumSQLite

/// The SQLite store's own UUID reader agrees with Foundation's on every spelling.
@Suite("SQLite ledger: reading UUIDs")
struct SQLiteUUIDTests {
    @Test func itReadsWhatFoundationReadsAndRefusesWhatItRefuses() {
        for _ in 0..<500 {
            let id = UUID()
            #expect(Rows.uuid(id.uuidString.lowercased()) == id)
            #expect(Rows.uuid(id.uuidString) == id)
        }
        let refused = [
            "", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4dd", "0a1b2c3d4e5f-4a6b-8c7d-9e0f1a2b3c4d0",
            "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4g", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "0a1b2c3d-4e5f-4a6b-8c7d_9e0f1a2b3c4d", "é1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        ]
        for text in refused {
            #expect(Rows.uuid(text) == UUID(uuidString: text), "\(text)")
            #expect(Rows.uuid(text) == nil, "\(text)")
        }
        #expect(Rows.uuid("0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D") == UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"))
    }
}
