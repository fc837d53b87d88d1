import Foundation

// Factum's own reader of stored payloads. `JSONDecoder` builds a dictionary of every JSON
// object's members before a type reads them; a payload is a handful of fields, so the reader
// below parses the bytes once into a flat list of values and finds a member by comparing the
// bytes of its key. It is used only where its result cannot differ from `JSONDecoder`'s:
//
// - it reads strict JSON (RFC 8259) and refuses anything it is not sure of: a number that needs
//   converting (`1.0` for an `Int`), a duplicated key that a type asks for, a surrogate escape,
//   invalid UTF-8, nesting deeper than 256, a special encoding it does not know;
// - every refusal, and every error, is answered by decoding the same bytes with `JSONDecoder`,
//   so a payload that `JSONDecoder` would reject still fails with `JSONDecoder`'s own error, and
//   one the reader is unsure of is decoded exactly as before;
// - it is used only by `EventCoding.decoder()`, and only while that decoder keeps the payload
//   conventions (see `EventPayloadDecoder`); Foundation's special encodings of `Date` (the
//   conventions' ISO 8601), `Data` (Base64), `URL` (a string) and `Decimal` (a number) are
//   read as `JSONDecoder` reads them.

/// One JSON value in document order. Containers are followed by their contents; an object's
/// contents are key, value, key, value… `next` is the index of the value after this one and
/// everything inside it.
struct PayloadValue {
    enum Kind: UInt8 {
        case object, array, string, escapedString, number, integer, `true`, `false`, null
    }

    var kind: Kind
    /// For strings, the bytes between the quotes; for numbers, the number's bytes.
    var start: Int32
    var end: Int32
    var next: Int32
    /// Members of an object, elements of an array.
    var count: Int32
}

/// Why the reader stopped: never shown, since `JSONDecoder` then decodes the payload again.
struct PayloadReaderRefusal: Error {}

/// A payload parsed into values.
final class PayloadTape {
    let bytes: [UInt8]
    private(set) var values: [PayloadValue] = []

    /// The deepest nesting read; `JSONDecoder` allows 512, so anything it refuses, this refuses.
    static let maximumDepth = 256

    init(_ data: Data) throws {
        // Offsets are 32-bit: a payload of 2 GB or more is left to JSONDecoder.
        guard data.count < Int(Int32.max) else { throw PayloadReaderRefusal() }
        bytes = [UInt8](data)
        values.reserveCapacity(bytes.count / 6 + 4)
        try bytes.withUnsafeBufferPointer { buffer in
            var position = 0
            try parseValue(buffer, &position, depth: 0)
            skipSpace(buffer, &position)
            guard position == buffer.count else { throw PayloadReaderRefusal() }
        }
    }

