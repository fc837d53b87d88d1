/// The small English lexicon the naming rules need: irregular past forms, words ending in -ed
/// that are not past forms, and verbs that open a command.
enum EnglishVerbs {
    /// Irregular simple-past forms and past participles (lowercased), with their base verb.
    static let irregularPast: [String: String] = {
        var past: [String: String] = [:]
        for (base, forms) in irregularTable {
            for form in forms { past[form] = base }
        }
        return past
    }()

    /// The participle of each irregular verb: the first form its table row lists.
    static let irregularParticiples: [String: String] = {
        var participles: [String: String] = [:]
        for (base, forms) in irregularTable where participles[base] == nil {
            participles[base] = forms.first ?? base
        }
        return participles
    }()

    /// Irregular verbs, each with its past participle first and simple past after it; an empty
    /// list means the past forms equal the base form.
    private static let irregularTable: [(String, [String])] = [
            ("arise", ["arisen", "arose"]), ("awake", ["awoken", "awoke"]), ("be", ["been", "was", "were"]),
            ("bear", ["borne", "bore", "born"]), ("beat", ["beaten"]), ("become", ["become", "became"]), ("begin", ["begun", "began"]),
            ("bend", ["bent"]), ("bet", []), ("bind", ["bound"]), ("bid", []), ("bite", ["bitten", "bit"]),
            ("blow", ["blown", "blew"]), ("break", ["broken", "broke"]), ("breed", ["bred"]), ("bring", ["brought"]),
            ("broadcast", []), ("build", ["built"]), ("burn", ["burnt"]), ("buy", ["bought"]), ("catch", ["caught"]),
            ("choose", ["chosen", "chose"]), ("cling", ["clung"]), ("come", ["come", "came"]), ("creep", ["crept"]),
            ("deal", ["dealt"]), ("dig", ["dug"]), ("do", ["done", "did"]), ("draw", ["drawn", "drew"]),
            ("dream", ["dreamt"]), ("drink", ["drunk", "drank"]), ("drive", ["driven", "drove"]), ("eat", ["eaten", "ate"]),
            ("fall", ["fallen", "fell"]), ("feed", ["fed"]), ("feel", ["felt"]), ("fight", ["fought"]), ("find", ["found"]),
            ("flee", ["fled"]), ("fling", ["flung"]), ("fly", ["flown", "flew"]), ("forbid", ["forbidden", "forbade"]),
            ("forecast", []), ("foresee", ["foreseen", "foresaw"]), ("forget", ["forgotten", "forgot"]),
            ("forgive", ["forgiven", "forgave"]), ("freeze", ["frozen", "froze"]), ("get", ["got", "gotten"]),
            ("give", ["given", "gave"]), ("go", ["gone", "went"]), ("grind", ["ground"]), ("grow", ["grown", "grew"]),
            ("hang", ["hung"]), ("have", ["had"]), ("hear", ["heard"]), ("hide", ["hidden", "hid"]),
            ("hold", ["held"]), ("keep", ["kept"]), ("kneel", ["knelt"]), ("know", ["known", "knew"]), ("lay", ["laid"]),
            ("lead", ["led"]), ("lean", ["leant"]), ("leap", ["leapt"]), ("learn", ["learnt"]), ("leave", ["left"]),
            ("lend", ["lent"]), ("lie", ["lain", "lay"]), ("light", ["lit"]), ("lose", ["lost"]), ("make", ["made"]),
            ("mean", ["meant"]), ("meet", ["met"]), ("mistake", ["mistaken", "mistook"]), ("overcome", ["overcome", "overcame"]),
            ("override", ["overridden", "overrode"]), ("overtake", ["overtaken", "overtook"]), ("overthrow", ["overthrown"]),
            ("overwrite", ["overwritten", "overwrote"]), ("pay", ["paid"]), ("prepay", ["prepaid"]), ("prove", ["proven"]),
            ("rebuild", ["rebuilt"]), ("redo", ["redone", "redid"]), ("remake", ["remade"]), ("repay", ["repaid"]),
            ("resell", ["resold"]), ("resend", ["resent"]), ("retake", ["retaken", "retook"]), ("rewrite", ["rewritten", "rewrote"]),
            ("ride", ["ridden", "rode"]), ("ring", ["rung", "rang"]), ("rise", ["risen", "rose"]), ("run", ["run", "ran"]),
            ("say", ["said"]), ("see", ["seen", "saw"]), ("seek", ["sought"]), ("sell", ["sold"]), ("send", ["sent"]),
            ("sew", ["sewn"]), ("shake", ["shaken", "shook"]), ("shine", ["shone"]), ("shoot", ["shot"]),
            ("show", ["shown"]), ("shrink", ["shrunk", "shrank"]), ("sing", ["sung", "sang"]), ("sink", ["sunk", "sank"]),
            ("sit", ["sat"]), ("slay", ["slain", "slew"]), ("sleep", ["slept"]), ("slide", ["slid"]), ("speak", ["spoken", "spoke"]),
            ("spend", ["spent"]), ("spin", ["spun"]), ("spring", ["sprung", "sprang"]), ("stand", ["stood"]),
            ("steal", ["stolen", "stole"]), ("stick", ["stuck"]), ("sting", ["stung"]), ("strike", ["struck", "stricken"]),
            ("string", ["strung"]), ("strive", ["striven", "strove"]), ("swear", ["sworn", "swore"]), ("sweep", ["swept"]),
            ("swim", ["swum", "swam"]), ("swing", ["swung"]), ("take", ["taken", "took"]), ("teach", ["taught"]),
            ("tear", ["torn", "tore"]), ("tell", ["told"]), ("think", ["thought"]), ("throw", ["thrown", "threw"]),
            ("undergo", ["undergone", "underwent"]), ("understand", ["understood"]), ("undertake", ["undertaken", "undertook"]),
            ("undo", ["undone", "undid"]), ("unfreeze", ["unfrozen"]), ("unwind", ["unwound"]), ("uphold", ["upheld"]),
            ("wake", ["woken", "woke"]), ("wear", ["worn", "wore"]), ("weave", ["woven", "wove"]), ("win", ["won"]),
            ("wind", ["wound"]), ("withdraw", ["withdrawn", "withdrew"]), ("withhold", ["withheld"]),
            ("write", ["written", "wrote"]), ("misspell", ["misspelt"]), ("outbid", []), ("spill", ["spilt"]),
            ("dwell", ["dwelt"]), ("upset", []), ("split", []), ("spread", []), ("shut", []), ("quit", []),
            ("hit", []), ("hurt", []), ("let", []), ("cast", []), ("cost", []), ("put", []), ("cut", []),
            ("set", []), ("reset", []), ("read", []), ("preset", []), ("offset", []), ("input", []), ("output", []),
            ("reread", []), ("proofread", []), ("recast", []), ("broadcast", []), ("rerun", []),
            ("outrun", []), ("overrun", []),
    ]

