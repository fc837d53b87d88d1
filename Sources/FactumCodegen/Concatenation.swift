/// The parts joined.
func concat(_ parts: String...) -> String {
    parts.joined()
}

/// The parts joined with `separator` between them.
func concat(_ parts: [String], separator: String) -> String {
    parts.joined(separator: separator)
}
