import FactumSchema
import Foundation

/// How schema values are written as Swift source: escaped identifiers, string literals that
/// cannot break out of their quotes, doc comments that cannot break out of their lines, fully
/// qualified types, and default values as literals.
enum SwiftSpelling {
    /// An identifier, in backticks when it is a keyword.
    static func identifier(_ name: String) -> String {
        Names.swiftKeywords.contains(name) || name == "Type" || name == "Protocol" ? "`\(name)`" : name
    }

    /// Printable ASCII throughout: no escaping, no line breaks, nothing to drop.
    private static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// A string literal holding exactly `text`.
    static func stringLiteral(_ text: String) -> String {
        if isPlainASCII(text), !text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") }) {
            return concat("\"", text, "\"")
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// `///` lines for a description: every line of it behind its own `///`, so that nothing in
    /// a description can end the comment; control characters are dropped.
    static func docLines(_ description: String?, indent: String = "") -> [String] {
        guard let description, !description.isEmpty else { return [] }
        if isPlainASCII(description) {
            // One line: only trailing spaces to trim.
            var utf8 = Substring(description).utf8
            while utf8.last == 0x20 { utf8 = utf8.dropLast() }
            return utf8.isEmpty ? [] : [concat(indent, "/// ", String(Substring(utf8)))]
        }
        // One pass: split at line breaks (\n, \r\n, \r), drop control and direction-changing
        // characters, trim trailing white space, and drop blank lines at either end.
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasReturn = false
        func finish() {
            while let last = current.last, last.properties.isWhitespace { current.removeLast() }
            lines.append(String(current))
            current = String.UnicodeScalarView()
        }
        for scalar in description.unicodeScalars {
            switch scalar.value {
            case 0x0A:
                if !previousWasReturn { finish() }
                previousWasReturn = false
                continue
            case 0x0D:
                finish()
                previousWasReturn = true
                continue
            case 0..<0x20, 0x7F, 0x2028...0x2029, 0x202A...0x202E, 0x2066...0x2069:
                break
            default:
                current.append(scalar)
            }
            previousWasReturn = false
        }
        finish()
        while lines.last?.isEmpty == true { lines.removeLast() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        return lines.map { $0.isEmpty ? "\(indent)///" : "\(indent)/// \($0)" }
    }

    /// A type as generated code writes it, with standard types qualified by their module.
    static func type(_ reference: TypeReference) -> String {
        switch reference {
        case .named(let name): return qualified(name)
        case .array(let element): return concat("[", type(element), "]")
        case .dictionary(let value): return concat("[Swift.String: ", type(value), "]")
        case .optional(let wrapped): return concat(type(wrapped), "?")
        }
    }

    static func qualified(_ name: String) -> String {
        switch name {
        case "Decimal", "Date", "UUID", "URL", "Data": return concat("Foundation.", name)
        default: return BuiltinType.nameSet.contains(name) ? concat("Swift.", name) : name
        }
    }

    /// `Foundation.UUID(uuid: (0x5b, …))`: a UUID literal that needs no force-unwrap.
    static func uuidLiteral(_ uuid: UUID) -> String {
        "Foundation.UUID(uuid: (" + bytes(of: uuid).map { "0x" + hex($0) }.joined(separator: ", ") + "))"
    }

    /// The UUID in lowercase 8-4-4-4-12 form, as domain files write it.
    static func uuidText(_ uuid: UUID) -> String {
        uuid.uuidString.lowercased()
    }

    private static func bytes(of uuid: UUID) -> [UInt8] {
        let u = uuid.uuid
        return [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15]
    }

    private static func hex(_ byte: UInt8) -> String {
        String(decoding: [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]], as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A default value as a Swift expression of `type`.
    static func literal(_ value: DefaultValue, type reference: TypeReference, declared: [String: TypeDeclaration]) throws(InternalError) -> String {
        switch (value, reference) {
        case (.null, _):
            return "nil"
        case (_, .optional(let wrapped)):
            return try literal(value, type: wrapped, declared: declared)
        case (.array(let items), .array(let element)):
            return "[" + (try items.map { (item) throws(InternalError) in try literal(item, type: element, declared: declared) }).joined(separator: ", ") + "]"
        case (.dictionary(let entries), .dictionary(let valueType)):
            if entries.isEmpty { return "[:]" }
            return "[" + (try entries.map { (entry) throws(InternalError) in "\(stringLiteral(entry.key)): \(try literal(entry.value, type: valueType, declared: declared))" }).joined(separator: ", ") + "]"
        case (.bool(let flag), _):
            return flag ? "true" : "false"
        case (.integer(let text), _):
            return text
        case (.enumCase(let name), _):
            return "." + identifier(name)
        case (.number(let text), .named(let name)):
            return try number(text, type: name)
        case (.date(_, let seconds), _):
            return "Foundation.Date(timeIntervalSince1970: \(seconds))"
        case (.string(let text), .named(let name)):
            return scalar(text, type: name)
        default:
            throw InternalError("the default \(value) of type \(reference) passed validation but has no Swift spelling")
        }
    }

    private static func number(_ text: String, type name: String) throws(InternalError) -> String {
        switch name {
        case "Float":
            guard let value = Float(text) else { throw InternalError("the Float default '\(text)' passed validation but does not parse") }
            // Swift refuses a literal that underflows to a subnormal; its bits are exact.
            return value.isSubnormal ? "Swift.Float(bitPattern: 0x\(String(value.bitPattern, radix: 16)))" : String(value)
        case "Decimal":
            return try decimalLiteral(text)
        default:
            guard let value = Double(text) else { throw InternalError("the \(name) default '\(text)' passed validation but does not parse") }
            return value.isSubnormal ? "Swift.Double(bitPattern: 0x\(String(value.bitPattern, radix: 16)))" : String(value)
        }
    }

    /// `Foundation.Decimal(sign: .plus, exponent: -2, significand: 1999)`: exact, no parsing at
    /// run time while the significand fits an integer literal (UInt64); a wider one (up to the
    /// 38 digits a Decimal holds) is written as its digits, which parse exactly.
    private static func decimalLiteral(_ text: String) throws(InternalError) -> String {
        guard let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw InternalError("the Decimal default '\(text)' passed validation but does not parse")
        }
        let sign = decimal.sign == .minus ? ".minus" : ".plus"
        let digits = decimal.significand.description
        let significand = UInt64(digits) != nil ? "Foundation.Decimal(\(digits))" : "Foundation.Decimal(string: \"\(digits)\")!"
        return "Foundation.Decimal(sign: \(sign), exponent: \(decimal.exponent), significand: \(significand))"
    }

    private static func scalar(_ text: String, type name: String) -> String {
        switch name {
        case "UUID":
            return uuidLiteral(UUID(uuidString: text) ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        case "URL":
            return "Foundation.URL(string: \(stringLiteral(text)))!"
        case "Data":
            return "Foundation.Data(base64Encoded: \(stringLiteral(text)))!"
        default:
            return stringLiteral(text)
        }
    }

    /// The case name of an event in its entity's enum: lowerCamelCase (`URLShortened` →
    /// `urlShortened`), escaped when it is a keyword.
    static func caseName(_ eventName: String) -> String {
        // The first word lowercased and the rest as it is: on bytes when the first word is ASCII.
        let first = Names.firstWordLength(eventName)
        let utf8 = Array(eventName.utf8)
        if first > 0, utf8[..<first].allSatisfy({ $0 < 0x80 }) {
            var lowered = utf8
            for index in 0..<first where lowered[index] >= 65 && lowered[index] <= 90 { lowered[index] += 32 }
            return identifier(String(decoding: lowered, as: UTF8.self))
        }
        let words = Names.words(eventName)
        guard let first = words.first else { return eventName }
        return identifier(first.lowercased() + words.dropFirst().joined())
    }
}
