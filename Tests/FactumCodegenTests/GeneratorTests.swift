@testable import FactumSchema
import FactumWorkspace
import Foundation
import Testing
@testable import FactumCodegen

@Suite("Generator")
struct GeneratorTests {
    func load(_ text: String, path: String = "Shop.domain.yaml") -> [DomainFile] {
        let result = Linter.lint([SourceFile(path: path, text: text)])
        #expect(!result.hasErrors, "\(result.findings)")
        return result.files
    }

    let shop = """
        domain: Shop
        entities:
          Order:
            events:
              OrderPlaced:
                id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                fields:
                  total: Decimal
        """

    func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("factum-gen-\(UUID().uuidString)").path
    }

    @Test func outputNamesCannotCollide() {
        #expect(generatedFileName(forDomainFileAt: "Kitchen.domain.yaml") == "Kitchen.domain.swift")
        #expect(generatedFileName(forDomainFileAt: "Kitchen.domain.yml") == "Kitchen.domain.yml.swift")
        #expect(generatedFileName(forDomainFileAt: "a_b/c.domain.yaml") != generatedFileName(forDomainFileAt: "a/b_c.domain.yaml"))
        #expect(generatedFileName(forDomainFileAt: "Sub/Kitchen.domain.yaml") == "Sub_Kitchen.domain.swift")
    }

    @Test func accessLevelsReachEveryDeclaration() throws {
        let file = try #require(try Generator(access: .public).generate(load(shop)).first)
        #expect(file.contents.contains("public import Foundation\npublic import Factum"))
        #expect(file.contents.contains("public nonisolated struct OrderPlaced: Factum.DomainEvent"))
        #expect(file.contents.contains("    public init(total: Foundation.Decimal) {"))
        #expect(file.contents.contains("public nonisolated protocol OrderAggregate"))
        #expect(file.contents.contains("    nonisolated public mutating func apply(_ event: OrderEvent) {"))
        let package = try #require(try Generator(access: .package).generate(load(shop)).first)
        #expect(package.contents.contains("package nonisolated struct OrderPlaced"))
        let internalFile = try #require(try Generator().generate(load(shop)).first)
        #expect(!internalFile.contents.contains("public "))
    }

    @Test func writesOnlyChangesAndRemovesItsStaleFiles() throws {
        let folder = temporaryFolder()
        let files = try Generator().generate(load(shop))
        #expect(try OutputWriter.write(files, to: folder).written == ["Shop.domain.swift"])
        #expect(try OutputWriter.write(files, to: folder).unchanged == ["Shop.domain.swift"])
        try "// mine\n".write(toFile: folder + "/Mine.swift", atomically: true, encoding: .utf8)
        let renamed = try Generator().generate(load(shop, path: "Store.domain.yaml"))
        let report = try OutputWriter.write(renamed, to: folder)
        #expect(report.written == ["Store.domain.swift"])
        #expect(report.removed == ["Shop.domain.swift"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["Mine.swift", "Store.domain.swift"])
    }

    /// The generator reads only the validated model, in which an event has its id: a file
    /// whose event lacks one, or whose default does not fit, gives no model to generate from.
    @Test func onlyAValidatedModelReachesTheGenerator() throws {
        let noID = Linter.lint([SourceFile(path: "Shop.domain.yaml", text: "domain: Shop\nentities:\n  Order:\n    events:\n      OrderPlaced: {}\n")])
        #expect(noID.findings.map(\.rule) == ["missing-key"])
        #expect(noID.files.isEmpty)
        func withDefault(_ value: String) -> LintResult {
            Linter.lint([SourceFile(path: "Shop.domain.yaml", text: """
                domain: Shop
                entities:
                  Order:
                    events:
                      OrderPlaced:
                        id: 3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b
                        fields:
                          count: {type: Int, default: \(value)}
                """)])
        }
        let badDefault = withDefault("many")
        #expect(badDefault.findings.map(\.rule) == ["invalid-default"])
        #expect(badDefault.files.isEmpty)
        let fine = withDefault("3")
        #expect(fine.findings.isEmpty)
        #expect(fine.files.first?.domain.entities.first?.events.first?.current.fields.first?.defaultValue == .integer("3"))
    }

    @Test func templatesAreOverriddenByFileName() throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "{{% CONTENT_TYPE: TEXT }}\n// registry of {{#registry}}{{domain}}Registry{{/registry}}\n".write(toFile: folder + "/Registry.mustache", atomically: true, encoding: .utf8)
        let templates = try TemplateSet.builtIn.overriding(with: folder)
        let file = try #require(try Generator(templates: templates).generate(load(shop)).first)
        #expect(file.contents.contains("// registry of ShopRegistry"))
        #expect(!file.contents.contains("static let registrations"))
        #expect(file.contents.contains("struct OrderPlaced"))
        try "x".write(toFile: folder + "/Nothing.mustache", atomically: true, encoding: .utf8)
        #expect(throws: TemplateSet.Failure.self) { try TemplateSet.builtIn.overriding(with: folder) }
    }

    /// Templates write Swift: an override without the `CONTENT_TYPE: TEXT` pragma is not
    /// HTML-escaped (`"OrderPlaced"` stays as it is), so the built-in template without its
    /// first line writes exactly what the built-in one writes.
    @Test func overridesWithoutThePragmaWriteText() throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let builtIn = try #require(BuiltinTemplates.sources["Event"])
        #expect(builtIn.hasPrefix("{{% CONTENT_TYPE: TEXT }}\n"))
        try String(builtIn.dropFirst("{{% CONTENT_TYPE: TEXT }}\n".count)).write(toFile: folder + "/Event.mustache", atomically: true, encoding: .utf8)
        let overridden = try #require(try Generator(templates: TemplateSet.builtIn.overriding(with: folder)).generate(load(shop)).first)
        let plain = try #require(try Generator().generate(load(shop)).first)
        #expect(!overridden.contents.contains("&quot;"))
        #expect(overridden.contents.contains("\"OrderPlaced\""))
        #expect(overridden.contents == plain.contents)
    }

    /// A template that does not parse is an error naming its file and line.
    @Test func aBrokenTemplateIsAnErrorAtItsLine() throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "// one\n// two\n{{#properties}}\n{{name}}\n{{/fields}}\n".write(toFile: folder + "/Event.mustache", atomically: true, encoding: .utf8)
        let templates = try TemplateSet.builtIn.overriding(with: folder)
        do {
            _ = try Generator(templates: templates).generate(load(shop))
            Issue.record("a broken template rendered")
        } catch let failure as TemplateSet.Failure {
            #expect(failure.description.hasPrefix(folder + "/Event.mustache:5:"), "\(failure.description)")
        }
    }

    @Test func upcastsAreDerivedWhereTheContractSaysSo() {
        func field(_ name: String, _ type: TypeReference, renamedFrom: String? = nil, defaultValue: DefaultValue? = nil) -> Field {
            Field(name: name, mark: Mark(line: 1, column: 1), type: type, typeMark: Mark(line: 1, column: 1), description: nil, defaultValue: defaultValue, renamedFrom: renamedFrom, renamedFromMark: nil)
        }
        let old = Generation(number: 1, mark: Mark(line: 1, column: 1), fields: [field("a", .named("Int32")), field("b", .named("String")), field("gone", .named("Bool"))])
        let new = Generation(number: 2, mark: Mark(line: 1, column: 1), fields: [
            field("a", .named("Int64")), field("c", .optional(.named("String")), renamedFrom: "b"),
            field("d", .named("Int"), defaultValue: .integer("3")), field("e", .optional(.named("Date"))),
        ])
        #expect(Upcast.derive(from: old, to: new) == .derived([
            Upcast.Argument(label: "a", expression: "Swift.Int64(old.a)"),
            Upcast.Argument(label: "c", expression: "old.b"),
        ]))
        let narrowing = Generation(number: 2, mark: Mark(line: 1, column: 1), fields: [field("a", .named("Int8")), field("f", .named("String"))])
        #expect(Upcast.derive(from: old, to: narrowing) == .needsHandWriting(["'a' changes type from Int32 to Int8", "'f' is new, required and has no default"]))
    }

    @Test func scaffoldNeverOverwrites() throws {
        let folder = temporaryFolder()
        let starters = try Scaffolder().starters(for: load(shop))
        #expect(starters.map(\.name) == ["Order.swift"])
        #expect(starters[0].contents.contains("nonisolated struct Order: OrderAggregate {"))
        #expect(starters[0].contents.contains("    mutating func apply(_ event: OrderPlaced) {}"))
        #expect(try Scaffolder.writeNew(starters, to: folder).written == ["Order.swift"])
        try "// edited\n".write(toFile: folder + "/Order.swift", atomically: true, encoding: .utf8)
        #expect(try Scaffolder.writeNew(starters, to: folder).skipped == ["Order.swift"])
        #expect(try String(contentsOfFile: folder + "/Order.swift", encoding: .utf8) == "// edited\n")
    }

    @Test func stringsAndCommentsCannotBeEscaped() {
        #expect(SwiftSpelling.stringLiteral("a\"b\\c\nd\u{2028}") == #""a\"b\\c\nd\u{2028}""#)
        #expect(SwiftSpelling.docLines("one\r\ntwo */\rthree\u{2028}four") == ["/// one", "/// two */", "/// threefour"])
        #expect(SwiftSpelling.identifier("default") == "`default`")
        #expect(SwiftSpelling.caseName("URLShortened") == "urlShortened")
    }
}
