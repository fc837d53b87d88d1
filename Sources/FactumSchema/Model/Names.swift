/// The naming facts of the format: what an identifier is, which words Swift reserves, and which
/// type names the generated code and the runtime keep for themselves.
public enum Names {
    /// The longest name accepted, so that no name floods messages or generated code.
    public static let maximumLength = 200

    /// A PascalCase name: ASCII letters and digits, starting with a capital.
    public static func isPascalCase(_ name: String) -> Bool {
        guard let first = name.utf8.first, isUpper(first) else { return false }
        for byte in name.utf8 where !isAlphanumeric(byte) { return false }
        return true
    }

    /// A lowerCamelCase name: ASCII letters and digits, starting with a lowercase letter.
    public static func isLowerCamelCase(_ name: String) -> Bool {
        guard let first = name.utf8.first, isLower(first) else { return false }
        for byte in name.utf8 where !isAlphanumeric(byte) { return false }
        return true
    }

    /// Anything Swift accepts as an identifier (ASCII only), possibly after escaping a keyword
    /// with backticks: a letter or underscore, then letters, digits and underscores; not `_`.
    public static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, isLower(first) || isUpper(first) || first == UInt8(ascii: "_"), name != "_" else { return false }
        for byte in name.utf8 where !isAlphanumeric(byte) && byte != 95 { return false }
        return true
    }

    /// Splits a PascalCase or camelCase name into words; runs of capitals are one word, except
    /// that the last capital of a run starts the next word (`URLShortened` → URL, Shortened),
    /// and digits stay with the word before them (`OAuth2TokenIssued` → O, Auth2, Token, Issued).
    public static func words(_ name: String) -> [String] {
        let bytes = Array(name.utf8)
        var words: [String] = []
        var start = 0
        for index in bytes.indices where startsWord(bytes, at: index) {
            words.append(String(decoding: bytes[start..<index], as: UTF8.self))
            start = index
        }
        if start < bytes.count { words.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return words
    }

    /// The length in bytes of the first of `words(name)`, without building the others.
    public static func firstWordLength(_ name: String) -> Int {
        let bytes = Array(name.utf8)
        return bytes.indices.first { startsWord(bytes, at: $0) } ?? bytes.count
    }

    /// Whether a word other than the first starts at `index`: the rule `words` splits by.
    private static func startsWord(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index > 0, isUpper(bytes[index]) else { return false }
        let previous = bytes[index - 1]
        let nextIsLower = index + 1 < bytes.count && isLower(bytes[index + 1])
        return isLower(previous) || isDigit(previous) || (isUpper(previous) && nextIsLower)
    }

    /// Swift's keywords. Fields and enum cases may use them; the generator escapes them.
    public static let swiftKeywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate",
        "func", "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "package",
        "private", "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript",
        "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do", "else",
        "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where",
        "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
        "try", "Type", "Protocol",
    ]

    /// Module names the generated code qualifies with (`Swift.String`, `Foundation.Date`,
    /// `Factum.EventType`). A type of one of these names would break every qualified reference,
    /// so no domain, entity, event or type may take them.
    public static let moduleNames: Set<String> = ["Swift", "Foundation", "Factum"]

    /// Names a declared type or event may not take: the built-in types fields refer to (a type
    /// named `String` would make every `String` field ambiguous) and the Swift protocols and
    /// types generated code conforms to or spells. Ordinary domain words (`Task`, `Result`,
    /// `Set`, `Event`) stay free, because generated code qualifies everything it uses.
    public static let reservedTypeNames: Set<String> = Set(BuiltinType.names).union(moduleNames).union([
        "Any", "AnyObject", "Self", "Type", "Protocol", "Never", "Void", "Optional", "Array",
        "Dictionary", "Codable", "Encodable", "Decodable", "Hashable", "Equatable", "Sendable",
        "Encoder", "Decoder", "CodingKey", "CodingKeys",
    ])

    /// The names the generated code gives an entity's companions, with what each is.
    public static func generatedNames(forEntity entity: String) -> [(name: String, role: String)] {
        [
            (entity + "Event", "the enum of the events of entity '\(entity)'"),
            (entity + "Aggregate", "the aggregate protocol of entity '\(entity)'"),
            (entity + "Key", "the key type of entity '\(entity)'"),
        ]
    }

    /// Names generated events declare inside themselves (`Generation1`, `HandWrittenUpcasts`):
    /// a declared type of such a name would be hidden inside every event.
    public static func isNestedInEvents(_ name: String) -> Bool {
        if name == "HandWrittenUpcasts" { return true }
        guard name.hasPrefix("Generation") else { return false }
        let digits = name.dropFirst("Generation".count)
        return !digits.isEmpty && digits.allSatisfy(\.isNumber)
    }

    /// The names the generated code gives a domain's companions, with what each is.
    public static func generatedNames(forDomain domain: String) -> [(name: String, role: String)] {
        [(domain + "Registry", "the event registry table of domain '\(domain)'")]
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= 97 && byte <= 122 }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) || isDigit(byte) }
}
