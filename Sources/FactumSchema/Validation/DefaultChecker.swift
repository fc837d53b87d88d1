import Foundation
import FactumYAML
internal import Factum

/// Reads a field's default as a value of the field's type. The type decides what the text
/// means: `no` is the string "no" for a String field and an error for a Bool field.
struct DefaultChecker {
    struct Failure: Error {
        var mark: Mark
        var message: String
    }

    let types: [String: WrittenType]

    func value(_ node: Node, type: TypeReference) -> Result<DefaultValue, Failure> {
        switch type {
        case .optional(let wrapped):
            if node.scalar?.isNull == true { return .success(.null) }
            return value(node, type: wrapped)
        case .array(let element):
            guard let items = node.sequence else {
                return fail(node, "a list default is written as a list, such as []")
            }
            var values: [DefaultValue] = []
            for item in items {
                switch value(item, type: element) {
                case .success(let value): values.append(value)
                case .failure(let failure): return .failure(failure)
                }
            }
            return .success(.array(values))
        case .dictionary(let valueType):
            guard let pairs = node.mapping else {
                return fail(node, "a dictionary default is written as a mapping, such as {}")
            }
            var entries: [DefaultValue.DictionaryEntry] = []
            for pair in pairs {
                guard let key = pair.key.scalar?.text else { return fail(pair.key, "dictionary keys are strings") }
                switch value(pair.value, type: valueType) {
                case .success(let value): entries.append(.init(key: key, value: value))
                case .failure(let failure): return .failure(failure)
                }
            }
            return .success(.dictionary(entries))
        case .named(let name):
            return named(node, name: name)
        }
    }

    private func named(_ node: Node, name: String) -> Result<DefaultValue, Failure> {
        if let declaration = types[name] {
            switch declaration.kind {
            case .structure:
                return fail(node, "a field of struct type '\(name)' cannot have a default; make the field optional ('\(name)?') so that it defaults to nil")
            case .enumeration(let cases):
                guard let text = node.scalar?.text else { return fail(node, "the default is one of the cases of '\(name)'") }
                let names = cases.map(\.name)
                guard names.contains(text) else {
                    return fail(node, "\(quoted(text)) is not a case of '\(name)' (\(names.joined(separator: ", ")))\(suggestion(for: text, among: names))")
                }
                return .success(.enumCase(text))
            }
        }
        guard let scalar = node.scalar else {
            return fail(node, "a default of type \(name) is a single value, not \(node.kindDescription)")
        }
        if scalar.isNull {
            return fail(node, "null is not \(withArticle(name)); make the field optional ('\(name)?') to default to nil")
        }
        let text = scalar.text
        switch name {
        case "String":
            return .success(.string(text))
        case "Bool":
            guard text == "true" || text == "false" else {
                return fail(node, "a Bool default is true or false, not \(quoted(text))")
            }
            return .success(.bool(text == "true"))
        case "Int", "Int64": return integer(node, text, min: Int64.min, max: Int64.max, name)
        case "Int8": return integer(node, text, min: Int64(Int8.min), max: Int64(Int8.max), name)
        case "Int16": return integer(node, text, min: Int64(Int16.min), max: Int64(Int16.max), name)
        case "Int32": return integer(node, text, min: Int64(Int32.min), max: Int64(Int32.max), name)
        case "UInt", "UInt64": return unsigned(node, text, max: UInt64.max, name)
        case "UInt8": return unsigned(node, text, max: UInt64(UInt8.max), name)
        case "UInt16": return unsigned(node, text, max: UInt64(UInt16.max), name)
        case "UInt32": return unsigned(node, text, max: UInt64(UInt32.max), name)
        case "Double":
            guard Self.isNumber(text), let number = Double(text), number.isFinite else { return fail(node, "\(quoted(text)) is not a finite number") }
            return .success(.number(text))
        case "Float":
            guard Self.isNumber(text), let number = Float(text), number.isFinite else { return fail(node, "\(quoted(text)) is not a finite number a Float can hold") }
            return .success(.number(text))
        case "Decimal":
            guard Self.isNumber(text), Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) != nil else { return fail(node, "\(quoted(text)) is not a decimal number a Decimal can hold") }
            guard Self.significantDigits(text) <= 38 else {
                return fail(node, "\(quoted(text)) has more significant digits than the 38 a Decimal holds exactly; round it")
            }
            return .success(.number(text))
        case "Date":
            guard let seconds = ISO8601Timestamp.secondsSince1970(text) else {
                return fail(node, "a Date default is an RFC 3339 date and time with a time zone and at most \(ISO8601Timestamp.maximumFractionDigits) fractional digits, such as 2024-05-01T12:00:00Z or 2024-05-01T14:00:00.250+02:00, not \(quoted(text))")
            }
            return .success(.date(text, secondsSince1970: seconds))
        case "UUID":
            guard Loading.isUUIDText(text) else { return fail(node, "\(quoted(text)) is not a UUID") }
            return .success(.string(text.lowercased()))
        case "URL":
            guard let url = URL(string: text), url.scheme != nil else { return fail(node, "\(quoted(text)) is not an absolute URL") }
            return .success(.string(text))
        case "Data":
            guard Data(base64Encoded: text) != nil else { return fail(node, "a Data default is base64 text, not \(quoted(text))") }
            return .success(.string(text))
        default:
            return fail(node, "type '\(name)' is unknown")
        }
    }

    private func integer(_ node: Node, _ text: String, min: Int64, max: Int64, _ name: String) -> Result<DefaultValue, Failure> {
        guard Self.isInteger(text), let number = Int64(text), number >= min, number <= max else {
            return fail(node, "\(quoted(text)) is not a whole number from \(min) to \(max), as \(name) requires")
        }
        return .success(.integer(String(number)))
    }

    private func unsigned(_ node: Node, _ text: String, max: UInt64, _ name: String) -> Result<DefaultValue, Failure> {
        guard Self.isInteger(text), !text.hasPrefix("-"), let number = UInt64(text.hasPrefix("+") ? String(text.dropFirst()) : text), number <= max else {
            return fail(node, "\(quoted(text)) is not a whole number from 0 to \(max), as \(name) requires")
        }
        return .success(.integer(String(number)))
    }

    /// Decimal digits with an optional sign; no YAML 1.1 octal, hex or underscores.
    static func isInteger(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.utf8.count <= 40 && digits.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// The significant digits of a number's mantissa: leading and trailing zeros not counted.
    static func significantDigits(_ text: String) -> Int {
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }.filter(\.isNumber)
        return mantissa.drop { $0 == "0" }.reversed().drop { $0 == "0" }.count
    }

    /// A decimal number: sign, digits, an optional fraction and exponent.
    static func isNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 64 else { return false }
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        var count = digits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            count += digits()
        }
        guard count > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }

    private func fail(_ node: Node, _ message: String) -> Result<DefaultValue, Failure> {
        .failure(Failure(mark: node.mark, message: message))
    }
}