    /// Verbs whose past forms equal the base form. Past only when they do not open the name
    /// (`PasswordReset` is a fact, `ResetPassword` a command).
    static let unchangedPast: Set<String> = [
        "set", "reset", "put", "cut", "read", "reread", "proofread", "hit", "hurt", "let", "cast",
        "recast", "broadcast", "cost", "shut", "split", "spread", "quit", "bet", "bid", "outbid",
        "upset", "preset", "offset", "input", "output", "forecast", "come", "become", "overcome",
        "run", "rerun", "outrun", "overrun",
    ]

    /// Words ending in -ed that are not past forms.
    static let edNonVerbs: Set<String> = [
        "bed", "red", "shed", "sled", "ted", "med", "ped", "ed", "hundred", "sacred", "naked", "wicked",
        "kindred", "hatred", "infrared", "embed", "shred", "seed", "need", "speed", "feed", "weed", "deed",
        "reed", "creed", "greed", "steed", "breed", "bleed", "heed", "proceed", "exceed", "succeed", "indeed",
        "tweed", "seabed", "flowerbed", "hotbed", "roadbed", "airbed", "sickbed", "watershed", "ned", "fed",
    ]

    /// -eed words that are past forms after all.
    static let eedPast: Set<String> = ["freed", "agreed", "disagreed", "decreed", "guaranteed", "refereed", "treed", "kneed"]

