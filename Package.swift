// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "factum",
    platforms: [.macOS(.v13)],
    products: [
        // The runtime that generated code compiles against. Foundation only.
        .library(name: "Factum", targets: ["Factum"]),
        // The embedded ledger: one SQLite file, on GRDB. Only users of this product build GRDB.
        .library(name: "FactumSQLite", targets: ["FactumSQLite"]),
        // The ledger on PostgreSQL, for more than one machine. Only users of this product build postgres-nio.
        .library(name: "FactumPostgres", targets: ["FactumPostgres"]),
        // The conformance kit: every behaviour of the event store contract as a check.
        .library(name: "FactumConformance", targets: ["FactumConformance"]),
        // The command-line tool: `factum lint|generate|lock|breaking|scaffold|rules`.
        .executable(name: "factum", targets: ["FactumCommandLine"]),
        // The build-tool plugin a target adopts to generate Swift from its domain files.
        .plugin(name: "FactumGenerator", targets: ["FactumGenerator"]),
        // `swift package factum <command>`.
        .plugin(name: "FactumCommand", targets: ["FactumCommand"]),
        // The generator's stages as modules, for Factum's own benchmark package (Benchmarks/), as
        // swift-openapi-generator exposes its core: not a stable API, hence the underscore.
        .library(name: "_FactumTooling", targets: ["FactumYAML", "FactumSchema", "FactumCodegen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "FactumYAML", dependencies: ["CYAML"]),
        // FactumSchema uses the runtime's date grammar (ISO8601Timestamp), so that a default and a
        // stored payload are read by one grammar.
        .target(name: "FactumSchema", dependencies: ["FactumYAML", "Factum"]),
        .target(name: "FactumCodegen", dependencies: ["FactumSchema", .product(name: "Mustache", package: "swift-mustache")]),
        // The file system's side of the schema and the generator: finding and reading domain,
        // configuration, lock and template files per SwiftPM target, writing outputs.
        // FactumSchema and FactumCodegen themselves work on values only.
        .target(name: "FactumWorkspace", dependencies: ["FactumSchema", "FactumCodegen"]),
        .target(name: "Factum"),
        .target(name: "FactumConformance", dependencies: ["Factum"]),
        .target(name: "FactumSQLite", dependencies: ["Factum", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "FactumPostgres", dependencies: ["Factum", .product(name: "PostgresNIO", package: "postgres-nio")]),
        .target(
            name: "FactumCLI",
            dependencies: [
                "FactumSchema",
                "FactumWorkspace",
                "FactumCodegen",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The `factum` executable users run.
        .executableTarget(name: "FactumCommandLine", dependencies: ["FactumCLI"]),
        // The same tool for the plugins: SwiftPM cannot give a plugin an executable target that a
        // product of another name also builds (swift-package-manager issue 8831).
        .executableTarget(name: "FactumPluginTool", dependencies: ["FactumCLI"]),
        .plugin(name: "FactumGenerator", capability: .buildTool(), dependencies: [.target(name: "FactumPluginTool")]),
        // `swift package factum <command>`: every command of the tool. It declares no
        // permission, so that lint, breaking, lock --check and --help never ask for one: SwiftPM
        // grants permissions per plugin, not per command. lock and scaffold write into the
        // package: where SwiftPM sandboxes plugins (macOS) they need
        // `--allow-writing-to-package-directory` (docs/cli.md, "Plugins").
        .plugin(
            name: "FactumCommand",
            capability: .command(
                intent: .custom(verb: "factum", description: "Run factum on the package's domain files: lint, breaking, lock [--check], scaffold, generate, rules")
            ),
            dependencies: [.target(name: "FactumPluginTool")]
        ),
        // A test helper: appends to a SQLite ledger, or runs a projection, until killed (the crash
        // and multi-process tests).
        .executableTarget(name: "FactumLedgerWriter", dependencies: ["Factum", "FactumSQLite", "FactumPostgres", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio")]),
        // The README's example: adopts the plugin on the kitchen domain and runs it.
        .executableTarget(name: "KitchenExample", dependencies: ["Factum", "FactumSQLite", .product(name: "GRDB", package: "GRDB.swift")], plugins: ["FactumGenerator"]),
        .testTarget(name: "FactumYAMLTests", dependencies: ["FactumYAML"]),
        .testTarget(name: "FactumSchemaTests", dependencies: ["FactumSchema", "FactumWorkspace"], exclude: ["Corpus"]),
        .testTarget(name: "FactumRuntimeTests", dependencies: ["Factum", "FactumConformance", "FactumSQLite", .product(name: "GRDB", package: "GRDB.swift")], exclude: ["Oracle"]),
        // The PostgreSQL store against a real server (FACTUM_POSTGRES_URL; .ci/run starts one).
        .testTarget(name: "FactumPostgresTests", dependencies: ["Factum", "FactumConformance", "FactumPostgres", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "FactumCodegenTests", dependencies: ["FactumCodegen", "FactumWorkspace"], exclude: ["Fixtures"]),
        // The golden files of FactumCodegenTests, compiled and exercised as a user's target would
        // be: Swift 6, default MainActor isolation, internal imports by default, no warnings.
        .testTarget(
            name: "FactumGeneratedCodeTests",
            dependencies: ["Factum"],
            swiftSettings: [
                .defaultIsolation(MainActor.self),
                .enableUpcomingFeature("InternalImportsByDefault"),
                .treatAllWarnings(as: .error),
            ]
        ),
        // Builds a throwaway package that adopts the plugin through a path dependency.
        .testTarget(name: "FactumEndToEndTests"),
        .testTarget(name: "FactumCommandLineTests", dependencies: ["FactumCommandLine"]),
    ],
    swiftLanguageModes: [.v6]
)
