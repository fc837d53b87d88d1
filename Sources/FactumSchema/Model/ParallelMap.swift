import Dispatch
import Foundation

/// `body(0)`, `body(1)` … `body(count - 1)`, run on every core, their results in that order.
/// Each call writes only its own element of the result.
package func concurrentResults<Result>(_ count: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
    guard count > 1 else { return (0..<count).map(body) }
    return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
        nonisolated(unsafe) let buffer = buffer
        DispatchQueue.concurrentPerform(iterations: count) { index in
            (buffer.baseAddress! + index).initialize(to: body(index))
        }
        initialized = count
    }
}

extension Array where Element: Sendable {
    /// `map`, on every core once the array is long enough to pay for the threads. The result
    /// is the same as `map`'s, element for element: chunks are contiguous and put back in order.
    package func parallelMap<Result: Sendable>(minimumChunk: Int = 256, _ transform: @Sendable (Element) -> Result) -> [Result] {
        let chunks = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / minimumChunk)
        guard chunks > 1 else { return map(transform) }
        let size = (count + chunks - 1) / chunks
        let parts = concurrentResults(chunks) { chunk in
            self[(chunk * size)..<Swift.min(count, (chunk + 1) * size)].map(transform)
        }
        var result: [Result] = []
        result.reserveCapacity(count)
        for part in parts { result.append(contentsOf: part) }
        return result
    }
}

/// Frees large values off the calling thread. A 10,000-event domain is a tree of a million
/// objects, and freeing one takes tens of milliseconds that the caller need not wait for.
package enum Background {
    package static func release<Value: Sendable>(_ value: consuming Value) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.value = nil }
    }

    private final class Box<Value: Sendable>: @unchecked Sendable {
        // Written once, by the queue that frees it.
        var value: Value?
        init(_ value: Value) { self.value = value }
    }
}