    /// Verbs that open a command (`AddItemToCart`, `SetPaidOrderStatus`), lowercased.
    static let commandVerbs: Set<String> = [
        "accept", "activate", "add", "adjust", "allocate", "apply", "approve", "archive", "assign", "attach",
        "authorize", "authorise", "begin", "block", "book", "calculate", "cancel", "capture", "change", "charge",
        "check", "checkout", "claim", "clear", "close", "collect", "complete", "confirm", "connect", "create",
        "deactivate", "decline", "decrease", "delete", "deliver", "deny", "deposit", "detach", "disable",
        "dispatch", "do", "draft", "edit", "enable", "end", "enroll", "execute", "expire", "export", "fail",
        "fetch", "finalize", "finish", "fulfill", "generate", "get", "give", "grant", "handle", "hire", "hold",
        "import", "increase", "increment", "invite", "invoice", "issue", "join", "leave", "link", "load",
        "lock", "log", "login", "logout", "make", "mark", "merge", "modify", "move", "notify", "open", "order",
        "pause", "pay", "perform", "place", "post", "prepare", "process", "publish", "purchase", "push", "put",
        "query", "raise", "rate", "reactivate", "receive", "record", "refund", "register", "reject", "release",
        "reload", "remove", "rename", "renew", "reopen", "replace", "request", "reschedule", "reserve", "reset",
        "resolve", "restore", "resume", "retry", "return", "revoke", "run", "save", "schedule", "select", "sell",
        "send", "set", "ship", "sign", "start", "stop", "store", "submit", "subscribe", "suspend", "switch",
        "take", "terminate", "toggle", "track", "transfer", "trigger", "unassign", "unblock", "unlink", "unlock",
        "unregister", "unsubscribe", "update", "upgrade", "upload", "upsert", "validate", "verify", "void",
        "withdraw", "write", "book", "buy", "rent", "return", "verify", "welcome", "prepare", "cook", "serve",
        "borrow", "donate", "redeem", "waive",
    ]

    /// Verbs of the lexicon that are everyday nouns as well (`Book`, `Order`, `Return`): first in
    /// a two-part name whose last part is a verb only (`BookBorrow`), they are its noun.
    static let nounsToo: Set<String> = [
        "book", "order", "record", "check", "post", "issue", "charge", "claim", "deposit", "draft", "invoice",
        "log", "rate", "request", "return", "ship", "sign", "store", "switch", "track", "transfer", "void",
        "lock", "link", "block", "hold", "place", "process", "purchase", "refund", "release", "schedule",
        "set", "start", "stop", "end", "export", "import", "load", "merge", "move", "push", "query", "rent",
        "report", "review", "search", "view", "display", "count", "list", "filter", "sort", "print", "scan",
        "index", "audit", "poll", "cook", "change", "bid", "bet", "pay", "run", "hire",
    ]

    /// Verbs that open a query or a batch command (`ListArchivedProjects`, `PurgeDeletedItems`):
    /// a participle after them describes their object.
    static let queryVerbs: Set<String> = [
        "list", "find", "show", "count", "search", "view", "display", "export", "import", "purge",
        "report", "lookup", "browse", "filter", "sort", "print", "retrieve", "scan", "sync", "refresh",
        "replay", "review", "inspect", "audit", "poll", "reprocess", "recompute", "compute", "clean",
        "cleanup", "reindex", "index", "resync", "backfill", "migrate", "retry", "requeue", "flush",
    ]

    /// Every base verb the lexicon knows: a name that opens with one reads as a command.
    static func isBaseVerb(_ word: String) -> Bool {
        commandVerbs.contains(word) || strongCommandVerbs.contains(word) || complementVerbs.contains(word)
            || queryVerbs.contains(word) || irregularParticiples[word] != nil
    }

    /// Prefixes that make a verb of a verb (`overdraw`, `underpay`, `outgrow`): their irregular
    /// participles are irregular too (`overdrawn`, `underpaid`, `outgrown`).
    static let verbPrefixes = ["over", "under", "out", "mis", "re", "un", "with", "fore", "up", "pre", "co", "de", "dis", "back", "down", "counter", "inter", "sub", "super", "cross"]

    /// An irregular past form behind a verb prefix (`over|drawn`), whose remainder is not itself
    /// a base verb (`over|lay` is a noun).
    static func isPrefixedIrregularPast(_ word: String) -> Bool {
        for prefix in verbPrefixes where word.hasPrefix(prefix) {
            let rest = String(word.dropFirst(prefix.count))
            if rest.count >= 3, irregularPast[rest] != nil, irregularParticiples[rest] == nil, !unchangedPast.contains(rest) { return true }
        }
        return false
    }

    /// Noun endings: a word with one (`Player`, `Subscriber`, `Tenant`, `Library`) is a subject
    /// or an object, not an imperative verb.
    static func looksLikeNoun(_ word: String) -> Bool {
        ["er", "or", "ant", "ent", "ist", "ian", "ee", "tion", "sion", "ment", "ness", "ity", "ship", "ance", "ence", "ism", "ary", "ory", "ure", "age"].contains { word.hasSuffix($0) && word.count > $0.count + 2 }
    }

