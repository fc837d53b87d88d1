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
