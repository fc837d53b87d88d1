import Foundation
import Testing
@testable import FactumSchema

/// Keeps the JSON Schema that editors use in step with the loader: the same keys at every
/// level, the same choices for visibility and key types.
@Suite("JSON Schema of the format")
struct JSONSchemaTests {
    let schema: [String: Any]

    init() throws {
        let data = try Data(contentsOf: packageRoot.appendingPathComponent("Schemas/factum-domain.schema.json"))
        schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func properties(_ definition: String?) -> Set<String> {
        let node = definition.map { (schema["definitions"] as? [String: Any])?[$0] as? [String: Any] } ?? schema
        return Set(((node?["properties"]) as? [String: Any])?.keys.map { $0 } ?? [])
    }

    func definition(_ name: String) -> [String: Any] {
        ((schema["definitions"] as? [String: Any])?[name] as? [String: Any]) ?? [:]
    }

    @Test func keysMatchTheLoader() {
        #expect(properties(nil) == Set(DomainKeys.document))
        #expect(properties("typeDeclaration") == Set(DomainKeys.type))
        #expect(properties("entity") == Set(DomainKeys.entity))
        #expect(properties("event") == Set(DomainKeys.event))
        #expect(properties("historyGeneration") == Set(DomainKeys.historyGeneration))
        #expect(properties("fieldSpecification") == Set(DomainKeys.field))
        #expect(properties("projection") == Set(DomainKeys.projection))
    }

    @Test func choicesMatchTheModel() {
        let eventProperties = definition("event")["properties"] as? [String: Any]
        let visibility = (eventProperties?["visibility"] as? [String: Any])?["enum"] as? [String]
        #expect(visibility.map(Set.init) == Set(Visibility.allCases.map(\.rawValue)))
        let entityProperties = definition("entity")["properties"] as? [String: Any]
        let keys = (entityProperties?["key"] as? [String: Any])?["enum"] as? [String]
        #expect(keys.map(Set.init) == Set(KeyType.allCases.map(\.rawValue)))
        #expect(schema["required"] as? [String] == ["domain", "entities"])
    }

    @Test func theExamplesReferenceTheSchema() throws {
        for name in ["Kitchen", "Patron", "Game"] {
            let text = try String(contentsOf: packageRoot.appendingPathComponent("Schemas/\(name).domain.yaml"), encoding: .utf8)
            #expect(text.hasPrefix("# yaml-language-server: $schema=./factum-domain.schema.json"))
        }
    }
}
