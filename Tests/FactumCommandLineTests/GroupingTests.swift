import Foundation
import Testing

/// At the root of a folder holding several packages, each SwiftPM target's domain files are
/// read together and apart from every other target's, as the build plugin reads them; build
/// folders and hidden folders are never searched.
@Suite("Files read per target", .timeLimit(.minutes(1)))
struct GroupingTests {
    let cli = CommandLineTests()

    /// Two packages whose targets hold the same domain (same names, same ids), copies of it
    /// under `.build/checkouts` and `.build-linux`, and one file outside every package.
    func root() throws -> URL {
        let shop = CommandLineTests.valid
        let till = CommandLineTests.valid.replacingOccurrences(of: "domain: Shop", with: "domain: Till").replacingOccurrences(of: "Order", with: "Till").replacingOccurrences(of: "0d5c3f1e", with: "1d5c3f1e")
        return try cli.temporaryFolder([
            "One/Package.swift": "// swift-tools-version: 6.0\n",
            "One/Sources/Shop/Shop.domain.yaml": shop,
            "One/Tests/ShopTests/Shop.domain.yaml": shop,
            "Two/Package.swift": "// swift-tools-version: 6.0\n",
            "Two/Sources/Shop/Nested/Shop.domain.yaml": shop,
            "Two/.build/checkouts/dep/Sources/Shop/Shop.domain.yaml": shop,
            "Two/.build-linux/checkouts/dep/Sources/Shop/Shop.domain.yaml": shop,
            "Two/.swiftpm/Shop.domain.yaml": shop,
            "loose/Till.domain.yaml": till,
        ])
    }

    @Test func eachTargetIsItsOwnNamespace() throws {
        let folder = try root()
        let run = try cli.factum(["lint"], in: folder)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "factum: 4 domain files checked, no findings\n")
        #expect(try cli.factum(["lint", "One", "Two/Sources", "loose/Till.domain.yaml"], in: folder).status == 0)
    }

    @Test func filesOfOneTargetAreStillReadTogether() throws {
        let folder = try root()
        let copy = folder.appendingPathComponent("One/Sources/Shop/Copy.domain.yaml")
        try CommandLineTests.valid.replacingOccurrences(of: "domain: Shop", with: "domain: Copy").write(to: copy, atomically: true, encoding: .utf8)
        let run = try cli.factum(["lint", "--format", "json"], in: folder)
        #expect(run.status == 1)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let places = Set(findings.map { "\($0["path"] ?? "")|\($0["rule"] ?? "")" })
        #expect(places.allSatisfy { $0.hasPrefix("One/Sources/Shop/") }, "\(places)")
        #expect(places.contains("One/Sources/Shop/Copy.domain.yaml|duplicate-event-id") || places.contains("One/Sources/Shop/Shop.domain.yaml|duplicate-event-id"), "\(places)")
    }

    @Test func lockAndGenerateWorkPerTarget() throws {
        let folder = try root()
        let locked = try cli.factum(["lock"], in: folder)
        #expect(locked.status == 0, "\(locked.stdout)\(locked.stderr)")
        for path in ["One/Sources/Shop/Shop.domain.lock", "One/Tests/ShopTests/Shop.domain.lock", "Two/Sources/Shop/Nested/Shop.domain.lock", "loose/Till.domain.lock"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Two/.build/checkouts/dep/Sources/Shop/Shop.domain.lock").path))
        #expect(try cli.factum(["lock", "--check"], in: folder).status == 0)

        // Two targets would write Shop.domain.swift into one folder: refused, nothing written.
        let output = folder.appendingPathComponent("out")
        let clash = try cli.factum(["generate", "One/Sources/Shop", "Two/Sources/Shop/Nested", "--output", output.path], in: folder)
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("Shop.domain.swift"), "\(clash.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let one = try cli.factum(["generate", "One/Sources", "loose", "--output", output.path], in: folder)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == ["Shop_Shop.domain.swift", "Till.domain.swift"])
    }
}