    private func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int) {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private func parseValue(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, depth: Int) throws {
        skipSpace(bytes, &position)
        guard position < bytes.count else { throw PayloadReaderRefusal() }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            try parseContainer(bytes, &position, depth: depth, kind: .object, closing: UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            try parseContainer(bytes, &position, depth: depth, kind: .array, closing: UInt8(ascii: "]"))
        case UInt8(ascii: "\""):
            try parseString(bytes, &position)
        case UInt8(ascii: "t"):
            try parseLiteral(bytes, &position, "true", .true)
        case UInt8(ascii: "f"):
            try parseLiteral(bytes, &position, "false", .false)
        case UInt8(ascii: "n"):
            try parseLiteral(bytes, &position, "null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try parseNumber(bytes, &position)
        default:
            throw PayloadReaderRefusal()
        }
    }

    private func parseContainer(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, depth: Int, kind: PayloadValue.Kind, closing: UInt8) throws {
        guard depth < Self.maximumDepth else { throw PayloadReaderRefusal() }
        let index = values.count
        values.append(PayloadValue(kind: kind, start: Int32(position), end: 0, next: 0, count: 0))
        position += 1
        var count: Int32 = 0
        skipSpace(bytes, &position)
        if position < bytes.count, bytes[position] == closing {
            position += 1
        } else {
            while true {
                if kind == .object {
                    skipSpace(bytes, &position)
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw PayloadReaderRefusal() }
                    try parseString(bytes, &position)
                    skipSpace(bytes, &position)
                    guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw PayloadReaderRefusal() }
                    position += 1
                }
                try parseValue(bytes, &position, depth: depth + 1)
                count += 1
                skipSpace(bytes, &position)
                guard position < bytes.count else { throw PayloadReaderRefusal() }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == closing {
                    position += 1
                    break
                } else {
                    throw PayloadReaderRefusal()
                }
            }
        }
        values[index].end = Int32(position)
        values[index].next = Int32(values.count)
        values[index].count = count
    }

    private func parseString(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int) throws {
        let start = position + 1
        var cursor = start
        var escaped = false
        var nonASCII = false
        while true {
            guard cursor < bytes.count else { throw PayloadReaderRefusal() }
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                cursor += 2
                continue
            }
            if byte < 0x20 { throw PayloadReaderRefusal() }
            if byte >= 0x80 { nonASCII = true }
            cursor += 1
        }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<cursor])
        // (`transcode` rather than `String(validating:)`, which needs macOS 15.)
        if nonASCII, transcode(raw.makeIterator(), from: UTF8.self, to: UTF32.self, stoppingOnError: true, into: { _ in }) {
            throw PayloadReaderRefusal()
        }
        // An escape that does not decode makes the whole payload invalid, even in a member
        // that no type reads.
        if escaped { _ = try Self.unescape(raw) }
        // A string's `count` is 1 when it is not all ASCII.
        values.append(PayloadValue(kind: escaped ? .escapedString : .string, start: Int32(start), end: Int32(cursor), next: Int32(values.count + 1), count: nonASCII ? 1 : 0))
        position = cursor + 1
    }

    private func parseLiteral(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ literal: StaticString, _ kind: PayloadValue.Kind) throws {
        let length = literal.utf8CodeUnitCount
        guard position + length <= bytes.count else { throw PayloadReaderRefusal() }
        for offset in 0..<length where bytes[position + offset] != literal.utf8Start[offset] {
            throw PayloadReaderRefusal()
        }
        values.append(PayloadValue(kind: kind, start: Int32(position), end: Int32(position + length), next: Int32(values.count + 1), count: 0))
        position += length
    }

    /// `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`
    private func parseNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int) throws {
        let start = position
        var cursor = position
        func digits() -> Int {
            let first = cursor
            while cursor < bytes.count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") { cursor += 1 }
            return cursor - first
        }
        if bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
        guard cursor < bytes.count else { throw PayloadReaderRefusal() }
        if bytes[cursor] == UInt8(ascii: "0") {
            cursor += 1
        } else {
            guard digits() > 0 else { throw PayloadReaderRefusal() }
        }
        var integer = true
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") {
            integer = false
            cursor += 1
            guard digits() > 0 else { throw PayloadReaderRefusal() }
        }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "e") || bytes[cursor] == UInt8(ascii: "E") {
            integer = false
            cursor += 1
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
            guard digits() > 0 else { throw PayloadReaderRefusal() }
        }
        values.append(PayloadValue(kind: integer ? .integer : .number, start: Int32(start), end: Int32(cursor), next: Int32(values.count + 1), count: 0))
        position = cursor
    }

    /// The UTF-8 of a string with escapes; surrogate escapes are refused.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) throws -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        var cursor = 0
        while cursor < raw.count {
            let byte = raw[cursor]
            guard byte == UInt8(ascii: "\\") else {
                result.append(byte)
                cursor += 1
                continue
            }
            guard cursor + 1 < raw.count else { throw PayloadReaderRefusal() }
            switch raw[cursor + 1] {
            case UInt8(ascii: "\""): result.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): result.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): result.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): result.append(0x08)
            case UInt8(ascii: "f"): result.append(0x0C)
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "r"): result.append(0x0D)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "u"):
                guard cursor + 6 <= raw.count else { throw PayloadReaderRefusal() }
                var value: UInt32 = 0
                for offset in 2..<6 {
                    let digit = raw[cursor + offset]
                    switch digit {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(digit - UInt8(ascii: "0"))
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(digit - UInt8(ascii: "a") + 10)
                    case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt32(digit - UInt8(ascii: "A") + 10)
                    default: throw PayloadReaderRefusal()
                    }
                }
                guard let scalar = Unicode.Scalar(value) else { throw PayloadReaderRefusal() }
                result.append(contentsOf: UTF8.encode(scalar)!)
                cursor += 6
                continue
            default:
                throw PayloadReaderRefusal()
            }
            cursor += 2
        }
        return result
    }
}

