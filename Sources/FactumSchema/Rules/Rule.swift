/// A rule: one kind of finding, with a stable id, a default severity, the reason it exists,
/// and examples that must and must not trigger it.
///
/// Rule ids are a user-facing API (configs and suppressions name them): never rename one.
/// The examples are whole domain files; the test suite lints each one, and `docs/rules.md`
/// is generated from them. In a triggering example, the line that must carry the finding ends
/// with the comment `# <-`.
public struct Rule: Hashable, Sendable {
    public enum Category: String, Hashable, Sendable, CaseIterable {
        case loading = "Loading and validation"
        case naming = "Naming"
        case evolution = "Evolution"
    }

    /// A domain file before and after a change: the tests lock `before` and lint `after`
    /// against that lock. In a triggering change, the line of `after` that must carry the
    /// finding ends with `# <-`.
    public struct Change: Hashable, Sendable {
        public let before: String
        public let after: String

        public init(before: String, after: String) {
            self.before = before
            self.after = after
        }
    }

    public let id: String
    public let severity: Severity
    public let category: Category
    /// One line: what the rule finds.
    public let summary: String
    /// Why it matters.
    public let rationale: String
    /// Domain files in which the rule must report, each at the line marked `# <-`.
    public let triggering: [String]
    /// Domain files in which the rule must stay silent.
    public let passing: [String]
    /// For evolution rules: changes that must trigger the rule.
    public let triggeringChanges: [Change]
    /// For evolution rules: changes that must not.
    public let passingChanges: [Change]

    public init(
        id: String,
        severity: Severity,
        category: Category,
        summary: String,
        rationale: String,
        triggering: [String] = [],
        passing: [String] = [],
        triggeringChanges: [Change] = [],
        passingChanges: [Change] = []
    ) {
        self.id = id
        self.severity = severity
        self.category = category
        self.summary = summary
        self.rationale = rationale
        self.triggering = triggering
        self.passing = passing
        self.triggeringChanges = triggeringChanges
        self.passingChanges = passingChanges
    }
}

extension Rule {
    /// Every rule the tool knows, in documentation order.
    public static let all: [Rule] = [
        .yamlSyntax, .duplicateKey, .unknownKey, .missingKey, .invalidValue, .unknownType, .projectionUnknownEvent,
        .invalidName, .reservedName, .duplicateName, .invalidEventID, .duplicateEventID,
        .invalidDefault, .generationHistory, .fileUnreadable,
        .eventPastTense, .eventNameSuffix, .eventCRUDVerb, .eventEntityCRUD, .fieldNameCase,
        .generationModified, .eventRemoved, .generationRemoved, .generationLowered, .eventIDChanged,
        .enumCaseRemoved, .visibilityNarrowed, .publicContractBroken, .lockOutdated, .lockInvalid,
        .lockRewritten, .baselineUnpublished, .eventRenamed, .projectionVersionUnchanged,
    ]

    private static let byID: [String: Rule] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    /// The rule with this id, if there is one.
    public static func named(_ id: String) -> Rule? { byID[id] }
}
