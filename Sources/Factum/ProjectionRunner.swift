import Foundation

/// Where a projection runner stands, after each commit: what a user logs or shows.
public struct ProjectionProgress: Hashable, Sendable, CustomStringConvertible {
    public var key: ProjectionKey
    /// The checkpoint: every event up to here is applied or parked.
    public var position: Int64
    /// The ledger's last position when the commit was made.
    public var head: Int64
    /// How many parked events the projection holds.
    public var parked: Int

    /// Events of the ledger the projection has yet to pass.
    public var lag: Int64 { max(0, head - position) }
    /// Whether it had passed every event of the ledger when it committed.
    public var isCaughtUp: Bool { position >= head }

    public var description: String {
        "\(key) at position \(position) of \(head) (lag \(lag)\(parked > 0 ? ", \(parked) parked" : ""))"
    }
}

/// Runs one projection: catches up from its checkpoint, then follows the ledger live, applying
/// the events it reads in log order and committing its checkpoint with what its handlers wrote
/// (exactly once where the host's transaction holds both, docs/projections.md).
///
/// A handler that throws is called again, after `Options.backoff` doubling each time, up to
/// `Options.attempts` calls; then its event is parked with the error's text, and later events
/// of the same source park behind it, while other sources go on. Parked events are listed by
/// `parked()` and applied again by `retryParked()`. Nothing is skipped silently.
///
/// One runner per projection version: the checkpoint is compare-and-set, and a runner that
/// finds it moved by another stops with `ProjectionError.checkpointMoved`.
public struct ProjectionRunner<Handler: Projection, Host: ProjectionHost>: Sendable where Host.Context == Handler.Context {
    public struct Options: Sendable, Hashable {
        /// Events read, and committed, per page while catching up.
        public var pageSize: Int
        /// How many times a handler is called for one event before the event is parked.
        public var attempts: Int
        /// The wait before the second call; it doubles for each next one, up to `maximumBackoff`.
        public var backoff: Duration
        public var maximumBackoff: Duration

        public init(pageSize: Int = 500, attempts: Int = 3, backoff: Duration = .milliseconds(100), maximumBackoff: Duration = .seconds(5)) {
            self.pageSize = max(1, pageSize)
            self.attempts = max(1, attempts)
            self.backoff = backoff
            self.maximumBackoff = maximumBackoff
        }
    }

    public let projection: Handler
    public let host: Host
    public let registry: EventRegistry
    public let options: Options
    private let progress: (@Sendable (ProjectionProgress) -> Void)?

    /// A runner of `projection` on `host`, decoding events (and upcasting old generations)
    /// through `registry`. `progress` is called after each commit.
    public init(_ projection: Handler, on host: Host, registry: EventRegistry, options: Options = Options(), progress: (@Sendable (ProjectionProgress) -> Void)? = nil) {
        self.projection = projection
        self.host = host
        self.registry = registry
        self.options = options
        self.progress = progress
    }

    public var key: ProjectionKey { Handler.key }

    /// Applies every event stored now, page by page, and returns where it stopped.
    @discardableResult
    public func catchUp() async throws -> ProjectionProgress {
        var checkpoint = try await host.checkpoint(key)
        while true {
            try Task.checkCancellation()
            let page = try await host.ledger.readAll(after: checkpoint.position, limit: options.pageSize)
            if page.isEmpty { return try await report(checkpoint) }
            try await process(page, &checkpoint)
        }
    }

    /// Catches up, then follows the ledger live through its subscription, until the task is
    /// cancelled (it then returns) or a commit fails for another reason than a handler (it
    /// throws: the ledger is unreachable, or another runner moved the checkpoint).
    public func run() async throws {
        var checkpoint = try await host.checkpoint(key)
        var events = host.ledger.subscribe(after: checkpoint.position).makeAsyncIterator()
        while let page = try await events.nextPage(limit: options.pageSize) {
            try await process(page, &checkpoint)
        }
    }

    /// The projection's parked events, in log order.
    public func parked() async throws -> [ParkedEvent] {
        try await host.parked(key)
    }

