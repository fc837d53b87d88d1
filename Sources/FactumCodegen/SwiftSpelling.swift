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

    /// A string literal holding exactly `text`.
    static func stringLiteral(_ text: String) -> String {
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
        case .array(let element): return "[\(type(element))]"
        case .dictionary(let value): return "[Swift.String: \(type(value))]"
        case .optional(let wrapped): return "\(type(wrapped))?"
        }
    }

    static func qualified(_ name: String) -> String {
        switch name {
        case "Decimal", "Date", "UUID", "URL", "Data": return "Foundation.\(name)"
        default: return BuiltinType.nameSet.contains(name) ? "Swift.\(name)" : name
        }
    }

    /// `Foundation.UUID(uuid: (0x5b, …))`: a UUID literal that needs no force-unwrap.
    static func uuidLiteral(_ uuid: UUID) -> String {
        let digits = Array("0123456789abcdef".utf8)
        let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        let parts = bytes.map { String(decoding: [48, 120, digits[Int($0 >> 4)], digits[Int($0 & 15)]], as: UTF8.self) }
        return "Foundation.UUID(uuid: (\(parts.joined(separator: ", "))))"
    }

    /// A default value as a Swift expression of `type`.
    static func literal(_ value: DefaultValue, type reference: TypeReference, declared: [String: TypeDeclaration]) -> String {
        switch (value, reference) {
        case (.null, _):
            return "nil"
        case (_, .optional(let wrapped)):
            return literal(value, type: wrapped, declared: declared)
        case (.array(let items), .array(let element)):
            return "[" + items.map { literal($0, type: element, declared: declared) }.joined(separator: ", ") + "]"
        case (.dictionary(let entries), .dictionary(let valueType)):
            if entries.isEmpty { return "[:]" }
            return "[" + entries.map { "\(stringLiteral($0.key)): \(literal($0.value, type: valueType, declared: declared))" }.joined(separator: ", ") + "]"
        case (.bool(let flag), _):
            return flag ? "true" : "false"
        case (.integer(let text), _):
            return text
        case (.enumCase(let name), _):
            return "." + identifier(name)
        case (.number(let text), .named(let name)):
            return number(text, type: name)
        case (.string(let text), .named(let name)):
            return scalar(text, type: name)
        default:
            return "nil"
        }
    }

    private static func number(_ text: String, type name: String) -> String {
        switch name {
        case "Float":
            return String(Float(text) ?? 0)
        case "Decimal":
            return decimalLiteral(text)
        default:
            return String(Double(text) ?? 0)
        }
    }

    /// `Foundation.Decimal(sign: .plus, exponent: -2, significand: 1999)`: exact, no parsing at run time.
    private static func decimalLiteral(_ text: String) -> String {
        let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0
        let sign = decimal.sign == .minus ? ".minus" : ".plus"
        return "Foundation.Decimal(sign: \(sign), exponent: \(decimal.exponent), significand: Foundation.Decimal(\(decimal.significand.description)))"
    }

    private static func scalar(_ text: String, type name: String) -> String {
        switch name {
        case "Date":
            let formatter = ISO8601DateFormatter()
            var date = formatter.date(from: text)
            if date == nil {
                formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                date = formatter.date(from: text)
            }
            return "Foundation.Date(timeIntervalSince1970: \(date?.timeIntervalSince1970 ?? 0))"
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
        let words = Names.words(eventName)
        guard let first = words.first else { return eventName }
        return identifier(first.lowercased() + words.dropFirst().joined())
    }
}
