// The view model builds a dozen lines for every event. String interpolation grows its buffer
// one piece at a time, which at 10,000 events cost more than rendering the file; these measure
// the pieces first and write them once into a string of the right size.
//
// Two ways, one per configuration: a release build copies the bytes itself, the fastest there;
// a debug build (the configuration SwiftPM builds plugin tools in) compiles that generic copying
// without specialization, at several times the cost, so it appends to a reserved `String`
// instead, calling only the standard library's compiled code.

/// The parts joined, with one allocation.
func concat(_ parts: String...) -> String {
    concat(parts, separator: "")
}

/// The parts joined with `separator` between them, with one allocation.
func concat(_ parts: [String], separator: String) -> String {
    guard !parts.isEmpty else { return "" }
    var count = separator.utf8.count * (parts.count - 1)
    var index = 0
    while index < parts.count {
        count += parts[index].utf8.count
        index += 1
    }
    #if DEBUG
    var result = ""
    result.reserveCapacity(count)
    result.append(parts[0])
    index = 1
    while index < parts.count {
        result.append(separator)
        result.append(parts[index])
        index += 1
    }
    return result
    #else
    guard count > 0 else { return "" }
    var separator = separator
    return String(unsafeUninitializedCapacity: count) { buffer in
        var offset = 0
        func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
            (buffer.baseAddress! + offset).initialize(from: source, count: bytes.count)
            offset += bytes.count
        }
        for (index, var part) in parts.enumerated() {
            if index > 0 { separator.withUTF8(copy) }
            part.withUTF8(copy)
        }
        return offset
    }
    #endif
}
