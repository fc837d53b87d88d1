import FactumWorkspace
import Foundation
import Testing
@testable import FactumSchema

@Suite("Example schemas")
struct ExampleSchemaTests {
    @Test func theExamplesLintCleanAndShowTheFormat() throws {
        let groups = try Workspace.load(paths: [packageRoot.appendingPathComponent("Schemas").path], configurationPath: nil)
        #expect(groups.count == 1, "Schemas/ is in no target: its files are one namespace")
        let workspace = try #require(groups.first)
        #expect(workspace.sources.count == 3)
        let result = workspace.lint()
        #expect(result.findings.isEmpty, "\(result.findings)")
        let events = result.files.flatMap { $0.domain.entities.flatMap(\.events) }
        #expect(events.contains { $0.visibility == .public })
        #expect(events.contains { $0.current.number == 2 && $0.history.count == 1 })
        let types = result.files.flatMap(\.domain.types)
        #expect(types.contains { if case .enumeration = $0.kind { true } else { false } })
        #expect(types.contains { if case .structure = $0.kind { true } else { false } })
    }
}

/// The example target's domain file is a copy of Schemas/Kitchen.domain.yaml (a symbolic link
/// would leave its `$schema` path pointing nowhere from the target's folder): the two stay the
/// same but for that first line.
@Test func theExampleTargetsDomainIsTheKitchenSchema() throws {
    func body(_ path: String) throws -> String {
        let text = try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
        return String(text.drop { $0 != "\n" })
    }
    #expect(try body("Sources/KitchenExample/Kitchen.domain.yaml") == body("Schemas/Kitchen.domain.yaml"), "edit both, or copy Schemas/Kitchen.domain.yaml over the example's and restore its $schema line")
}