    /// Verbs that, opening an event name, make it a command whatever follows: they are seldom
    /// the noun an event is about (`AddItemToCart`, `SetPaidOrderStatus`, `MarkDrinksServed`).
    static let strongCommandVerbs: Set<String> = [
        "add", "set", "mark", "send", "create", "update", "delete", "remove", "start", "stop", "place",
        "make", "get", "assign", "unassign", "submit", "approve", "reject", "cancel", "enable", "disable",
        "activate", "deactivate", "prepare", "calculate", "execute", "perform", "generate", "notify",
        "validate", "verify", "apply", "give", "take", "put", "move", "rename", "modify", "edit", "save",
        "fetch", "load", "handle", "process", "trigger", "toggle", "open", "close", "begin", "finish",
        "complete", "confirm", "pay", "buy", "sell", "ship", "deliver", "publish", "unpublish", "archive",
        "subscribe", "unsubscribe", "register", "unregister", "invite", "accept", "decline", "revoke",
        "grant", "deny", "withdraw", "deposit", "allocate", "reserve", "assign", "attach", "detach",
        "increase", "decrease", "increment", "decrement", "upsert", "insert", "write", "do", "run",
        "reset", "clear", "link", "unlink", "lock", "unlock", "block", "unblock", "suspend", "resume",
        "pause", "restart", "retry", "resend", "reopen", "restore", "upgrade", "downgrade", "cook", "serve",
    ]

    /// Verbs that take an object and a complement (`Mark X Served`, `Set X Paid`): opening a
    /// name, they make it a command even when a participle ends it.
    static let complementVerbs: Set<String> = [
        "mark", "set", "make", "get", "keep", "declare", "flag", "render", "consider", "deem",
        "notify", "send", "handle", "emit", "fire", "have", "let",
    ]

    /// Words that may follow a past form in a fact: particles of phrasal verbs and similar.
    static let particles: Set<String> = [
        "in", "out", "up", "down", "off", "on", "over", "back", "away", "through", "again", "after",
        "before", "due", "late", "early", "successfully", "automatically", "manually",
        // Adjective complements of `Became`, `Went`, `Turned`, `Fell`: `WentOffline`, `BecameOverdue`.
        "overdue", "ready", "available", "unavailable", "active", "inactive", "empty", "full", "valid",
        "invalid", "visible", "invisible", "online", "offline", "public", "private", "stale", "idle", "live",
        "dormant", "insolvent", "bankrupt", "silent", "quiet", "negative", "positive", "sick", "ill",
    ]

    /// Prepositions that end a command's object (`AddItem|ToCart`).
    static let prepositions: Set<String> = [
        "to", "from", "in", "into", "on", "onto", "at", "for", "with", "by", "of", "as", "via", "off", "out", "up",
        "about", "above", "across", "against", "along", "among", "around", "behind", "below", "beneath",
        "beside", "between", "beyond", "during", "except", "inside", "near", "outside", "past", "per", "since",
        "than", "toward", "towards", "under", "until", "upon", "within", "without", "while", "because", "when",
    ]

    /// The past participle of a base verb, Capitalized like the input (`Add` → `Added`).
    static func participle(of verb: String) -> String {
        let lower = verb.lowercased()
        if let form = irregularParticiples[lower] { return capitalized(form) }
        let chars = Array(lower)
        var result: String
        if lower.hasSuffix("e") {
            result = lower + "d"
        } else if chars.count >= 2, chars[chars.count - 1] == "y", !"aeiou".contains(chars[chars.count - 2]) {
            result = String(lower.dropLast()) + "ied"
        } else if doubledFinal.contains(lower) {
            result = lower + String(chars[chars.count - 1]) + "ed"
        } else {
            result = lower + "ed"
        }
        return capitalized(result)
    }

    /// Verbs that double their final consonant before -ed.
    private static let doubledFinal: Set<String> = [
        "ship", "stop", "plan", "drop", "tag", "log", "pin", "ban", "bar", "chat", "clap", "grab", "hug",
        "jog", "map", "nod", "pat", "plug", "rob", "rub", "scan", "skip", "slip", "snap", "step", "tap",
        "trim", "wrap", "zip", "admit", "commit", "submit", "permit", "omit", "refer", "prefer", "occur",
        "transfer", "confer", "control", "patrol", "regret", "equip", "unplug", "unpin", "unzip", "unwrap",
    ]

    static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }
}
