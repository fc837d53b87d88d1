extension Rule {
    public static let eventPastTense = Rule(
        id: "event-past-tense",
        severity: .error,
        category: .naming,
        summary: "An event name states a fact that happened, in the past tense (`DishPrepared`, not `StartCooking`).",
        rationale: "Events are facts: they have happened and cannot be refused. A name in the imperative (`AddItemToCart`) or a state (`TakeoutServerReady`) reads as a command or a snapshot and invites treating events as requests.",
        triggering: [
            namingExample(event: "StartCooking"),
            namingExample(event: "AddItemToCart"),
            namingExample(event: "TakeoutServerReady"),
            namingExample(event: "SetPaidOrderStatus"),
            namingExample(event: "MarkInvoiceAsPaid"),
            namingExample(event: "SendOrderCreatedEmail"),
            namingExample(event: "ResetPassword"),
        ],
        passing: [
            namingExample(event: "DishPrepared"),
            namingExample(event: "ItemAddedToCart"),
            namingExample(event: "KitchenOpened"),
            namingExample(event: "DishAddedToMenu"),
            namingExample(event: "MoneyWithdrawn"),
            namingExample(event: "PasswordReset"),
            namingExample(event: "CartCheckedOut"),
            namingExample(event: "OrderStatusChangedToPaid"),
            namingExample(event: "URLShortened"),
            namingExample(event: "OAuth2TokenIssued"),
            namingExample(event: "SpeedLimitExceeded"),
        ]
    )
}

extension NamingLint {
    static func eventPastTense(_ event: WrittenEvent, verdict: PastTense.Verdict, in path: String, into sink: inout FindingSink) {
        guard !verdict.isFact else { return }
        let example = verdict.proposal.map { "e.g. '\($0)'" } ?? "e.g. 'DishPrepared' rather than 'PrepareDish'"
        sink.report(.eventPastTense, in: path, at: event.mark, "event name '\(event.name)' is not in the past tense; name the fact that happened, \(example)")
    }
}

/// Judges whether an event name states a past fact, and proposes a rewrite when it does not.
///
/// A name is a fact when a past form (regular -ed, irregular, or an unchanged form such as
/// `Reset` when it does not open the name) stands in predicate position: last, or followed by a
/// preposition, a particle or an adverb (`ItemAddedToCart`, `UserLoggedIn`), and not after
/// `As` or `To` (`MarkInvoiceAsPaid`). A participle before a noun is an adjective
/// (`SendOrderCreatedEmail`). A name that opens with a verb taking an object and a complement
/// (`Mark`, `Set`, `Make`, `Send`) is a command whatever follows (`MarkDrinksServed`), except in
/// the two-word form `SetCompleted`, where the verb is a noun. Other verbs opening a name are
/// read as nouns when a fact follows (`StartDateChanged`, `OrderPlaced`).
public struct PastTense: Sendable {
    public var allowed: Set<String>
    public var denied: Set<String>

    public init(allowed: Set<String> = [], denied: Set<String> = []) {
        self.allowed = Set(allowed.map { $0.lowercased() })
        self.denied = Set(denied.map { $0.lowercased() })
    }

    public struct Verdict: Hashable, Sendable {
        public var isFact: Bool
        public var proposal: String?
    }

    public func judge(_ name: String) -> Verdict {
        judge(words: Names.words(name))
    }

    /// Judges a name already split into words.
    public func judge(words original: [String]) -> Verdict {
        var words = original
        while words.count > 1, let last = words.last, Self.isTrailingNoise(last) { words.removeLast() }
        // `OrderStartedDomainEvent`, `OrderPaidIntegrationEvent`: the words before `Event` too.
        if words.count > 2, original.last == "Event", let last = words.last, ["Domain", "Integration", "Public", "Private"].contains(last) {
            words.removeLast()
        }
        let lower = words.map(Self.letters)
        if lower.contains(where: denied.contains) {
            return Verdict(isFact: false, proposal: proposal(words, lower))
        }
        let predicate = lower.indices.filter { isPast(lower[$0], at: $0) && isPredicatePosition($0, lower) }
        let opensWithVerb = lower.first.map { EnglishVerbs.isBaseVerb($0) && !isPast($0, at: 0) && !allowed.contains($0) } ?? false
        if let first = lower.first, EnglishVerbs.complementVerbs.contains(first), opensWithVerb {
            // `MarkDrinksServed`, `SetOrderShipped`: the participle completes the command's object.
            if lower.count == 2, predicate == [1] { return Verdict(isFact: true, proposal: nil) }
            return Verdict(isFact: false, proposal: proposal(words, lower))
        }
        // `PlaceBid`, `RaiseBid`: after an opening verb, a form such as `Bid` that is its own
        // past is the verb's object, not the fact.
        if opensWithVerb, predicate.allSatisfy({ EnglishVerbs.unchangedPast.contains(lower[$0]) }) {
            return Verdict(isFact: false, proposal: proposal(words, lower))
        }
        if !predicate.isEmpty { return Verdict(isFact: true, proposal: nil) }
        // A past form followed by its object, where nothing in the name is an imperative verb:
        // first (`ReachedLimit`, `PassedInspection`), or after its subject (`PlayerJoinedMatch`,
        // `UserChangedPassword`). After an opening verb it is an adjective of the verb's object
        // (`ListArchivedProjects`, `SendOrderCreatedEmail`).
        let past = lower.indices.filter { isPast(lower[$0], at: $0) && !($0 > 0 && ["as", "to", "be", "being"].contains(lower[$0 - 1])) }
        if lower.count >= 2, past.contains(0) || (!opensWithVerb && past.contains { $0 >= 1 && $0 + 1 < lower.count }) {
            return Verdict(isFact: true, proposal: nil)
        }
        return Verdict(isFact: false, proposal: proposal(words, lower))
    }

