import Factum
import FactumSQLite
import GRDB

/// The menu board: the dishes on each kitchen's menu, with their prices and how often each was
/// prepared, in a table of the ledger's own file. It conforms to the protocol the generator
/// wrote for projection `DishesOnMenu`; its writes commit with its checkpoint, exactly once.
nonisolated struct MenuBoard: DishesOnMenuProjection {
    /// The SQLite host's: each handler queues its writes for the checkpoint's transaction.
    typealias Context = SQLiteProjectionContext

    /// Named by the projection's version: a new version builds a new table beside this one.
    static let table = "menu_board_v\(projectionVersion)"

    struct Row: Sendable {
        var kitchen: String
        var dish: String
        var price: String
        var currency: String
        var prepared: Int
    }

    static func createTable(in store: SQLiteEventStore) async throws {
        try await store.readModelUpdate { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS \(table) (
                    kitchen TEXT NOT NULL, dish TEXT NOT NULL, price TEXT NOT NULL, currency TEXT NOT NULL,
                    prepared INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (kitchen, dish))
                """)
        }
    }

    static func rows(in store: SQLiteEventStore) async throws -> [Row] {
        try await store.readModelQuery { db in
            try GRDB.Row.fetchAll(db, sql: "SELECT kitchen, dish, price, currency, prepared FROM \(table) ORDER BY kitchen, dish").map {
                Row(kitchen: $0[0], dish: $0[1], price: $0[2], currency: $0[3], prepared: $0[4])
            }
        }
    }

    func when(_ event: DishAddedToMenu, _ context: SQLiteProjectionContext) async throws {
        let kitchen = context.envelope.source.id
        context.write { db in
            try db.execute(sql: """
                INSERT INTO \(Self.table) (kitchen, dish, price, currency) VALUES (?, ?, ?, ?)
                ON CONFLICT (kitchen, dish) DO UPDATE SET price = excluded.price, currency = excluded.currency
                """, arguments: [kitchen, event.dish, "\(event.price.amount)", event.price.currency])
        }
    }

    func when(_ event: DishRemovedFromMenu, _ context: SQLiteProjectionContext) async throws {
        let kitchen = context.envelope.source.id
        context.write { db in
            try db.execute(sql: "DELETE FROM \(Self.table) WHERE kitchen = ? AND dish = ?", arguments: [kitchen, event.dish])
        }
    }

    func when(_ event: DishPrepared, _ context: SQLiteProjectionContext) async throws {
        let kitchen = context.envelope.source.id
        context.write { db in
            try db.execute(sql: "UPDATE \(Self.table) SET prepared = prepared + 1 WHERE kitchen = ? AND dish = ?", arguments: [kitchen, event.dish])
        }
    }
}
