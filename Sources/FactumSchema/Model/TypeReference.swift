/// A field's type as written in a domain file: a name, or an array, dictionary or optional of
/// another type reference, nested as deep as needed.
public indirect enum TypeReference: Hashable, Sendable, CustomStringConvertible {
    case named(String)
    case array(TypeReference)
    /// A dictionary with String keys.
    case dictionary(TypeReference)
    case optional(TypeReference)

    /// The type as Swift writes it: `[String: Money]?`.
    public var description: String {
        switch self {
        case .named(let name): return name
        case .array(let element): return "[\(element)]"
        case .dictionary(let value): return "[String: \(value)]"
        case .optional(let wrapped): return "\(wrapped)?"
        }
    }

    /// Every name the reference mentions.
    public var names: [String] {
        switch self {
        case .named(let name): return [name]
        case .array(let inner), .dictionary(let inner), .optional(let inner): return inner.names
        }
    }

    public var isOptional: Bool {
        if case .optional = self { return true }
        return false
    }
}

/// The types every domain may use without declaring them.
public enum BuiltinType {
    public static let names: [String] = [
        "String", "Bool", "Int", "Int8", "Int16", "Int32", "Int64",
        "UInt", "UInt8", "UInt16", "UInt32", "UInt64",
        "Double", "Float", "Decimal", "Date", "UUID", "URL", "Data",
    ]

    public static let nameSet = Set(names)
}
