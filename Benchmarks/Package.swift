// swift-tools-version: 6.2
// Factum's benchmarks, in a package of their own so that building Factum builds none of them
// (Scripts/benchmarks.sh runs them all):
//     swift run [-c release] --package-path Benchmarks GeneratorBenchmarks [lint] [naming] [render] …
//     swift run [-c release] --package-path Benchmarks RuntimeBenchmarks
//     swift run -c release --package-path Benchmarks LedgerBenchmarks
//     bash Scripts/with-postgres.sh swift run -c release --package-path Benchmarks PostgresBenchmarks
import PackageDescription

let package = Package(
    name: "factum-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "factum", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // What the ledger benchmarks share: a clock and a baseline-against-candidate timer.
        .target(name: "BenchmarkSupport"),
        // Loading, linting and generating against libyaml's parse and swift-openapi-generator, and
        // what one mustache tag costs.
        .executableTarget(
            name: "GeneratorBenchmarks",
            dependencies: [
                .product(name: "_FactumTooling", package: "factum"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The runtime's throughput on code the plugin generates.
        .executableTarget(
            name: "RuntimeBenchmarks",
            dependencies: [.product(name: "Factum", package: "factum")],
            plugins: [.plugin(name: "FactumGenerator", package: "factum")]
        ),
        .executableTarget(
            name: "LedgerBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Factum", package: "factum"),
                .product(name: "FactumSQLite", package: "factum"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "PostgresBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Factum", package: "factum"),
                .product(name: "FactumPostgres", package: "factum"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
