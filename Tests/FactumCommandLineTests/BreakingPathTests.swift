import Foundation
import Testing

/// `factum breaking` finds the baseline's lock for every way a user names the domain files:
/// a file or a folder, relative or absolute, from a subfolder, through a symlinked checkout,
/// in a repository whose branch is not `main`. A break never passes silently.
@Suite("breaking: naming the paths", .timeLimit(.minutes(2)))
struct BreakingPathTests {
    let cli = CommandLineTests()

    /// A repository on branch `trunk` with `shop/Shop.domain.yaml` and its lock committed,
    /// then the schema broken in place and the lock deleted, so that only the baseline sees
    /// the break (and the five events the lock lost: lock-rewritten).
    func brokenRepository() throws -> URL {
        let kitchen = try String(contentsOf: CommandLineTests.packageRoot.appendingPathComponent("Schemas/Kitchen.domain.yaml"), encoding: .utf8)
        let shop = kitchen.replacingOccurrences(of: "domain: Kitchen", with: "domain: Shop")
        let folder = try cli.temporaryFolder(["shop/Shop.domain.yaml": shop, "shop/deeper/README": "a subfolder\n"])
        try cli.git(["init", "-q", "-b", "trunk"], in: folder)
        #expect(try cli.factum(["lock", "shop"], in: folder).status == 0)
        try cli.git(["add", "-A"], in: folder)
        try cli.git(["commit", "-q", "-m", "published"], in: folder)
        let file = folder.appendingPathComponent("shop/Shop.domain.yaml")
        try shop.replacingOccurrences(of: "          chef: String\n", with: "          chef: Int\n").write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("shop/Shop.domain.lock"))
        return folder
    }

    func expectBreak(_ arguments: [String], in folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try cli.factum(["breaking"] + arguments + ["--against", "HEAD"], in: folder)
        #expect(run.status == 1, "factum breaking \(arguments) in \(folder.path): \(run.stdout)\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stdout.contains("[generation-modified]"), "\(run.stdout)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains("1 domain file checked against HEAD: 6 errors"), "\(run.stderr)", sourceLocation: sourceLocation)
    }

    @Test func everyWayOfNamingThePathsFindsTheBreak() throws {
        let root = try brokenRepository()
        let shop = root.appendingPathComponent("shop")
        try expectBreak(["shop/Shop.domain.yaml"], in: root)
        try expectBreak([shop.appendingPathComponent("Shop.domain.yaml").path], in: root)
        try expectBreak(["shop"], in: root)
        try expectBreak([], in: root)
        try expectBreak(["."], in: root)
        try expectBreak([root.path], in: root)
        try expectBreak(["Shop.domain.yaml"], in: shop)
        try expectBreak([], in: shop)
        try expectBreak(["../Shop.domain.yaml"], in: shop.appendingPathComponent("deeper"))
        try expectBreak([".."], in: shop.appendingPathComponent("deeper"))
        // The same checkout through a symbolic link, named relative and absolute.
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("factum-link-\(UUID().uuidString)")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: root)
        try expectBreak(["shop/Shop.domain.yaml"], in: link)
        try expectBreak([link.appendingPathComponent("shop/Shop.domain.yaml").path], in: root)
        try expectBreak([link.appendingPathComponent("shop").path], in: FileManager.default.temporaryDirectory)
        try expectBreak(["Shop.domain.yaml"], in: link.appendingPathComponent("shop"))
    }

    @Test func aFileWithoutALockAtTheBaselineIsANote() throws {
        let folder = try cli.temporaryFolder(["Shop.domain.yaml": CommandLineTests.valid])
        try cli.git(["init", "-q", "-b", "trunk"], in: folder)
        try cli.git(["add", "-A"], in: folder)
        try cli.git(["commit", "-q", "-m", "unpublished"], in: folder)
        let run = try cli.factum(["breaking", "Shop.domain.yaml", "--against", "HEAD"], in: folder)
        #expect(run.status == 0)
        #expect(run.stdout.contains("Shop.domain.yaml:1:1: note: Shop.domain.yaml exists at HEAD without a lock: nothing of it was published there"), "\(run.stdout)")
        #expect(run.stdout.contains("[baseline-unpublished]"))
        #expect(run.stderr.contains("1 domain file checked against HEAD: 1 note"), "\(run.stderr)")

        try CommandLineTests.valid.replacingOccurrences(of: "domain: Shop", with: "domain: Till").write(to: folder.appendingPathComponent("Till.domain.yaml"), atomically: true, encoding: .utf8)
        let new = try cli.factum(["breaking", "Till.domain.yaml", "--against", "HEAD"], in: folder)
        #expect(new.status == 0)
        #expect(new.stdout.contains("Till.domain.yaml is new since HEAD"), "\(new.stdout)")
    }

    @Test func aCleanCheckPrintsASummary() throws {
        let folder = try cli.temporaryFolder(["Shop.domain.yaml": CommandLineTests.valid])
        try cli.git(["init", "-q", "-b", "trunk"], in: folder)
        #expect(try cli.factum(["lock"], in: folder).status == 0)
        try cli.git(["add", "-A"], in: folder)
        try cli.git(["commit", "-q", "-m", "published"], in: folder)
        let run = try cli.factum(["breaking", "Shop.domain.yaml", "--against", "trunk"], in: folder)
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "factum: 1 domain file checked against trunk, no findings\n")
    }

    @Test func aDeletedDomainFileIsABreak() throws {
        let folder = try cli.temporaryFolder(["Shop.domain.yaml": CommandLineTests.valid, "Till.domain.yaml": CommandLineTests.valid.replacingOccurrences(of: "domain: Shop", with: "domain: Till").replacingOccurrences(of: "Order", with: "Till").replacingOccurrences(of: "0d5c3f1e", with: "1d5c3f1e")])
        try cli.git(["init", "-q", "-b", "trunk"], in: folder)
        let locked = try cli.factum(["lock"], in: folder)
        #expect(locked.status == 0, "\(locked.stdout)\(locked.stderr)")
        try cli.git(["add", "-A"], in: folder)
        try cli.git(["commit", "-q", "-m", "published"], in: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("Till.domain.yaml"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("Till.domain.lock"))
        let run = try cli.factum(["breaking", "--against", "HEAD"], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout.contains("HEAD:Till.domain.lock:1:1: error:"), "\(run.stdout)")
        #expect(run.stdout.contains("[event-removed]"))
    }

    /// A folder of locks as the baseline, and a current file with a validation error: the
    /// error is reported, and the lock still belongs to its file (matched by the domain's
    /// name as written), so its events are not reported as removed.
    @Test func aFileWithAnErrorKeepsItsFolderBaselineLock() throws {
        let folder = try cli.temporaryFolder(["current/Shop.domain.yaml": CommandLineTests.valid, "published/README": "locks\n"])
        #expect(try cli.factum(["lock", "current"], in: folder).status == 0)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("current/Shop.domain.lock"), to: folder.appendingPathComponent("published/Shop.domain.lock"))
        try (CommandLineTests.valid + "\n        fields:\n          total: Money\n").write(to: folder.appendingPathComponent("current/Shop.domain.yaml"), atomically: true, encoding: .utf8)
        let run = try cli.factum(["breaking", "current", "--against", "published"], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout.contains("[unknown-type]"), "\(run.stdout)")
        #expect(!run.stdout.contains("[event-removed]"), "\(run.stdout)")
    }
}
