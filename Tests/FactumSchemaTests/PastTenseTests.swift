import Testing
@testable import FactumSchema

@Suite("Past tense")
struct PastTenseTests {
    let judge = PastTense()

    @Test(arguments: [
        // The seed's facts.
        "DishPrepared", "ItemAddedToCart", "KitchenOpened", "DishAddedToMenu",
        // Regular forms and their spelling.
        "OrderShipped", "OrderCanceled", "OrderCancelled", "InvoicePaid", "TermsAgreed", "PaymentRefunded",
        // Irregular forms.
        "EmailSent", "MoneyWithdrawn", "ReservationMade", "AccountFrozen", "TicketSold", "UserLeft",
        "SeatHeld", "GameBegan", "GameBegun",
        // Forms equal to the base verb, judged by position.
        "AlarmSet", "PasswordReset", "ParcelPut", "PriceCut", "MessageRead",
        // The participle not last, or first.
        "ItemAddedToCart", "UserLoggedIn", "OrderStatusChangedToPaid", "CheckedOut", "CartCheckedOut",
        // Was/Has forms, acronyms and digits.
        "UserWasCreated", "OrderHasShipped", "URLShortened", "OAuth2TokenIssued", "PDFGenerated",
        // -ed words that are not verbs, with a real participle.
        "SeedPlanted", "NeedIdentified", "SpeedLimitExceeded", "FeedRefreshed", "HundredthOrderReceived",
        // Nouns that are also verbs, as subjects.
        "OrderPlaced", "TransferCompleted", "RefundIssued", "CancelRequested", "BookingConfirmed",
        "OrderPlacedV2",
    ])
    func factsPass(name: String) {
        #expect(judge.judge(name).isFact, "\(name) should be a fact")
    }

    @Test(arguments: [
        "StartCooking", "AddItemToCart", "PlaceOrder", "TakeoutServerReady", "SetPaidOrderStatus",
        "MarkInvoiceAsPaid", "SendOrderCreatedEmail", "ResetPassword", "CreateUser", "MarkDrinksServed",
        "OpenTab", "Seed", "Need", "Speed", "Feed", "Hundred", "OrderPizza", "CheckoutCart",
    ])
    func commandsAndStatesFail(name: String) {
        #expect(!judge.judge(name).isFact, "\(name) should not be a fact")
    }

    @Test func proposals() {
        #expect(judge.judge("StartCooking").proposal == "CookingStarted")
        #expect(judge.judge("AddItemToCart").proposal == "ItemAddedToCart")
        #expect(judge.judge("PlaceOrder").proposal == "OrderPlaced")
        #expect(judge.judge("MarkInvoiceAsPaid").proposal == "InvoiceMarkedAsPaid")
        #expect(judge.judge("SendWelcomeEmail").proposal == "WelcomeEmailSent")
        #expect(judge.judge("ShipOrder").proposal == "OrderShipped")
        #expect(judge.judge("TakeoutServerReady").proposal == "TakeoutServerBecameReady")
        // From the name itself, for any verb, regular or irregular.
        #expect(judge.judge("BorrowBook").proposal == "BookBorrowed")
        #expect(judge.judge("LendBook").proposal == "BookLent")
        #expect(judge.judge("UploadVideo").proposal == "VideoUploaded")
        #expect(judge.judge("ReturnBookToShelf").proposal == "BookReturnedToShelf")
        // A noun, then a verb: the same order, the verb in the past. When both words can be
        // verbs, the first is the noun if it is an everyday noun and the last is not.
        #expect(judge.judge("BookBorrow").proposal == "BookBorrowed")
        #expect(judge.judge("BookBorrowEvent").proposal == "BookBorrowed")
        #expect(judge.judge("OrderCancel").proposal == "OrderCanceled")
        #expect(judge.judge("ItemAdd").proposal == "ItemAdded")
        #expect(judge.judge("CancelOrder").proposal == "OrderCanceled")
        #expect(judge.judge("ReturnBook").proposal == "BookReturned")
        // A noun first gives nothing to build on.
        #expect(judge.judge("CustomerLoyalty").proposal == nil)
    }

    /// The classes of real event names the grammar reads as facts: the subject first and the
    /// verb in the middle, irregular participles behind a prefix, a participle first followed
    /// by its object.
    @Test(arguments: [
        "PlayerJoinedMatch", "SubscriberLeftList", "UserChangedPassword", "CustomerPlacedOrder", "TeamWonGame",
        "AccountOverdrawn", "InvoiceUnderpaid", "ContractRewritten", "PaymentWithheld", "IdentityMistaken",
        "PlanOutgrown", "BudgetOverspent", "ReachedLimit", "PassedInspection", "MissedDeadline",
    ])
    func sentenceShapedFacts(name: String) {
        #expect(judge.judge(name).isFact, "\(name) should be a fact")
    }

    /// What they must not let through: an opening verb whose object a participle describes,
    /// and an opening verb whose object is its own past form.
    @Test(arguments: [
        "ListArchivedProjects", "PurgeDeletedItems", "ShowPaidInvoices", "RetryFailedPayment", "ExportFailedPayments",
        "RaiseBid", "PlaceBid", "ShowOverlay", "BorrowBook", "OfferDiscount",
    ])
    func verbFirstCommands(name: String) {
        #expect(!judge.judge(name).isFact, "\(name) should not be a fact")
    }

    @Test func allowAndDenyWords() {
        let configured = PastTense(allowed: ["Ready"], denied: ["Opened"])
        #expect(configured.judge("TakeoutServerReady").isFact)
        #expect(!configured.judge("KitchenOpened").isFact)
    }

    @Test func words() {
        #expect(Names.words("URLShortened") == ["URL", "Shortened"])
        #expect(Names.words("OAuth2TokenIssued") == ["O", "Auth2", "Token", "Issued"])
        #expect(Names.words("ItemAddedToCart") == ["Item", "Added", "To", "Cart"])
        #expect(Names.words("placedAt") == ["placed", "At"])
    }

    /// A name with a redundant `Event` that is not a fact gets one proposal, the same in both
    /// findings (issue 26: `BookBorrowEvent` got `BookBorrow` and `BorrowBooked`); a noun and a
    /// present verb keep their order (`PaymentReceive` → `PaymentReceived`).
    @Test func bothNamingFindingsProposeOneName() {
        let findings = lint("""
            domain: Lending
            entities:
              Loan:
                events:
                  PlaceOrderEvent:
                    id: 5b3f1c2e-8a7d-4e4b-9d1a-2f6c7e8b9a22
                  PaymentReceive:
                    id: 5b3f1c2e-8a7d-4e4b-9d1a-2f6c7e8b9a24
                  BookBorrowEvent:
                    id: 5b3f1c2e-8a7d-4e4b-9d1a-2f6c7e8b9a26
            """)
        let borrow = findings.filter { $0.message.contains("'BookBorrowEvent'") }.map(\.message)
        #expect(borrow.count == 2 && borrow.allSatisfy { $0.contains("'BookBorrowed'") && !$0.contains("BorrowBooked") }, "\(borrow)")
        let place = findings.filter { $0.message.contains("'PlaceOrderEvent'") }.map(\.message)
        #expect(place.count == 2 && place.allSatisfy { $0.contains("'OrderPlaced'") }, "\(place)")
        #expect(findings.contains { $0.message.contains("'PaymentReceive'") && $0.message.contains("e.g. 'PaymentReceived'") }, "\(findings.map(\.message))")
    }
}
