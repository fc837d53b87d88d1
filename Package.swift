// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "factum",
    platforms: [.macOS(.v13)],
    products: [
        // The runtime that generated code compiles against. Foundation only.
        .library(name: "Factum", targets: ["Factum"]),
        // The command-line tool: `factum lint`, and later generate, lock, scaffold, breaking.
        .executable(name: "factum", targets: ["FactumCommandLine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "FactumYAML", dependencies: ["CYAML"]),
        .target(name: "FactumSchema", dependencies: ["FactumYAML"]),
        .target(name: "Factum"),
        .executableTarget(
            name: "FactumCommandLine",
            dependencies: [
                "FactumSchema",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "FactumBenchmarks", dependencies: ["FactumSchema", "FactumYAML", "CYAML"]),
        .testTarget(name: "FactumYAMLTests", dependencies: ["FactumYAML"]),
        .testTarget(name: "FactumSchemaTests", dependencies: ["FactumSchema"], exclude: ["Corpus"]),
        .testTarget(name: "FactumRuntimeTests", dependencies: ["Factum"]),
        .testTarget(name: "FactumCommandLineTests", dependencies: ["FactumCommandLine"]),
    ],
    swiftLanguageModes: [.v6]
)
