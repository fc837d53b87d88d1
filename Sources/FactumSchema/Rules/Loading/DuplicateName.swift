import Foundation
import FactumYAML

extension Rule {
    public static let duplicateName = Rule(
        id: "duplicate-name",
        severity: .error,
        category: .loading,
        summary: "Two things share a name across all files read together (a domain and an entity may share one), or an enum lists a case twice.",
        rationale: "Generated types share one module namespace; two types of one name do not compile.",
        triggering: [
            """
            domain: Shop
            types:
              OrderPlaced:
                fields:
                  day: Int
            entities:
              Order:
                events:
                  OrderPlaced:  # <-
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ],
        passing: [
            """
            domain: Order
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ]
    )
}

extension Validator {
    /// The first declaration of each name, across the files read so far.
    struct DeclaredNames {
        var first: [String: (kind: Declaration.Kind, path: String, mark: Mark)] = [:]
    }

    /// Reports a name already declared; a domain and one of its entities may share a name.
    static func duplicateName(_ declaration: Declaration, among names: inout DeclaredNames, in path: String, into sink: inout FindingSink) {
        let name = declaration.name
        let kind = declaration.kind
        guard let first = names.first[name] else {
            names.first[name] = (kind, path, declaration.mark)
            return
        }
        if kind == .domain, first.kind == .domain {
            sink.report(.duplicateName, in: path, at: declaration.mark, "domain '\(name)' is already declared at \(first.path):\(first.mark.line); one domain per file")
        } else if Set([first.kind, kind]) != [.domain, .entity] {
            sink.report(.duplicateName, in: path, at: declaration.mark, "\(kind.rawValue) name '\(name)' is already the name of \(withArticle(first.kind.rawValue)) at \(first.path):\(first.mark.line); names are unique across all domain files read together")
        }
    }
}

extension Validator {
    /// Reports a projection whose name another file read with it already gives a projection:
    /// both would generate the same `<Name>Projection` protocol.
    static func duplicateProjections(_ files: [WrittenFile], into sink: inout FindingSink) {
        var first: [String: (path: String, mark: Mark)] = [:]
        for file in files {
            for projection in file.domain.projections {
                if let earlier = first[projection.name] {
                    sink.report(.duplicateName, in: file.path, at: projection.mark, "projection name '\(projection.name)' is already the name of a projection at \(earlier.path):\(earlier.mark.line); names are unique across all domain files read together")
                } else {
                    first[projection.name] = (file.path, projection.mark)
                }
            }
        }
    }
}

extension Loading {
    /// True, with a finding, when the enum lists a case a second time; otherwise the case is
    /// remembered in `seen`. (Names across files are the validator's.)
    mutating func duplicateCase(_ name: String, at mark: Mark, of owner: String, among seen: inout [String: Mark]) -> Bool {
        if let first = seen[name] {
            sink.report(.duplicateName, in: path, at: mark, "enum '\(owner)' lists case '\(name)' twice; the first is at line \(first.line)")
            return true
        }
        seen[name] = mark
        return false
    }
}
