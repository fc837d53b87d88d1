extension Rule {
    public static let fileUnreadable = Rule(
        id: "file-unreadable",
        severity: .error,
        category: .loading,
        summary: "A domain file that cannot be read, or is larger than the 16 MiB the tool reads.",
        rationale: "A file that is found but not read must not pass silently.",
        triggering: [],
        passing: []
    )
}
