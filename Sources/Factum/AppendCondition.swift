/// The condition of a guarded append (Evently's atomic append; the append condition of
/// dynamic consistency boundaries): the append fails with `EventStoreError.conditionFailed`
/// when any event that `selector` selects was stored after `after` (nil: at all). The check
/// and the append are one atomic step.
///
/// Decide from what a read returned, then append with the position that read reached: no
/// event that would have changed the decision can slip in between. The selector's own
/// `after` and `limit` do not apply here; `after` does.
public struct AppendCondition: Hashable, Sendable {
    public var selector: EventSelector
    public var after: Int64?

    public init(failIfEventsMatch selector: EventSelector, after: Int64?) {
        self.selector = selector
        self.after = after
    }
}
