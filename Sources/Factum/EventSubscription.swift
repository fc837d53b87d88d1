import Foundation

/// Every event after a position, in log order, then each new one as it is appended: what
/// `EventStore.subscribe(after:)` returns.
///
/// It reads the log in pages by position, after the last position it delivered, so that the
/// hand-over from catching up to following live events can neither skip nor repeat one. When
/// it has read everything, it waits for the store's signal of a new append (in this process),
/// or for `pollInterval` to pass (appends by other processes), and reads again. The sequence
/// ends when the task iterating it is cancelled; a read that fails ends it with that error.
public struct EventSubscription: AsyncSequence, Sendable {
    public typealias Element = EventEnvelope

    /// Reads at most `limit` events after a position, in log order.
    public typealias Reader = @Sendable (_ after: Int64?, _ limit: Int) async throws -> [EventEnvelope]

    let after: Int64?
    let read: Reader
    let signal: ChangeSignal
    let pollInterval: Duration?
    let pageSize: Int
    /// Which events it delivers; the others it reads and passes by. Nil: all of them.
    var keep: (@Sendable (EventEnvelope) -> Bool)?

    /// A subscription that reads through `read` and wakes on `signal`, and also every
    /// `pollInterval` when given (for stores that other processes append to).
    public init(after: Int64?, signal: ChangeSignal, pollInterval: Duration? = nil, pageSize: Int = 256, read: @escaping Reader) {
        self.after = after
        self.read = read
        self.signal = signal
        self.pollInterval = pollInterval
        self.pageSize = Swift.max(1, pageSize)
    }

    /// The same subscription, delivering only the events `predicate` accepts, in log order. It
    /// still reads every event, so a long run of events it passes by never stalls it, and a
    /// consumer that keeps the position of the last event it got resumes where it was.
    public func only(_ predicate: @escaping @Sendable (EventEnvelope) -> Bool) -> EventSubscription {
        var narrowed = self
        if let earlier = keep {
            narrowed.keep = { @Sendable envelope in earlier(envelope) && predicate(envelope) }
        } else {
            narrowed.keep = predicate
        }
        return narrowed
    }

    func keeps(_ envelope: EventEnvelope) -> Bool {
        keep?(envelope) ?? true
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(subscription: self, last: after)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let subscription: EventSubscription
        var last: Int64?
        var buffer: [EventEnvelope] = []
        var index = 0

        public mutating func next() async throws -> EventEnvelope? {
            while true {
                if index < buffer.count {
                    let envelope = buffer[index]
                    index += 1
                    last = envelope.position
                    if !subscription.keeps(envelope) { continue }
                    return envelope
                }
                if Task.isCancelled { return nil }
                // The signal's count before the read: an append that commits during the read
                // changes it, and the wait below returns at once.
                let seen = subscription.signal.count
                let page: [EventEnvelope]
                do {
                    page = try await subscription.read(last, subscription.pageSize)
                } catch {
                    // A read cut short by the cancellation ends the sequence; it is no failure.
                    if Task.isCancelled || error is CancellationError { return nil }
                    throw error
                }
                if !page.isEmpty {
                    buffer = page
                    index = 0
                    continue
                }
                await subscription.signal.wait(unlessChangedSince: seen, timeout: subscription.pollInterval)
            }
        }

        /// The next events, as many as are read already and at most `limit` (at least one), in
        /// log order; waits like `next()` when there are none. Nil when the sequence ends.
        public mutating func nextPage(limit: Int) async throws -> [EventEnvelope]? {
            guard let first = try await next() else { return nil }
            var page = [first]
            while page.count < limit, index < buffer.count {
                let envelope = buffer[index]
                index += 1
                last = envelope.position
                if subscription.keeps(envelope) { page.append(envelope) }
            }
            return page
        }
    }
}

/// A wake-up call for subscriptions: a store signals it after each append commits, and
/// subscriptions that have read everything wait on it. Waking is only a hint to read again,
/// so a wake-up too many costs one read and none is ever missed.
public final class ChangeSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var changes: UInt64 = 0
    private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter: UInt64 = 0

    public init() {}

    /// How many changes were signalled so far.
    public var count: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return changes
    }

    /// Wakes every waiting subscription.
    public func signal() {
        lock.lock()
        changes &+= 1
        let waking = waiters
        waiters.removeAll()
        lock.unlock()
        for waiter in waking.values { waiter.resume() }
    }

    /// Returns when a change is signalled after `seen` (at once if one was already), when
    /// `timeout` passes, or when the task is cancelled.
    func wait(unlessChangedSince seen: UInt64, timeout: Duration?) async {
        let id = newWaiterID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                lock.lock()
                if changes != seen || Task.isCancelled {
                    lock.unlock()
                    continuation.resume()
                    return
                }
                waiters[id] = continuation
                lock.unlock()
                if let timeout {
                    Task { [weak self] in
                        try? await Task.sleep(for: timeout)
                        self?.resume(id)
                    }
                }
            }
        } onCancel: {
            resume(id)
        }
    }

    private func newWaiterID() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        nextWaiter &+= 1
        return nextWaiter
    }

    private func resume(_ id: UInt64) {
        lock.lock()
        let waiter = waiters.removeValue(forKey: id)
        lock.unlock()
        waiter?.resume()
    }
}