    /// Applies the parked events again, in log order, each source's in its order: an event that
    /// fails again stays parked (its reason and attempts updated) with every later one of its
    /// source. Returns the events still parked.
    @discardableResult
    public func retryParked() async throws -> [ParkedEvent] {
        var blocked: Set<EventSource> = []
        for parked in try await host.parked(key) where !blocked.contains(parked.source) {
            let checkpoint = try await host.checkpoint(key)
            guard let envelope = try await host.ledger.readAll(after: parked.position - 1, limit: 1).first, envelope.position == parked.position else {
                try await host.updateParked(key, position: parked.position, reason: "the ledger no longer holds an event at position \(parked.position)", attempts: parked.attempts)
                blocked.insert(parked.source)
                continue
            }
            let commit = ProjectionCommit(key: key, from: checkpoint.position, to: checkpoint.position, apply: [envelope], release: [parked.position])
            do {
                try await host.commit(commit, handler: handle)
            } catch let failure as ProjectionHandlerFailure {
                if Task.isCancelled { throw CancellationError() }
                try await host.updateParked(key, position: parked.position, reason: Self.reason(failure.error), attempts: parked.attempts + 1)
                blocked.insert(parked.source)
            }
        }
        return try await host.parked(key)
    }

    // MARK: Processing

    private var handle: @Sendable (EventEnvelope, Handler.Context) async throws -> Void {
        { [projection, registry] envelope, context in
            try await projection.handle(try registry.decode(envelope), context)
        }
    }

    /// Applies one page: in one commit when every handler succeeds, else event by event.
    private func process(_ page: [EventEnvelope], _ checkpoint: inout ProjectionCheckpoint) async throws {
        guard let last = page.last, last.position > checkpoint.position else { return }
        var apply: [EventEnvelope] = []
        var park: [ParkedEvent] = []
        var parkedSources = checkpoint.parkedSources
        for envelope in page where envelope.position > checkpoint.position && Handler.selector.matches(envelope) {
            if parkedSources.contains(envelope.source) {
                park.append(behind(envelope))
            } else {
                apply.append(envelope)
            }
        }
        parkedSources.formUnion(park.map(\.source))
        do {
            try await commit(ProjectionCommit(key: key, from: checkpoint.position, to: last.position, apply: apply, park: park), &checkpoint)
            checkpoint.parkedSources = parkedSources
            try await report(checkpoint)
        } catch is ProjectionHandlerFailure where !Task.isCancelled {
            try await processEventByEvent(page, &checkpoint)
        }
    }

    /// Applies a page one event at a time, retrying each failing handler and parking its event
    /// when it keeps failing.
    private func processEventByEvent(_ page: [EventEnvelope], _ checkpoint: inout ProjectionCheckpoint) async throws {
        for envelope in page where envelope.position > checkpoint.position && Handler.selector.matches(envelope) {
            if checkpoint.parkedSources.contains(envelope.source) {
                try await commit(ProjectionCommit(key: key, from: checkpoint.position, to: envelope.position, park: [behind(envelope)]), &checkpoint)
                continue
            }
            var attempt = 1
            var wait = options.backoff
            while true {
                do {
                    try await commit(ProjectionCommit(key: key, from: checkpoint.position, to: envelope.position, apply: [envelope]), &checkpoint)
                    break
                } catch let failure as ProjectionHandlerFailure {
                    if Task.isCancelled { throw CancellationError() }
                    guard attempt < options.attempts else {
                        let parked = ParkedEvent(position: envelope.position, source: envelope.source, eventID: envelope.eventID, reason: Self.reason(failure.error), attempts: attempt, parkedAt: Date())
                        try await commit(ProjectionCommit(key: key, from: checkpoint.position, to: envelope.position, park: [parked]), &checkpoint)
                        checkpoint.parkedSources.insert(envelope.source)
                        break
                    }
                    try await Task.sleep(for: wait)
                    wait = min(wait * 2, options.maximumBackoff)
                    attempt += 1
                }
            }
        }
        if let last = page.last, last.position > checkpoint.position {
            try await commit(ProjectionCommit(key: key, from: checkpoint.position, to: last.position), &checkpoint)
        }
        try await report(checkpoint)
    }

    private func commit(_ commit: ProjectionCommit, _ checkpoint: inout ProjectionCheckpoint) async throws {
        try await host.commit(commit, handler: handle)
        checkpoint.position = commit.to
    }

    private func behind(_ envelope: EventEnvelope) -> ParkedEvent {
        ParkedEvent(position: envelope.position, source: envelope.source, eventID: envelope.eventID, reason: "parked behind an earlier parked event of \(envelope.source)", attempts: 0, parkedAt: Date())
    }

    private static func reason(_ error: any Error) -> String {
        String("\(error)".prefix(2_000))
    }

    @discardableResult
    private func report(_ checkpoint: ProjectionCheckpoint) async throws -> ProjectionProgress {
        let head = try await host.ledger.lastPosition()
        let parked = progress == nil ? 0 : try await host.parked(key).count
        let now = ProjectionProgress(key: key, position: checkpoint.position, head: max(head, checkpoint.position), parked: parked)
        progress?(now)
        return now
    }
}
