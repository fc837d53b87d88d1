// The loading and validation rules. The loader and the validator report them; this file says
// what each one means and holds its examples.

extension Rule {
    public static let yamlSyntax = Rule(
        id: "yaml-syntax",
        severity: .error,
        category: .loading,
        summary: "The file is not well-formed YAML, or breaks a bound of the reader.",
        rationale: "Nothing can be read from a file libyaml rejects. The reader also bounds nesting depth and alias expansion, so that no file can exhaust memory or time, and holds one document per file.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events: [OrderPlaced  # <-
            """,
            """
            domain: Shop
            entities: &a
              Order: *a  # <-
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ]
    )

    public static let duplicateKey = Rule(
        id: "duplicate-key",
        severity: .error,
        category: .loading,
        summary: "A mapping holds the same key twice.",
        rationale: "YAML parsers disagree on which of two equal keys wins; the second one is almost always a copy-and-paste slip that silently drops data.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      total: Decimal
                      total: Int  # <-
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      total: Decimal
                      currency: String
            """,
        ]
    )

    public static let unknownKey = Rule(
        id: "unknown-key",
        severity: .error,
        category: .loading,
        summary: "A key the format does not define (with a suggestion when one is close).",
        rationale: "A misspelt key (`descripton`, `generaton`) would otherwise be ignored, and the setting it meant would silently not apply.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    visiblity: public  # <-
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    visibility: public
            """,
        ]
    )

    public static let missingKey = Rule(
        id: "missing-key",
        severity: .error,
        category: .loading,
        summary: "A required key is absent: `domain`, `entities`, an entity's `events`, an event's `id`, a field's `type`.",
        rationale: "Without these the generator cannot name, identify or shape what it generates.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:  # <-
                    visibility: public
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    visibility: public
            """,
        ]
    )

    public static let invalidValue = Rule(
        id: "invalid-value",
        severity: .error,
        category: .loading,
        summary: "A value of the wrong kind or outside its allowed set (a visibility, a key type, a generation number, a malformed type).",
        rationale: "Values are typed by the format, never guessed: `visibility: yes` is neither public nor private.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    visibility: protected  # <-
            """,
            """
            domain: Shop
            entities:
              Order:
                key: Long  # <-
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                key: UUID
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    visibility: private
            """,
        ]
    )

    public static let unknownType = Rule(
        id: "unknown-type",
        severity: .error,
        category: .loading,
        summary: "A field's type is neither a built-in type nor declared under `types` in any file read together.",
        rationale: "Generated code referring to a type that does not exist would fail to compile far from the cause.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      total: Money  # <-
            """,
        ],
        passing: [
            """
            domain: Shop
            types:
              Money:
                fields:
                  amount: Decimal
                  currency: String
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      total: Money
                      lines: [String]
                      prices: [String: Money]
                      note: String?
            """,
        ]
    )

    public static let invalidName = Rule(
        id: "invalid-name",
        severity: .error,
        category: .loading,
        summary: "A name that is not a usable identifier: domain, entity, event and type names are PascalCase, field names and enum cases are identifiers.",
        rationale: "Names become Swift identifiers and JSON keys; one that is not an identifier cannot be generated.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  order-placed:  # <-
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      default: String
            """,
        ]
    )

    public static let reservedName = Rule(
        id: "reserved-name",
        severity: .error,
        category: .loading,
        summary: "A name the generated code or the runtime needs for itself (a built-in type, `Factum`, `Swift`, `Foundation`, or a name generated for an entity or domain such as `OrderEvent`).",
        rationale: "A declared type named `String` would make every `String` field ambiguous; an event named `OrderAggregate` would collide with the generated aggregate protocol.",
        triggering: [
            """
            domain: Shop
            types:
              Date:  # <-
                fields:
                  day: Int
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderEvent:  # <-
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ],
        passing: [
            """
            domain: Shop
            types:
              Event:
                fields:
                  day: Int
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ]
    )

    public static let duplicateName = Rule(
        id: "duplicate-name",
        severity: .error,
        category: .loading,
        summary: "Two things share a name across all files read together (a domain and an entity may share one), or an enum lists a case twice.",
        rationale: "Generated types share one module namespace; two types of one name do not compile.",
        triggering: [
            """
            domain: Shop
            types:
              OrderPlaced:
                fields:
                  day: Int
            entities:
              Order:
                events:
                  OrderPlaced:  # <-
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ],
        passing: [
            """
            domain: Order
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
            """,
        ]
    )

    public static let invalidEventID = Rule(
        id: "invalid-event-id",
        severity: .error,
        category: .loading,
        summary: "An event id that is not a UUID (8-4-4-4-12 hexadecimal digits), or is the nil UUID.",
        rationale: "The id is the event type's permanent identity in every store and every consuming service.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f  # <-
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0D5C3F1E-2B4A-4C6D-8E9F-1A2B3C4D5E6F
            """,
        ]
    )

    public static let duplicateEventID = Rule(
        id: "duplicate-event-id",
        severity: .error,
        category: .loading,
        summary: "Two events share one id, across all files read together.",
        rationale: "A stored event is decoded by its id; two events with one id make stored data ambiguous forever.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                  OrderShipped:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f  # <-
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                  OrderShipped:
                    id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
            """,
        ]
    )

    public static let invalidDefault = Rule(
        id: "invalid-default",
        severity: .error,
        category: .loading,
        summary: "A field's default does not fit its type (a case the enum lacks, a number out of range, `yes` for a Bool).",
        rationale: "Defaults are written into generated initializers and upcasters; one that does not fit would not compile or would decode wrong values.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      gift: {type: Bool, default: yes}  # <-
            """,
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      quantity: {type: Int8, default: 300}  # <-
            """,
        ],
        passing: [
            """
            domain: Shop
            types:
              Speed:
                cases: [standard, express]
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    fields:
                      gift: {type: Bool, default: false}
                      speed: {type: Speed, default: express}
                      note: {type: String, default: no}
                      tags: {type: "[String]", default: []}
                      coupon: {type: String?, default: null}
            """,
        ]
    )

    public static let generationHistory = Rule(
        id: "generation-history",
        severity: .error,
        category: .loading,
        summary: "An event's `history` does not hold exactly generations 1 … generation-1.",
        rationale: "Every stored generation must stay readable; a generation without a recorded shape cannot be decoded.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    generation: 3
                    fields:
                      total: Decimal
                    history:  # <-
                      1:
                        fields:
                          total: Double
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
                    generation: 2
                    fields:
                      total: Decimal
                    history:
                      1:
                        fields:
                          total: Double
            """,
        ]
    )

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
