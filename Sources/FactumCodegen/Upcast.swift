import FactumSchema

/// Whether the step from one generation of an event to the next can be derived from the
/// schema, and how. A step is derived when every field of the newer generation either comes
/// from a field of the older one (same name or `renamedFrom`) of the same type, of a type it
/// widens losslessly (IntK → IntM for M > K, UIntK → UIntM, Float → Double, T → T?), or is new
/// with a default or an optional type. Fields the newer generation drops are discarded.
enum Upcast {
    struct Argument: Equatable {
        var label: String
        var expression: String
    }

    enum Step: Equatable {
        case derived([Argument])
        case needsHandWriting([String])
    }

    static func derive(from old: Generation, to new: Generation) -> Step {
        var arguments: [Argument] = []
        var reasons: [String] = []
        for field in new.fields {
            let label = field.name == "self" ? "self" : SwiftSpelling.identifier(field.name)
            let sourceName = field.renamedFrom ?? field.name
            if let source = old.fields.first(where: { $0.name == sourceName }) {
                if let expression = conversion(from: source.type, to: field.type, value: "old.\(SwiftSpelling.identifier(source.name))") {
                    arguments.append(Argument(label: label, expression: expression))
                } else {
                    reasons.append("'\(field.name)' changes type from \(source.type) to \(field.type)")
                }
            } else if field.defaultValue != nil {
                // The initializer's default applies; the argument is left out.
                continue
            } else if field.type.isOptional {
                continue
            } else {
                reasons.append("'\(field.name)' is new, required and has no default")
            }
        }
        return reasons.isEmpty ? .derived(arguments) : .needsHandWriting(reasons)
    }

    /// The expression converting `value` of type `from` to type `to`, when lossless.
    static func conversion(from: TypeReference, to: TypeReference, value: String) -> String? {
        if from == to { return value }
        if case .optional(let wrapped) = to {
            if case .optional = from { return nil }
            return conversion(from: from, to: wrapped, value: value)
        }
        guard case .named(let source) = from, case .named(let target) = to else { return nil }
        if let sourceWidth = signedWidth[source], let targetWidth = signedWidth[target], targetWidth > sourceWidth {
            return "\(SwiftSpelling.qualified(target))(\(value))"
        }
        if let sourceWidth = unsignedWidth[source], let targetWidth = unsignedWidth[target], targetWidth > sourceWidth {
            return "\(SwiftSpelling.qualified(target))(\(value))"
        }
        if source == "Float", target == "Double" {
            return "Swift.Double(\(value))"
        }
        return nil
    }

    /// A short account of what a derived step does, for its doc comment.
    static func summary(from old: Generation, to new: Generation) -> String {
        var parts: [String] = []
        let oldNames = Set(old.fields.map(\.name))
        let renamed = new.fields.compactMap { field in field.renamedFrom.map { "'\($0)' renamed to '\(field.name)'" } }
        parts.append(contentsOf: renamed)
        let sources = Set(new.fields.map { $0.renamedFrom ?? $0.name })
        let added = new.fields.filter { !oldNames.contains($0.renamedFrom ?? $0.name) }.map { "'\($0.name)' added" }
        parts.append(contentsOf: added)
        let dropped = old.fields.filter { !sources.contains($0.name) }.map { "'\($0.name)' dropped" }
        parts.append(contentsOf: dropped)
        let widened = new.fields.compactMap { field -> String? in
            guard let source = old.fields.first(where: { $0.name == (field.renamedFrom ?? field.name) }), source.type != field.type else { return nil }
            return "'\(field.name)' widened from \(source.type) to \(field.type)"
        }
        parts.append(contentsOf: widened)
        return parts.isEmpty ? "same fields" : parts.joined(separator: ", ")
    }

    private static let signedWidth = ["Int8": 8, "Int16": 16, "Int32": 32, "Int64": 64, "Int": 64]
    private static let unsignedWidth = ["UInt8": 8, "UInt16": 16, "UInt32": 32, "UInt64": 64, "UInt": 64]
}
