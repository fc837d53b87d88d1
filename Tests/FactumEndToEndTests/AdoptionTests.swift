import Foundation
import Testing

/// A package written as a user would write it adopts the plugin from a path dependency, builds
/// under strict compiler settings and runs; a schema error then fails `swift build` at the YAML
/// line, and a rebuild with nothing changed runs no generation.
/// Takes a few minutes (it builds the tool from scratch); FACTUM_SKIP_E2E=1 skips it.
@Suite("Adopting the plugin", .enabled(if: ProcessInfo.processInfo.environment["FACTUM_SKIP_E2E"] != "1"), .timeLimit(.minutes(30)))
struct AdoptionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32
        var output: String
    }

    func swift(_ arguments: [String], in folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift"] + arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static let domain = """
        domain: Shop
        description: "A shop whose descriptions try to escape: */ \\"\\"\\" \\\\ \\n}"
        types:
          Money:
            fields:
              amount: Decimal
              currency: {type: String, default: EUR}
          Channel:
            cases: [web, store, default]
        entities:
          Order:
            key: UUID
            events:
              OrderPlaced:
                id: 6a1f2e3d-4c5b-4a69-8877-66554433221a
                visibility: public
                description: "The customer placed an order. \\"); fatalError(\\""
                fields:
                  lines: "[String: Int]"
                  total: Money
                  channel: {type: Channel, default: default}
                  self: String
                  protocol: {type: String?, description: "*/ evil"}
              OrderShipped:
                id: 7b2e3f4a-5d6c-4b7a-9988-776655443322
                generation: 2
                fields:
                  carrier: String
                  trackingCode: {type: String, renamedFrom: tracking}
                  weight: Double
                history:
                  1:
                    fields:
                      carrier: String
                      tracking: String
                      weight: Float
        projections:
          OrdersShipped:
            description: Orders placed, and which were shipped.
            version: 1
            events: [OrderPlaced, OrderShipped]
        """

    static let aggregate = """
        public import Factum
        public import Foundation

        /// The state of an order, saved as snapshots.
        public nonisolated struct Order: OrderAggregate, SnapshotAggregate {
            public var total: Decimal = 0
            public var shippedBy: String?

            public init() {}

            public mutating func apply(_ event: OrderPlaced) { total = event.total.amount }
            public mutating func apply(_ event: OrderShipped) { shippedBy = event.carrier }
        }
        """

    static let main = """
        import Factum
        import Foundation
        import ShopDomain

        // ShopCatalog and Equatable events come from the package's own templates (Templates/).
        let registry = try ShopCatalog.makeRegistry()
        let placed = OrderPlaced(lines: ["tea": 2], total: Money(amount: 12), self: "me")
        print("equatable events: \\(placed == OrderPlaced(lines: ["tea": 2], total: Money(amount: 12), self: "me"))")
        let orders = EventSourcedRepository<Order>(store: InMemoryEventStore(), registry: registry)
        let key = OrderKey(UUID())
        try await orders.append([
            .orderPlaced(OrderPlaced(lines: ["tea": 2], total: Money(amount: 12), self: "me")),
            .orderShipped(OrderShipped(carrier: "Post", trackingCode: "T1", weight: 1.5)),
        ], to: key, expectedVersion: .noEvents)
        let order = try await orders.load(key)
        print("order at version \\(order.version), total \\(order.state.total), shipped by \\(order.state.shippedBy ?? "-")")
        try await orders.saveSnapshot(order, of: key)
        print("reloaded from snapshot at version \\(try await orders.load(key).snapshotVersion ?? 0)")

        /// The generated projection protocol, conformed in another module, run at least once.
        nonisolated struct OrdersShipped: OrdersShippedProjection {
            typealias Context = ProjectionDelivery
            let board: Board
            func when(_ event: OrderPlaced, _ context: ProjectionDelivery) async throws { await board.placed(context.envelope.source.id, at: context.position) }
            func when(_ event: OrderShipped, _ context: ProjectionDelivery) async throws { await board.shipped(context.envelope.source.id, at: context.position) }
        }
        actor Board {
            var orders: [String: Bool] = [:]
            var last: Int64 = 0
            func placed(_ id: String, at position: Int64) { guard position > last else { return }; orders[id] = false; last = position }
            func shipped(_ id: String, at position: Int64) { guard position > last else { return }; orders[id] = true; last = position }
        }
        let board = Board()
        let progress = try await ProjectionRunner(OrdersShipped(board: board), on: InMemoryProjectionHost(ledger: orders.store), registry: registry).catchUp()
        print("projection \\(OrdersShipped.projectionName) v\\(OrdersShipped.projectionVersion) at \\(progress.position): \\(await board.orders.values.filter { $0 }.count) of \\(await board.orders.count) shipped")
        """

    static let lendingDomain = """
        domain: Lending
        entities:
          Loan:
            events:
              BookBorrowed:
                id: 5b3f1c2e-8a7d-4e4b-9d1a-2f6c7e8b9a11
                fields:
                  book: String
              BookReturned:
                id: 5b3f1c2e-8a7d-4e4b-9d1a-2f6c7e8b9a12
                fields:
                  book: String
        """

    /// Uses the scaffolded aggregate, untouched, from another target.
    static let lendingMain = """
        import Factum
        import Lending

        let loans = EventSourcedRepository<Loan>(store: InMemoryEventStore(), registry: try LendingRegistry.makeRegistry())
        _ = try await loans.append([.bookBorrowed(BookBorrowed(book: "Dune")), .bookReturned(BookReturned(book: "Dune"))],
                                   to: LoanKey("l-1"), expectedVersion: .noEvents)
        let loan = try await loans.load(LoanKey("l-1"))
        print("loan at version \\(loan.version)")
        """

    static let manifest = """
        // swift-tools-version: 6.2
        import PackageDescription

        let strict: [SwiftSetting] = [
            .defaultIsolation(MainActor.self),
            .enableUpcomingFeature("InternalImportsByDefault"),
            .treatAllWarnings(as: .error),
        ]

        let package = Package(
            name: "Adopter",
            platforms: [.macOS(.v13)],
            dependencies: [.package(path: "../factum")],
            targets: [
                .target(
                    name: "ShopDomain",
                    dependencies: [.product(name: "Factum", package: "factum")],
                    swiftSettings: strict,
                    plugins: [.plugin(name: "FactumGenerator", package: "factum")]
                ),
                .executableTarget(
                    name: "ShopApp",
                    dependencies: ["ShopDomain", .product(name: "Factum", package: "factum")],
                    swiftSettings: strict
                ),
                .target(
                    name: "Chains",
                    dependencies: [.product(name: "Factum", package: "factum")],
                    swiftSettings: strict,
                    plugins: [.plugin(name: "FactumGenerator", package: "factum")]
                ),
                .executableTarget(
                    name: "ChainsApp",
                    dependencies: ["Chains", .product(name: "Factum", package: "factum")],
                    swiftSettings: strict
                ),
                // Holds only its domain and configuration files until `factum scaffold`
                // writes its first Swift file.
                .target(
                    name: "Lending",
                    dependencies: [.product(name: "Factum", package: "factum")],
                    swiftSettings: strict,
                    plugins: [.plugin(name: "FactumGenerator", package: "factum")]
                ),
                .executableTarget(
                    name: "LendingApp",
                    dependencies: ["Lending", .product(name: "Factum", package: "factum")],
                    swiftSettings: strict
                ),
            ]
        )
        """

    /// Decodes each case (event, generation, payload) through the registry and prints the
    /// current generation it became, as JSON, one line per case.
    static let chainsMain = """
        import Chains
        import Factum
        import Foundation

        let registry = try ChainsRegistry.makeRegistry()
        let ids = Dictionary(uniqueKeysWithValues: ChainsRegistry.registrations.map { ($0.eventName, $0.eventType.id) })
        let cases = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[1]))) as? [[String: Any]] ?? []
        for item in cases {
            guard let name = item["event"] as? String, let generation = item["generation"] as? Int, let id = ids[name], let body = item["payload"] else { continue }
            let envelope = EventEnvelope(
                eventID: UUID(), position: 1, source: EventSource(entity: "Thing", id: "1"), version: 1,
                eventType: EventType(id: id, generation: generation), eventName: name, visibility: .private,
                timestamp: Date(), metadata: EventMetadata(), payload: try JSONSerialization.data(withJSONObject: body)
            )
            let event = try registry.decode(envelope)
            print(String(decoding: try EventCoding.encoder().encode(event), as: UTF8.self))
        }
        """

    @Test func aPackageAdoptsThePluginBuildsAndRuns() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("factum-e2e-\(UUID().uuidString)")
        let package = workspace.appendingPathComponent("Adopter")
        let domainFolder = package.appendingPathComponent("Sources/ShopDomain")
        try FileManager.default.createDirectory(at: domainFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: package.appendingPathComponent("Sources/ShopApp"), withIntermediateDirectories: true)
        // The dependency's identity is its folder's name: make it `factum`, as a clone would be.
        try FileManager.default.createSymbolicLink(at: workspace.appendingPathComponent("factum"), withDestinationURL: Self.root)
        defer { try? FileManager.default.removeItem(at: workspace) }

        try Self.manifest.write(to: package.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        try Self.domain.write(to: domainFolder.appendingPathComponent("Shop.domain.yaml"), atomically: true, encoding: .utf8)
        // Templates of the package's own that change declarations: every event gains a
        // conformance, every property an attribute, and the registry a new name. (A property
        // wrapper would not do: Swift 6.3 refuses one on a property of a `nonisolated struct`,
        // "'nonisolated' cannot be applied to mutable stored properties".)
        let overrides = package.appendingPathComponent("Templates")
        try FileManager.default.createDirectory(at: overrides, withIntermediateDirectories: true)
        let builtIn = { (name: String) in try String(contentsOf: Self.root.appendingPathComponent("Templates/\(name)"), encoding: .utf8) }
        try builtIn("Event.mustache")
            .replacingOccurrences(of: ": Factum.DomainEvent {", with: ": Factum.DomainEvent, Swift.Equatable {")
            .replacingOccurrences(of: "    {{access}}var {{name}}: {{type}}\n{{/properties}}\n\n{{#initializer}}", with: "    @available(swift, introduced: 6.0)\n    {{access}}var {{name}}: {{type}}\n{{/properties}}\n\n{{#initializer}}")
            .write(to: overrides.appendingPathComponent("Event.mustache"), atomically: true, encoding: .utf8)
        try builtIn("Registry.mustache").replacingOccurrences(of: "enum {{domain}}Registry", with: "enum {{domain}}Catalog")
            .write(to: overrides.appendingPathComponent("Registry.mustache"), atomically: true, encoding: .utf8)
        try "access: public\ntemplates: ../../Templates\n".write(to: domainFolder.appendingPathComponent("factum-config.yaml"), atomically: true, encoding: .utf8)
        try Self.aggregate.write(to: domainFolder.appendingPathComponent("Order.swift"), atomically: true, encoding: .utf8)
        try Self.main.write(to: package.appendingPathComponent("Sources/ShopApp/main.swift"), atomically: true, encoding: .utf8)
        let chains = EvolutionChains(seed: 20261123, count: 16)
        for folder in ["Sources/Chains", "Sources/ChainsApp"] {
            try FileManager.default.createDirectory(at: package.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try chains.domainFile.write(to: package.appendingPathComponent("Sources/Chains/Chains.domain.yaml"), atomically: true, encoding: .utf8)
        try Self.chainsMain.write(to: package.appendingPathComponent("Sources/ChainsApp/main.swift"), atomically: true, encoding: .utf8)
        try "access: public\n".write(to: package.appendingPathComponent("Sources/Chains/factum-config.yaml"), atomically: true, encoding: .utf8)
        // SwiftPM builds no module for a target without a Swift file of its own.
        try "/// The random evolution chains' module.\nenum ChainsModule {}\n".write(to: package.appendingPathComponent("Sources/Chains/Chains.swift"), atomically: true, encoding: .utf8)

        // A new target as the README starts one: its domain file and configuration, no Swift
        // file yet, so SwiftPM makes no module of it; scaffold writes the first, public as the
        // configuration says, and a second target uses the aggregate as it is.
        let lending = package.appendingPathComponent("Sources/Lending")
        for folder in ["Sources/Lending", "Sources/LendingApp"] {
            try FileManager.default.createDirectory(at: package.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try Self.lendingDomain.write(to: lending.appendingPathComponent("Lending.domain.yaml"), atomically: true, encoding: .utf8)
        try "access: public\n".write(to: lending.appendingPathComponent("factum-config.yaml"), atomically: true, encoding: .utf8)
        try Self.lendingMain.write(to: package.appendingPathComponent("Sources/LendingApp/main.swift"), atomically: true, encoding: .utf8)
        let lint = try swift(["package", "factum", "lint", "--target", "Lending"], in: package)
        #expect(lint.output.contains("Sources/Lending holds a domain file, but SwiftPM made no target of it"), "\(lint.output.suffix(3000))")
        #expect(!lint.output.contains("no target holds a domain file"), "\(lint.output.suffix(3000))")
        let scaffold = try swift(["package", "--allow-writing-to-package-directory", "factum", "scaffold", "--target", "Lending"], in: package)
        #expect(scaffold.status == 0, "\(scaffold.output.suffix(3000))")
        #expect(!scaffold.output.contains("no target holds a domain file"), "\(scaffold.output.suffix(3000))")
        let starter = try String(contentsOf: lending.appendingPathComponent("Loan.swift"), encoding: .utf8)
        #expect(starter.contains("public nonisolated struct Loan: LoanAggregate {") && starter.contains("    public init() {}")
                && starter.contains("    public mutating func apply(_ event: BookBorrowed) {}"), "\(starter)")

        let build = try swift(["build"], in: package)
        try #require(build.status == 0, "swift build failed:\n\(build.output.suffix(6000))")
        #expect(build.output.contains("Generating Swift from 1 domain file of ShopDomain"))
        #expect(build.output.contains("Generating Swift from 1 domain file of Chains"))
        #expect(!build.output.contains("warning:"), "\(build.output.suffix(3000))")

        let run = try swift(["run", "ShopApp"], in: package)
        #expect(run.status == 0, "\(run.output.suffix(3000))")
        #expect(run.output.contains("order at version 2, total 12, shipped by Post"))
        #expect(run.output.contains("reloaded from snapshot at version 2"), "\(run.output.suffix(3000))")
        #expect(run.output.contains("projection OrdersShipped v1 at 2: 1 of 1 shipped"), "\(run.output.suffix(3000))")
        #expect(run.output.contains("equatable events: true"))
        let lent = try swift(["run", "LendingApp"], in: package)
        #expect(lent.status == 0 && lent.output.contains("loan at version 2"), "\(lent.output.suffix(3000))")
        let generated = try String(contentsOf: package.appendingPathComponent(".build/plugins/outputs/adopter/ShopDomain/destination/FactumGenerator/GeneratedSources/Shop.domain.swift"), encoding: .utf8)
        #expect(generated.contains("public nonisolated struct OrderPlaced: Factum.DomainEvent, Swift.Equatable {"))
        #expect(generated.contains("    @available(swift, introduced: 6.0)\n    public var total: Money"))

        try checkEvolutionChains(chains, in: package)

        let again = try swift(["build"], in: package)
        #expect(again.status == 0)
        #expect(!again.output.contains("Generating Swift"), "a rebuild with nothing changed ran the generator:\n\(again.output)")

        try checkCommandPlugin(in: package)

        let broken = Self.domain.replacingOccurrences(of: "OrderShipped:", with: "ShipOrder:")
        try broken.write(to: domainFolder.appendingPathComponent("Shop.domain.yaml"), atomically: true, encoding: .utf8)
        let failed = try swift(["build"], in: package)
        #expect(failed.status != 0)
        #expect(failed.output.contains("Shop.domain.yaml:24:7: error: event name 'ShipOrder' is not in the past tense"), "\(failed.output.suffix(3000))")
    }

    /// `swift package factum …` offers every command; the read-only ones and help need no
    /// permission, and lock writes with `--allow-writing-to-package-directory`.
    func checkCommandPlugin(in package: URL) throws {
        let help = try swift(["package", "factum", "--help"], in: package)
        #expect(help.status == 0, "\(help.output.suffix(3000))")
        #expect(help.output.contains("SUBCOMMANDS"), "\(help.output.suffix(3000))")
        #expect(!help.output.contains("permission"))
        let version = try swift(["package", "factum", "--version"], in: package)
        #expect(version.status == 0 && version.output.contains("0."), "\(version.output.suffix(2000))")
        let lint = try swift(["package", "factum", "lint"], in: package)
        #expect(lint.status == 0, "\(lint.output.suffix(3000))")
        #expect(lint.output.contains("1 domain file checked, no findings"), "\(lint.output.suffix(3000))")
        let unlocked = try swift(["package", "factum", "lock", "--check", "--target", "ShopDomain"], in: package)
        #expect(unlocked.status != 0, "\(unlocked.output.suffix(3000))")
        #expect(unlocked.output.contains("[lock-outdated]"), "\(unlocked.output.suffix(3000))")
        let lock = try swift(["package", "--allow-writing-to-package-directory", "factum", "lock", "--target", "ShopDomain"], in: package)
        #expect(lock.status == 0, "\(lock.output.suffix(3000))")
        let lockFile = package.appendingPathComponent("Sources/ShopDomain/Shop.domain.lock")
        #expect(FileManager.default.fileExists(atPath: lockFile.path))
        #expect(try swift(["package", "factum", "lock", "--check", "--target", "ShopDomain"], in: package).status == 0)
        let baseline = package.appendingPathComponent("baseline")
        try FileManager.default.createDirectory(at: baseline, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: lockFile, to: baseline.appendingPathComponent("Shop.domain.lock"))
        let breaking = try swift(["package", "factum", "breaking", "--target", "ShopDomain", "--against", baseline.path], in: package)
        #expect(breaking.status == 0, "\(breaking.output.suffix(3000))")
        #expect(breaking.output.contains("checked against"), "\(breaking.output.suffix(3000))")
    }

    /// The property: a payload of every generation of every random chain decodes, through the
    /// generated upcasts, into the current generation with the values the rules imply.
    func checkEvolutionChains(_ chains: EvolutionChains, in package: URL) throws {
        var random = EvolutionChains.Random(state: 7)
        var cases: [[String: Any]] = []
        var expected: [[String: Any]] = []
        var shapes: [[EvolutionChains.FieldShape]] = []
        for chain in chains.chains {
            for generation in 1...chain.generations.count {
                for _ in 0..<3 {
                    let payload = chains.payload(chain, generation: generation, random: &random)
                    cases.append(["event": chain.name, "generation": generation, "payload": payload])
                    expected.append(chains.expected(chain, generation: generation, payload: payload))
                    shapes.append(chain.generations[chain.generations.count - 1])
                }
            }
        }
        let casesFile = package.appendingPathComponent("cases.json")
        try JSONSerialization.data(withJSONObject: cases).write(to: casesFile)
        let run = try swift(["run", "ChainsApp", casesFile.path], in: package)
        #expect(run.status == 0, "\(run.output.suffix(3000))")
        let lines = run.output.split(separator: "\n").filter { $0.hasPrefix("{") }
        #expect(lines.count == cases.count, "\(run.output.suffix(3000))")
        for (index, line) in lines.enumerated() where index < expected.count {
            let decoded = (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
            #expect(Self.same(decoded, expected[index], fields: shapes[index]), "case \(index): \(cases[index]) decoded as \(line), expected \(expected[index])\n\(chains.domainFile)")
        }
    }

    /// Whether two payloads of one shape hold the same values, compared by each field's type.
    static func same(_ a: [String: Any], _ b: [String: Any], fields: [EvolutionChains.FieldShape]) -> Bool {
        guard Set(a.keys) == Set(b.keys) else { return false }
        for field in fields {
            switch (a[field.name], b[field.name]) {
            case (nil, nil): continue
            case (.some(let x), .some(let y)):
                switch field.kind {
                case .string: if x as? String != y as? String { return false }
                case .bool: if x as? Bool != y as? Bool { return false }
                default: if (x as? NSNumber)?.doubleValue != (y as? NSNumber)?.doubleValue ?? (y as? Double) ?? (y as? Int).map(Double.init) { return false }
                }
            default: return false
            }
        }
        return true
    }
}