/// Reads Decodable types from a `PayloadTape`, one value at a time.
final class PayloadReader: Decoder {
    let tape: PayloadTape
    /// The value being read.
    private var index = 0
    private var path: [any CodingKey] = []
    private let userInfoSource: JSONDecoder

    var codingPath: [any CodingKey] { path }
    var userInfo: [CodingUserInfoKey: Any] { userInfoSource.userInfo }

    private init(tape: PayloadTape, userInfoSource: JSONDecoder) {
        self.tape = tape
        self.userInfoSource = userInfoSource
    }

    /// Decodes a whole payload, or throws `PayloadReaderRefusal` for `JSONDecoder` to decide.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, userInfoSource: JSONDecoder) throws -> T {
        let reader = PayloadReader(tape: try PayloadTape(data), userInfoSource: userInfoSource)
        return try reader.decode(type, at: 0, key: nil)
    }

    func value(_ index: Int) -> PayloadValue {
        tape.values[index]
    }

    func decode<T: Decodable>(_ type: T.Type, at index: Int, key: (any CodingKey)?) throws -> T {
        // Foundation's types that JSONDecoder reads its own way, not through their Codable.
        if T.self == Date.self {
            guard let date = EventCoding.date(from: try string(at: index)) else { throw PayloadReaderRefusal() }
            return date as! T
        }
        if T.self == Decimal.self {
            let number = value(index)
            guard number.kind == .integer || number.kind == .number,
                  let decimal = Decimal(string: text(number), locale: Locale(identifier: "en_US_POSIX")) else { throw PayloadReaderRefusal() }
            return decimal as! T
        }
        if T.self == URL.self {
            guard let url = URL(string: try string(at: index)) else { throw PayloadReaderRefusal() }
            return url as! T
        }
        if T.self == Data.self {
            guard let data = Data(base64Encoded: try string(at: index)) else { throw PayloadReaderRefusal() }
            return data as! T
        }
        let saved = self.index
        self.index = index
        if let key { path.append(key) }
        defer {
            self.index = saved
            if key != nil { path.removeLast() }
        }
        return try T(from: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try PayloadKeyedContainer<Key>(reader: self, object: index, codingPath: path))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try PayloadUnkeyedContainer(reader: self, array: index, codingPath: path)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        PayloadSingleValueContainer(reader: self, index: index, codingPath: path)
    }

    // MARK: Scalars

    private func text(_ value: PayloadValue) -> String {
        tape.bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(value.start)..<Int(value.end)]), as: UTF8.self) }
    }

    func isNull(at index: Int) -> Bool {
        value(index).kind == .null
    }

    func string(at index: Int) throws -> String {
        let value = value(index)
        switch value.kind {
        case .string:
            // Validated as UTF-8 when parsed.
            return text(value)
        case .escapedString:
            let bytes = try tape.bytes.withUnsafeBufferPointer { try PayloadTape.unescape(UnsafeBufferPointer(rebasing: $0[Int(value.start)..<Int(value.end)])) }
            return String(decoding: bytes, as: UTF8.self)
        default:
            throw PayloadReaderRefusal()
        }
    }

    func bool(at index: Int) throws -> Bool {
        switch value(index).kind {
        case .true: return true
        case .false: return false
        default: throw PayloadReaderRefusal()
        }
    }

    /// Digits only: anything `JSONDecoder` would convert (`1.0`, `1e2`) is left to it.
    func integer<T: FixedWidthInteger>(_: T.Type, at index: Int) throws -> T {
        let value = value(index)
        guard value.kind == .integer else { throw PayloadReaderRefusal() }
        return try tape.bytes.withUnsafeBufferPointer { bytes in
            var cursor = Int(value.start)
            let end = Int(value.end)
            let negative = bytes[cursor] == UInt8(ascii: "-")
            if negative { cursor += 1 }
            var result: T = 0
            while cursor < end {
                let digit = T(bytes[cursor] &- UInt8(ascii: "0"))
                let (shifted, overflow) = result.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                guard !overflow, !overflow2 else { throw PayloadReaderRefusal() }
                result = next
                cursor += 1
            }
            return result
        }
    }

    func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_: T.Type, at index: Int) throws -> T {
        let value = value(index)
        guard value.kind == .integer || value.kind == .number, let result = T(text(value)), result.isFinite else { throw PayloadReaderRefusal() }
        // JSONDecoder refuses a number too small for the type, which parsing rounds to zero, and
        // some zeros with an exponent (`0e5`, not `0e-5`); subnormals and zeros written with an
        // exponent or a digit other than 0 are left to it.
        if !result.isNormal {
            guard result.isZero else { throw PayloadReaderRefusal() }
            try tape.bytes.withUnsafeBufferPointer { bytes in
                for byte in bytes[Int(value.start)..<Int(value.end)] {
                    if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { throw PayloadReaderRefusal() }
                    if byte >= UInt8(ascii: "1"), byte <= UInt8(ascii: "9") { throw PayloadReaderRefusal() }
                }
            }
        }
        return result
    }

    /// Calls `body` with the key of each of an object's members, in order; its value follows it.
    func forEachKey(in object: Int, _ body: (Int) throws -> Void) rethrows {
        var key = object + 1
        for _ in 0..<tape.values[object].count {
            try body(key)
            key = Int(tape.values[key + 1].next)
        }
    }

    /// The value of an object's member, nil when it has none; a key given twice is refused.
    /// Keys match as Swift strings do (`JSONDecoder` looks them up in a dictionary), by
    /// canonical equivalence: "\u{212A}" (the Kelvin sign) is "K". Two ASCII keys are
    /// equivalent only when their bytes are equal, so those are compared byte by byte.
    func member(named name: String, in object: Int) throws -> Int? {
        var found: Int?
        let nameUTF8 = name.utf8
        let length = nameUTF8.count
        let nameIsASCII = nameUTF8.allSatisfy { $0 < 0x80 }
        try tape.bytes.withUnsafeBufferPointer { bytes in
            try forEachKey(in: object) { index in
                let key = tape.values[index]
                let matches: Bool
                if key.kind == .string, key.count == 0, nameIsASCII {
                    matches = Int(key.end - key.start) == length
                        && nameUTF8.elementsEqual(UnsafeBufferPointer(rebasing: bytes[Int(key.start)..<Int(key.end)]))
                } else {
                    matches = try string(at: index) == name
                }
                if matches {
                    if found != nil { throw PayloadReaderRefusal() }
                    found = index + 1
                }
            }
        }
        return found
    }
}