    func isPast(_ word: String, at position: Int) -> Bool {
        if denied.contains(word) { return false }
        if allowed.contains(word) { return true }
        if EnglishVerbs.irregularPast[word] != nil || EnglishVerbs.isPrefixedIrregularPast(word) { return true }
        if EnglishVerbs.unchangedPast.contains(word) { return position > 0 }
        guard word.hasSuffix("ed"), word.count > 3, !EnglishVerbs.edNonVerbs.contains(word) else { return false }
        if word.hasSuffix("eed") { return EnglishVerbs.eedPast.contains(word) }
        return true
    }

    private func isPredicatePosition(_ index: Int, _ words: [String]) -> Bool {
        if index > 0, ["as", "to", "be", "being"].contains(words[index - 1]) { return false }
        guard index + 1 < words.count else { return true }
        let next = words[index + 1]
        return EnglishVerbs.prepositions.contains(next) || EnglishVerbs.particles.contains(next) || (next.hasSuffix("ly") && next.count > 3)
    }

    /// A rewrite of the name as a fact, from its own words: the opening verb becomes a
    /// participle after its object (`StartCooking` → `CookingStarted`, `AddItemToCart` →
    /// `ItemAddedToCart`, `BorrowBook` → `BookBorrowed`, `LendBook` → `BookLent`); a state
    /// becomes the change into it (`TakeoutServerReady` → `TakeoutServerBecameReady`). Nil when
    /// the name gives nothing to build on.
    private func proposal(_ words: [String], _ lower: [String]) -> String? {
        guard words.count >= 2, let verb = lower.first, !isPast(verb, at: 0) else { return nil }
        // A noun, then a verb that is no noun, in the present (`PaymentReceive`, `ItemAdd`,
        // `BookBorrow`): the same order, the verb in the past (`BookBorrowed`). The first word
        // is read as the noun when it is no verb, looks like a noun, or is a verb that is an
        // everyday noun too (`Book`, `Order`) while the last is not (`Borrow`, `Cancel`).
        if let last = lower.last, EnglishVerbs.isBaseVerb(last), !EnglishVerbs.looksLikeNoun(last), !EnglishVerbs.nounsToo.contains(last),
           !EnglishVerbs.isBaseVerb(verb) || EnglishVerbs.looksLikeNoun(verb) || EnglishVerbs.nounsToo.contains(verb) {
            return (words.dropLast() + [EnglishVerbs.participle(of: words[words.count - 1])]).joined()
        }
        if let last = lower.last, EnglishVerbs.particles.contains(last), !EnglishVerbs.isBaseVerb(verb), !EnglishVerbs.prepositions.contains(last) {
            return (words.dropLast() + ["Became", words[words.count - 1]]).joined()
        }
        guard EnglishVerbs.isBaseVerb(verb) || !EnglishVerbs.looksLikeNoun(verb) else { return nil }
        let rest = Array(words.dropFirst())
        let split = rest.indices.dropFirst().first { EnglishVerbs.prepositions.contains(Self.letters(rest[$0])) } ?? rest.count
        let object = rest[..<split]
        let tail = rest[split...]
        return (object + [EnglishVerbs.participle(of: words[0])] + tail).joined()
    }

    /// Words after the fact that do not change it: an `Event` suffix, a version tag (`V2`).
    private static func isTrailingNoise(_ word: String) -> Bool {
        if word == "Event" || word == "Events" { return true }
        let bytes = Array(word.utf8)
        return bytes.count >= 2 && bytes[0] == UInt8(ascii: "V") && bytes.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// The word's ASCII letters, lowercased (`Auth2` → `auth`).
    private static func letters(_ word: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(word.utf8.count)
        for byte in word.utf8 {
            if byte >= 65 && byte <= 90 {
                bytes.append(byte + 32)
            } else if byte >= 97 && byte <= 122 {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
