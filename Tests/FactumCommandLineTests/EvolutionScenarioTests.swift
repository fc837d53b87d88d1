import Foundation
import Testing

/// The evolution scenario of the contract, on the kitchen example, with a git history made in
/// the test: lock and commit, then one change at a time, each with the contract's verdict.
@Suite("Evolution scenario", .timeLimit(.minutes(2)))
struct EvolutionScenarioTests {
    let cli = CommandLineTests()

    struct Repository {
        let folder: URL
        let kitchen: String

        var file: URL { folder.appendingPathComponent("Kitchen.domain.yaml") }

        func write(_ text: String) throws {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }

        func change(_ old: String, _ new: String) throws {
            #expect(kitchen.contains(old), "scenario text not found: \(old)")
            try write(kitchen.replacingOccurrences(of: old, with: new))
        }

        func git(_ arguments: String...) throws {
            try CommandLineTests().git(arguments, in: folder)
        }
    }

    func repository() throws -> Repository {
        let kitchen = try String(contentsOf: CommandLineTests.packageRoot.appendingPathComponent("Schemas/Kitchen.domain.yaml"), encoding: .utf8)
        let folder = try cli.temporaryFolder(["Kitchen.domain.yaml": kitchen])
        let repository = Repository(folder: folder, kitchen: kitchen)
        try repository.git("init", "-q")
        let locked = try cli.factum(["lock"], in: folder)
        #expect(locked.status == 0, "\(locked.stdout)\(locked.stderr)")
        try repository.git("add", "-A")
        try repository.git("commit", "-q", "-m", "published")
        return repository
    }

