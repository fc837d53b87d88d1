import FactumYAML

/// Reads type references from their two spellings: Swift text (`"[String: Money]?"`) and the
/// readings YAML gives unquoted Swift collection syntax (`[String]` is a one-item list,
/// `[String: Money]` a list holding a one-pair mapping).
enum TypeReferenceParser {
    /// How deeply collection types may nest.
    static let maximumDepth = 32

    struct Failure: Error {
        var message: String
    }

    static func parse(_ node: Node) -> Result<TypeReference, Failure> {
        parse(node, depth: 0)
    }

    private static func parse(_ node: Node, depth: Int) -> Result<TypeReference, Failure> {
        guard depth <= maximumDepth else {
            return .failure(Failure(message: "the type nests deeper than \(maximumDepth) levels"))
        }
        switch node.content {
        case .scalar(let scalar):
            return parse(scalar.text)
        case .mapping:
            return .failure(Failure(message: "a type is a name such as 'String', or '[T]', '[String: T]' or 'T?'; a mapping here is not a type (to describe the field, use 'type:' inside the field's mapping)"))
        case .sequence(let items):
            guard items.count == 1, let item = items.first else {
                return .failure(Failure(message: "a list type holds exactly one element type, as in '[String]'"))
            }
            if let pairs = item.mapping {
                guard pairs.count == 1, let pair = pairs.first else {
                    return .failure(Failure(message: "a dictionary type is written '[String: T]'"))
                }
                guard case .success(let key) = parse(pair.key, depth: depth + 1), key == .named("String") else {
                    return .failure(Failure(message: "dictionary keys must be String, as in '[String: T]'"))
                }
                return parse(pair.value, depth: depth + 1).map { .dictionary($0) }
            }
            return parse(item, depth: depth + 1).map { .array($0) }
        }
    }

    /// Parses Swift type syntax: `Name`, `[T]`, `[String: T]`, `T?`.
    static func parse(_ text: String) -> Result<TypeReference, Failure> {
        if Names.isIdentifier(text) { return .success(.named(text)) }
        var scanner = Scanner(Array(text.utf8))
        let result = scanner.type(depth: 0)
        switch result {
        case .failure(let failure):
            return .failure(failure)
        case .success(let reference):
            scanner.skipSpaces()
            guard scanner.atEnd else {
                return .failure(Failure(message: "\(quoted(text)) is not a type: unexpected \(scanner.describeCurrent())"))
            }
            return .success(reference)
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        var atEnd: Bool { index >= bytes.count }

        mutating func skipSpaces() {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        }

        func describeCurrent() -> String {
            guard index < bytes.count else { return "end of text" }
            return "'\(String(decoding: [bytes[index]], as: UTF8.self))'"
        }

        mutating func expect(_ byte: UInt8) -> Bool {
            skipSpaces()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func type(depth: Int) -> Result<TypeReference, Failure> {
            guard depth <= TypeReferenceParser.maximumDepth else {
                return .failure(Failure(message: "the type nests deeper than \(TypeReferenceParser.maximumDepth) levels"))
            }
            skipSpaces()
            var base: TypeReference
            if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                index += 1
                let first: TypeReference
                switch type(depth: depth + 1) {
                case .failure(let failure): return .failure(failure)
                case .success(let reference): first = reference
                }
                if expect(UInt8(ascii: ":")) {
                    guard first == .named("String") else {
                        return .failure(Failure(message: "dictionary keys must be String, as in '[String: T]'"))
                    }
                    switch type(depth: depth + 1) {
                    case .failure(let failure): return .failure(failure)
                    case .success(let value): base = .dictionary(value)
                    }
                } else {
                    base = .array(first)
                }
                guard expect(UInt8(ascii: "]")) else {
                    return .failure(Failure(message: "a collection type is missing its closing ']' (found \(describeCurrent()))"))
                }
            } else {
                let start = index
                while index < bytes.count, isIdentifierByte(bytes[index], first: index == start) { index += 1 }
                guard index > start else {
                    return .failure(Failure(message: "expected a type name, found \(describeCurrent()); types are written as in Swift: 'String', '[T]', '[String: T]', 'T?'"))
                }
                base = .named(String(decoding: bytes[start..<index], as: UTF8.self))
                if index < bytes.count, bytes[index] == UInt8(ascii: "<") {
                    return .failure(Failure(message: "generic types are not supported; write '[T]' for arrays, '[String: T]' for dictionaries and 'T?' for optionals"))
                }
            }
            skipSpaces()
            if index < bytes.count, bytes[index] == UInt8(ascii: "?") {
                index += 1
                base = .optional(base)
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: "?") {
                    return .failure(Failure(message: "a double optional ('T??') cannot be told apart from 'T?' in JSON; use 'T?'"))
                }
            }
            return .success(base)
        }

        private func isIdentifierByte(_ byte: UInt8, first: Bool) -> Bool {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"): return true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return !first
            default: return false
            }
        }
    }
}
