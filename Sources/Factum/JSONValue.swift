import Foundation

/// A JSON document as filter selectors read it: payloads and metadata are parsed once, with
/// Foundation's `JSONSerialization`, into this tree.
///
/// Object keys are compared by their UTF-8 bytes, as PostgreSQL compares them (not by Swift's
/// canonical equivalence); a key written twice keeps its last value, as `jsonb` does. Numbers
/// are integers when they fit `Int64` and `Double`s otherwise.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// Parses JSON text, or nil when it is not JSON that this type can hold (a number beyond
    /// `Double`'s range, invalid UTF-8, nesting deeper than Foundation's parser allows), or
    /// not JSON that PostgreSQL's `jsonb` can hold (a string or key with the NUL character,
    /// `\u0000`): such a payload matches no path, on every store alike.
    public init?(parsing data: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        self.init(foundation: object)
    }

    init?(foundation object: Any) {
        switch object {
        case is NSNull:
            self = .null
        case let text as String:
            guard !text.utf8.contains(0) else { return nil }
            self = .string(text)
        case let number as NSNumber:
            let kind = String(cString: number.objCType)
            if kind == "c" || String(describing: type(of: number)).contains("Boolean") {
                self = .bool(number.boolValue)
            } else if number is NSDecimalNumber, number.decimalValue == Decimal(number.int64Value) {
                // Foundation reads a long number (Int64's edges, 9007199254740993.0) as a
                // decimal: kept exact when it is a whole number that fits Int64, as
                // PostgreSQL's numeric keeps it.
                self = .number(.integer(number.int64Value))
            } else if number is NSDecimalNumber {
                // Its own doubleValue is not the nearest Double (0.30000000000000004 reads as
                // 0.3000000000000001); its text, read by Swift, is.
                guard let value = Double(number.description), value.isFinite else { return nil }
                self = .number(.double(value))
            } else if kind == "d" || kind == "f" {
                self = .number(.double(number.doubleValue))
            } else if kind == "Q", number.uint64Value > UInt64(Int64.max) {
                self = .number(.double(number.doubleValue))
            } else {
                self = .number(.integer(number.int64Value))
            }
        case let items as [Any]:
            var values: [JSONValue] = []
            values.reserveCapacity(items.count)
            for item in items {
                guard let value = JSONValue(foundation: item) else { return nil }
                values.append(value)
            }
            self = .array(values)
        case let members as [String: Any]:
            var result: [JSONMember] = []
            result.reserveCapacity(members.count)
            for (key, item) in members {
                guard !key.utf8.contains(0), let value = JSONValue(foundation: item) else { return nil }
                result.append(JSONMember(key: key, value: value))
            }
            self = .object(result)
        default:
            return nil
        }
    }

    /// The value of the member whose key has these UTF-8 bytes.
    func member(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key.utf8.elementsEqual(key.utf8) }?.value
    }
}

/// One member of a JSON object.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONValue
}

/// A JSON number: exact when it is an integer that fits `Int64`.
public enum JSONNumber: Sendable, Hashable {
    case integer(Int64)
    case double(Double)

    /// The number as a `Double` (an integer beyond 2^53 rounded to the nearest one).
    public var doubleValue: Double {
        switch self {
        case .integer(let value): return Double(value)
        case .double(let value): return value
        }
    }

    /// -1, 0 or 1; integers compare exactly.
    func compare(_ other: JSONNumber) -> Int {
        if case .integer(let a) = self, case .integer(let b) = other { return a < b ? -1 : (a == b ? 0 : 1) }
        let a = doubleValue, b = other.doubleValue
        return a < b ? -1 : (a == b ? 0 : 1)
    }
}
