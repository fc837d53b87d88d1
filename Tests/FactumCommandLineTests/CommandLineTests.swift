import Foundation
import Testing

/// Runs the built `factum` executable, as users and CI do, and checks its output and exit
/// status.
@Suite("factum command line", .timeLimit(.minutes(1)))
struct CommandLineTests {
    init() {}

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let executable: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("factum")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return candidates[0].appendingPathComponent("factum")
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func factum(_ arguments: [String], in folder: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder ?? Self.packageRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs git in `folder` with a test identity; a failure is a test failure.
    func git(_ arguments: [String], in folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid"] + arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)", sourceLocation: sourceLocation)
    }

    func temporaryFolder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("factum-cli-\(UUID().uuidString)")
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static let valid = """
        domain: Shop
        entities:
          Order:
            events:
              OrderPlaced:
                id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
        """

    @Test func versionPrintsTheOneSourceOfTruth() throws {
        let run = try factum(["--version"])
        #expect(run.status == 0)
        let source = try String(contentsOf: Self.packageRoot.appendingPathComponent("Sources/FactumCLI/Version.swift"), encoding: .utf8)
        let version = try #require(source.split(separator: "\"").dropFirst().first)
        #expect(run.stdout == "\(version)\n")
    }

    @Test func theExamplesLintClean() throws {
        let run = try factum(["lint", "Schemas"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("3 domain files checked, no findings"))
    }

    @Test func errorsExitOneWithCompilerStyleFindings() throws {
        let folder = try temporaryFolder(["Shop.domain.yaml": Self.valid.replacingOccurrences(of: "OrderPlaced", with: "PlaceOrder")])
        let run = try factum(["lint"], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout == "Shop.domain.yaml:5:7: error: event name 'PlaceOrder' is not in the past tense; name the fact that happened, e.g. 'OrderPlaced' [event-past-tense]\n")
    }

    @Test func warningsAloneExitZero() throws {
        let folder = try temporaryFolder(["Shop.domain.yaml": Self.valid.replacingOccurrences(of: "OrderPlaced", with: "OrderPlacedEvent")])
        let run = try factum(["lint", folder.path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("warning:"))
        #expect(run.stdout.contains("[event-name-suffix]"))
    }

    @Test func jsonFormat() throws {
        let folder = try temporaryFolder(["a/Shop.domain.yaml": Self.valid.replacingOccurrences(of: "OrderPlaced", with: "PlaceOrder")])
        let run = try factum(["lint", "--format", "json"], in: folder)
        #expect(run.status == 1)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(Set(array[0].keys) == ["path", "line", "column", "severity", "rule", "message"])
        #expect(array[0]["path"] as? String == "a/Shop.domain.yaml")
        #expect(array[0]["line"] as? Int == 5)
        #expect(array[0]["rule"] as? String == "event-past-tense")
        let clean = try factum(["lint", "--format", "json", "Schemas"])
        #expect(clean.status == 0)
        #expect(clean.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || clean.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try factum(["lint", "--no-such-flag"]).status == 2)
        #expect(try factum(["lint", "does/not/exist"]).status == 2)
        #expect(try factum(["lint", "--format", "xml", "Schemas"]).status == 2)
        #expect(try factum(["lint", "Schemas", "--config", "missing.yaml"]).status == 2)
        #expect(try factum(["no-such-command"]).status == 2)
        let empty = try temporaryFolder(["README.md": "nothing here"])
        let run = try factum(["lint"], in: empty)
        #expect(run.status == 2)
        #expect(run.stderr.contains("no domain files"))
    }

    @Test func aConfigFileBesideTheDomainFilesApplies() throws {
        let folder = try temporaryFolder([
            "Shop.domain.yaml": Self.valid.replacingOccurrences(of: "OrderPlaced", with: "OrderPlacedEvent"),
            "factum-config.yaml": "rules:\n  event-name-suffix: error\n",
        ])
        #expect(try factum(["lint"], in: folder).status == 1)
        try "rules:\n  event-name-sufix: error\n".write(to: folder.appendingPathComponent("factum-config.yaml"), atomically: true, encoding: .utf8)
        let run = try factum(["lint"], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout.contains("factum-config.yaml:2:3: error: unknown rule 'event-name-sufix'"))
    }

    @Test func helpExplainsEveryCommand() throws {
        let root = try factum(["--help"])
        #expect(root.status == 0)
        #expect(root.stdout.contains("lint"))
        let lint = try factum(["lint", "--help"])
        #expect(lint.status == 0)
        #expect(lint.stdout.contains("--format"))
        #expect(lint.stdout.contains("--config"))
    }

    @Test func hostileFilesNeverCrashTheTool() throws {
        var bytes: [UInt8] = []
        var state: UInt64 = 42
        for _ in 0..<100_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes.append(UInt8(truncatingIfNeeded: state >> 33))
        }
        let folder = try temporaryFolder(["deep.domain.yaml": "domain: D\nentities: " + String(repeating: "[", count: 100_000)])
        try Data(bytes).write(to: folder.appendingPathComponent("garbage.domain.yaml"))
        let run = try factum(["lint"], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout.split(separator: "\n").count == 2)
        #expect(!run.stderr.contains("Fatal error"))
    }
}

@Suite("factum generate", .timeLimit(.minutes(1)))
struct GenerateCommandTests {
    let cli = CommandLineTests()

    @Test func writesNothingWhenThereIsAnError() throws {
        let folder = try cli.temporaryFolder(["Shop.domain.yaml": CommandLineTests.valid.replacingOccurrences(of: "OrderPlaced", with: "PlaceOrder")])
        let output = folder.appendingPathComponent("Generated")
        let run = try cli.factum(["generate", "--output", output.path], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Shop.domain.yaml:5:7: error:"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func twiceGivesIdenticalBytesAndWritesOnce() throws {
        let first = try cli.factum(["generate", "Schemas", "--output", NSTemporaryDirectory() + "factum-twice-\(UUID().uuidString)"])
        #expect(first.status == 0, "\(first.stderr)")
        let output = NSTemporaryDirectory() + "factum-twice-\(UUID().uuidString)"
        _ = try cli.factum(["generate", "Schemas", "--output", output])
        let bytes = try FileManager.default.contentsOfDirectory(atPath: output).sorted().map { try Data(contentsOf: URL(fileURLWithPath: output + "/" + $0)) }
        let second = try cli.factum(["generate", "Schemas", "--output", output])
        #expect(second.stderr.contains("0 written, 3 unchanged, 0 removed"))
        let again = try FileManager.default.contentsOfDirectory(atPath: output).sorted().map { try Data(contentsOf: URL(fileURLWithPath: output + "/" + $0)) }
        #expect(bytes == again)
    }

    @Test func accessFromTheFlagWinsOverTheConfig() throws {
        let folder = try cli.temporaryFolder(["Shop.domain.yaml": CommandLineTests.valid, "factum-config.yaml": "access: public\n"])
        let output = folder.appendingPathComponent("Out")
        #expect(try cli.factum(["generate", "--output", output.path], in: folder).status == 0)
        #expect(try String(contentsOf: output.appendingPathComponent("Shop.domain.swift"), encoding: .utf8).contains("public nonisolated struct OrderPlaced"))
        #expect(try cli.factum(["generate", "--output", output.path, "--access", "internal"], in: folder).status == 0)
        #expect(try !String(contentsOf: output.appendingPathComponent("Shop.domain.swift"), encoding: .utf8).contains("public "))
    }
}