    /// The rules `factum lint` reports, with their lines.
    func lint(_ repository: Repository) throws -> (status: Int32, rules: [String]) {
        let run = try cli.factum(["lint", "--format", "json"], in: repository.folder)
        let findings = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]) ?? []
        return (run.status, findings.map { "\($0["line"] ?? 0):\($0["rule"] ?? "")" })
    }

    @Test func theContractsVerdicts() throws {
        let repository = try repository()
        #expect(try lint(repository).status == 0)
        let checked = try cli.factum(["lock", "--check"], in: repository.folder)
        #expect(checked.status == 0)
        // The one-line summary the other commands print (issue 26).
        #expect(checked.stderr.contains("domain file checked against their locks, no findings; every lock is up to date"), "\(checked.stderr)")

        try repository.change("          chef: String\n", "          chef: String\n          sousChef: String?\n")
        #expect(try lint(repository) == (1, ["33:generation-modified"]))

        try repository.change("      KitchenClosed:\n        id: 7a0d2f4b-1c3e-4d5f-8a9b-0c1d2e3f4a5b\n        description: The kitchen closed for the day. It carries no data besides its time.\n", "")
        #expect(try lint(repository) == (1, ["22:event-removed"]))

        try repository.change("id: 7a0d2f4b-1c3e-4d5f-8a9b-0c1d2e3f4a5b", "id: 7a0d2f4b-1c3e-4d5f-8a9b-0c1d2e3f4a5c")
        #expect(try lint(repository) == (1, ["64:event-id-changed"]))

        try repository.change("        visibility: public\n", "")
        #expect(try lint(repository) == (1, ["26:visibility-narrowed"]))

        try repository.change("cases: [mild, medium, hot]", "cases: [mild, medium]")
        #expect(try lint(repository) == (1, ["17:enum-case-removed"]))

        try repository.change("      KitchenClosed:", "      KitchenShutDown:")
        #expect(try lint(repository) == (0, ["63:event-renamed"]))

        try repository.change("        generation: 2\n", "        generation: 1\n")
        #expect(try lint(repository).rules.contains("36:generation-lowered"))

        try repository.change("          orderNumber: Int\n          preparedBy: String?\n", "          orderNumber: Int\n          preparedBy: String?\n          station: String?\n")
        let added = try lint(repository)
        #expect(added.rules == ["56:generation-modified"], "\(added)")
        let bumped = repository.kitchen.replacingOccurrences(of: "          orderNumber: Int\n          preparedBy: String?\n", with: "          orderNumber: Int\n          preparedBy: String?\n          station: String?\n        history:\n          1:\n            fields:\n              dish: String\n              orderNumber: Int\n              preparedBy: String?\n")
            .replacingOccurrences(of: "        description: A cook finished a dish for an order.\n", with: "        description: A cook finished a dish for an order.\n        generation: 2\n")
        try repository.write(bumped)
        #expect(try lint(repository) == (0, []))
        #expect(try cli.factum(["lock", "--check"], in: repository.folder).status == 1)
        #expect(try cli.factum(["lock"], in: repository.folder).status == 0)
        #expect(try cli.factum(["lock", "--check"], in: repository.folder).status == 0)
        #expect(try cli.factum(["breaking", "--against", "HEAD"], in: repository.folder).status == 0)
    }

    /// A projection's events are part of the lock: changed without a new version, a finding at
    /// the version; with one, the lock is outdated until `factum lock` writes it again.
    @Test func aProjectionsEventsChangeWithItsVersion() throws {
        let repository = try repository()
        let projection = "    version: 1\n    events: [DishAddedToMenu, DishRemovedFromMenu, DishPrepared]\n"
        try repository.change(projection, "    version: 1\n    events: [DishAddedToMenu, DishRemovedFromMenu]\n")
        let unchanged = try lint(repository)
        #expect(unchanged.status == 1 && unchanged.rules.count == 1 && unchanged.rules[0].hasSuffix(":projection-version-unchanged"), "\(unchanged)")
        try repository.change(projection, "    version: 2\n    events: [DishAddedToMenu, DishRemovedFromMenu]\n")
        #expect(try lint(repository) == (0, []))
        let outdated = try cli.factum(["lock", "--check"], in: repository.folder)
        #expect(outdated.status == 1 && outdated.stdout.contains("projection 'DishesOnMenu' is in the lock as version 1 with other events") && outdated.stdout.contains("[lock-outdated]"), "\(outdated.stdout)\(outdated.stderr)")
        #expect(try cli.factum(["lock"], in: repository.folder).status == 0)
        #expect(try cli.factum(["lock", "--check"], in: repository.folder).status == 0)
    }

    @Test func deletingAndRewritingTheLockCannotHideABreak() throws {
        let repository = try repository()
        try repository.change("      KitchenClosed:\n        id: 7a0d2f4b-1c3e-4d5f-8a9b-0c1d2e3f4a5b\n        description: The kitchen closed for the day. It carries no data besides its time.\n", "")
        try FileManager.default.removeItem(at: repository.folder.appendingPathComponent("Kitchen.domain.lock"))
        #expect(try cli.factum(["lock"], in: repository.folder).status == 0)
        #expect(try lint(repository) == (0, []))
        let breaking = try cli.factum(["breaking", "--against", "HEAD"], in: repository.folder)
        #expect(breaking.status == 1)
        #expect(breaking.stdout.contains("[lock-rewritten]"))
        // Reported at the current lock, the file to restore, not at the baseline's copy.
        let rewritten = breaking.stdout.split(separator: "\n").filter { $0.hasSuffix("[lock-rewritten]") }
        #expect(!rewritten.isEmpty && rewritten.allSatisfy { $0.hasPrefix("Kitchen.domain.lock:1:1: error: HEAD:Kitchen.domain.lock holds ") }, "\(breaking.stdout)")
        #expect(breaking.stdout.contains("Kitchen.domain.yaml:22:3: error: event 'KitchenClosed'"))
        #expect(try cli.factum(["breaking", "--against", "no-such-revision"], in: repository.folder).status == 2)
        // With an error in the schema as well (its model is then not whole), the rewritten lock
        // is still reported at the current lock, beside the error.
        let closedRemoved = repository.kitchen.replacingOccurrences(of: "      KitchenClosed:\n        id: 7a0d2f4b-1c3e-4d5f-8a9b-0c1d2e3f4a5b\n        description: The kitchen closed for the day. It carries no data besides its time.\n", with: "")
        try repository.write(closedRemoved.replacingOccurrences(of: "description: Opening the kitchen for the day and running its menu.", with: "description: [not, text]"))
        let withError = try cli.factum(["breaking", "--against", "HEAD"], in: repository.folder)
        #expect(withError.status == 1)
        #expect(withError.stdout.contains("[invalid-value]"), "\(withError.stdout)")
        let rewrittenWithError = withError.stdout.split(separator: "\n").filter { $0.hasSuffix("[lock-rewritten]") }
        #expect(!rewrittenWithError.isEmpty && rewrittenWithError.allSatisfy { $0.hasPrefix("Kitchen.domain.lock:1:1: error: HEAD:Kitchen.domain.lock holds ") }, "\(withError.stdout)")
    }

    @Test func aFolderIsABaselineToo() throws {
        let repository = try repository()
        let baseline = try cli.temporaryFolder([:])
        try FileManager.default.createDirectory(at: baseline, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repository.folder.appendingPathComponent("Kitchen.domain.lock"), to: baseline.appendingPathComponent("Kitchen.domain.lock"))
        try repository.change("cases: [mild, medium, hot]", "cases: [mild, medium]")
        try FileManager.default.removeItem(at: repository.folder.appendingPathComponent("Kitchen.domain.lock"))
        let breaking = try cli.factum(["breaking", "--against", baseline.path], in: repository.folder)
        #expect(breaking.status == 1)
        #expect(breaking.stdout.contains("[enum-case-removed]"))
    }

    @Test func retiringIsNotRemoving() throws {
        let repository = try repository()
        try repository.change("      KitchenClosed:\n        id: 7a0d2f4b-1c3e-4d5f-8a9b-0c1d2e3f4a5b\n", "      KitchenClosed:\n        id: 7a0d2f4b-1c3e-4d5f-8a9b-0c1d2e3f4a5b\n        retired: true\n")
        #expect(try lint(repository) == (0, []))
    }

    @Test func anUnreadableLockIsAFinding() throws {
        let repository = try repository()
        try "{ not a lock".write(to: repository.folder.appendingPathComponent("Kitchen.domain.lock"), atomically: true, encoding: .utf8)
        #expect(try lint(repository) == (1, ["1:lock-invalid"]))
        #expect(try cli.factum(["lock"], in: repository.folder).status == 1)
    }
}
