extension Rule {
    public static let lockInvalid = Rule(
        id: "lock-invalid",
        severity: .error,
        category: .evolution,
        summary: "A lock file that cannot be read as a lock.",
        rationale: "Without a readable lock, published shapes cannot be checked. Restore it from version control; do not edit it by hand."
    )
}