struct PayloadKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: PayloadReader
    let object: Int
    let codingPath: [any CodingKey]

    /// For a large object (a dictionary of many entries), its members by key, so that reading
    /// all of them is not quadratic; -1 marks a key given twice.
    private let table: [String: Int]?

    init(reader: PayloadReader, object: Int, codingPath: [any CodingKey]) throws {
        let value = reader.value(object)
        guard value.kind == .object else { throw PayloadReaderRefusal() }
        self.reader = reader
        self.object = object
        self.codingPath = codingPath
        if value.count > 16 {
            var table: [String: Int] = [:]
            table.reserveCapacity(Int(value.count))
            try reader.forEachKey(in: object) { key in
                let name = try reader.string(at: key)
                table[name] = table[name] == nil ? key + 1 : -1
            }
            self.table = table
        } else {
            table = nil
        }
    }

    /// The value of the member named by `key`, nil when there is none.
    private func member(_ key: Key) throws -> Int? {
        guard let table else { return try reader.member(named: key.stringValue, in: object) }
        guard let index = table[key.stringValue] else { return nil }
        guard index >= 0 else { throw PayloadReaderRefusal() }
        return index
    }

    var allKeys: [Key] {
        var keys: [Key] = []
        var names = Set<String>()
        reader.forEachKey(in: object) { index in
            // A key given twice: the member lookup refuses it when it is read.
            if let name = try? reader.string(at: index), names.insert(name).inserted, let key = Key(stringValue: name) {
                keys.append(key)
            }
        }
        return keys
    }

    /// A key given twice is there: reading it then refuses the payload.
    func contains(_ key: Key) -> Bool {
        do { return try member(key) != nil } catch { return true }
    }

    /// The value of a member that is there and not null.
    private func present(_ key: Key) throws -> Int? {
        guard let index = try member(key), !reader.isNull(at: index) else { return nil }
        return index
    }

    private func find(_ key: Key) throws -> Int {
        guard let index = try member(key) else { throw PayloadReaderRefusal() }
        return index
    }

    func decodeNil(forKey key: Key) throws -> Bool { reader.isNull(at: try find(key)) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try reader.bool(at: find(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try reader.string(at: find(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try reader.floatingPoint(type, at: find(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try reader.floatingPoint(type, at: find(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try reader.integer(type, at: find(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try reader.integer(type, at: find(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try reader.integer(type, at: find(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try reader.integer(type, at: find(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try reader.integer(type, at: find(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try reader.integer(type, at: find(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try reader.integer(type, at: find(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try reader.integer(type, at: find(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try reader.integer(type, at: find(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try reader.integer(type, at: find(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try reader.decode(type, at: find(key), key: key) }

    // A missing key or null is nil: one lookup instead of the default's three, and a key given
    // twice is refused (the default asks `contains`, which cannot throw).
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key).map { try reader.bool(at: $0) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key).map { try reader.string(at: $0) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key).map { try reader.floatingPoint(type, at: $0) } }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present(key).map { try reader.floatingPoint(type, at: $0) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present(key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present(key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present(key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present(key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present(key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present(key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present(key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present(key).map { try reader.integer(type, at: $0) } }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key).map { try reader.decode(type, at: $0, key: key) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try PayloadKeyedContainer<NestedKey>(reader: reader, object: find(key), codingPath: codingPath + [key]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try PayloadUnkeyedContainer(reader: reader, array: find(key), codingPath: codingPath + [key])
    }

    func superDecoder() throws -> any Decoder { throw PayloadReaderRefusal() }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw PayloadReaderRefusal() }
}

struct PayloadUnkeyedContainer: UnkeyedDecodingContainer {
    let reader: PayloadReader
    let codingPath: [any CodingKey]
    let count: Int?
    private(set) var currentIndex = 0
    /// The value of the next element.
    private var position: Int

    init(reader: PayloadReader, array: Int, codingPath: [any CodingKey]) throws {
        let value = reader.value(array)
        guard value.kind == .array else { throw PayloadReaderRefusal() }
        self.reader = reader
        self.codingPath = codingPath
        count = Int(value.count)
        position = array + 1
    }

    var isAtEnd: Bool { currentIndex >= count! }

    private mutating func next() throws -> Int {
        guard !isAtEnd else { throw PayloadReaderRefusal() }
        let index = position
        position = Int(reader.value(index).next)
        currentIndex += 1
        return index
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw PayloadReaderRefusal() }
        guard reader.isNull(at: position) else { return false }
        _ = try next()
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try reader.bool(at: next()) }
    mutating func decode(_ type: String.Type) throws -> String { try reader.string(at: next()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try reader.floatingPoint(type, at: next()) }
    mutating func decode(_ type: Float.Type) throws -> Float { try reader.floatingPoint(type, at: next()) }
    mutating func decode(_ type: Int.Type) throws -> Int { try reader.integer(type, at: next()) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(type, at: next()) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(type, at: next()) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(type, at: next()) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(type, at: next()) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(type, at: next()) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(type, at: next()) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(type, at: next()) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(type, at: next()) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(type, at: next()) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let key = PayloadIndexKey(intValue: currentIndex)
        return try reader.decode(type, at: next(), key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let key = PayloadIndexKey(intValue: currentIndex)
        return KeyedDecodingContainer(try PayloadKeyedContainer<NestedKey>(reader: reader, object: next(), codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let key = PayloadIndexKey(intValue: currentIndex)
        return try PayloadUnkeyedContainer(reader: reader, array: next(), codingPath: codingPath + [key])
    }

    mutating func superDecoder() throws -> any Decoder { throw PayloadReaderRefusal() }
}

struct PayloadSingleValueContainer: SingleValueDecodingContainer {
    let reader: PayloadReader
    let index: Int
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { reader.isNull(at: index) }
    func decode(_ type: Bool.Type) throws -> Bool { try reader.bool(at: index) }
    func decode(_ type: String.Type) throws -> String { try reader.string(at: index) }
    func decode(_ type: Double.Type) throws -> Double { try reader.floatingPoint(type, at: index) }
    func decode(_ type: Float.Type) throws -> Float { try reader.floatingPoint(type, at: index) }
    func decode(_ type: Int.Type) throws -> Int { try reader.integer(type, at: index) }
    func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(type, at: index) }
    func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(type, at: index) }
    func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(type, at: index) }
    func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(type, at: index) }
    func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(type, at: index) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(type, at: index) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(type, at: index) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(type, at: index) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(type, at: index) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decode(type, at: index, key: nil) }
}

struct PayloadIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
