import Foundation

/// Seconds since 1970, as a Double: what the ledger benchmarks time with.
public func now() -> Double { Date().timeIntervalSince1970 }

/// The best of `rounds` timings of each body, run in turn so that both see the same machine.
public func compare(_ rounds: Int, baseline: () async throws -> Void, candidate: () async throws -> Void) async throws -> (baseline: Double, candidate: Double) {
    var best = (Double.infinity, Double.infinity)
    for _ in 0..<rounds {
        var start = now()
        try await baseline()
        best.0 = min(best.0, now() - start)
        start = now()
        try await candidate()
        best.1 = min(best.1, now() - start)
    }
    return best
}
