// swift-tools-version: 6.2
// Factum's benchmarks, in a package of their own so that building Factum builds none of them:
//     swift run -c release --package-path Benchmarks LedgerBenchmarks
import PackageDescription

let package = Package(
    name: "factum-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "factum", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "LedgerBenchmarks",
            dependencies: [
                .product(name: "Factum", package: "factum"),
                .product(name: "FactumSQLite", package: "factum"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
