import Dispatch
import Foundation

/// Runs `body(i)` for `i` in `0..<count` on up to `threads` threads.
///
/// Iterations are handed out one at a time, so uneven work balances.
func parallelFor(_ count: Int, threads: Int, _ body: (Int) -> Void) {
    if threads <= 1 || count <= 1 {
        for i in 0 ..< count { body(i) }
        return
    }
    let next = _Counter()
    withoutActuallyEscaping(body) { body in
        let work = _SendableBox(body)
        DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
            while true {
                let i = next.take()
                guard i < count else { return }
                work.value(i)
            }
        }
    }
}

/// `(0..<count).map(transform)`, computed on up to `threads` threads.
///
/// Each result goes to its own slot, so the output does not depend on the
/// thread count or the order in which iterations finish.
func parallelMap<T>(_ count: Int, threads: Int, _ transform: (Int) -> T) -> [T] {
    if threads <= 1 || count <= 1 { return (0 ..< count).map(transform) }
    let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
    let slots = _SendableBox(buffer)
    parallelFor(count, threads: threads) { i in
        (slots.value.baseAddress! + i).initialize(to: transform(i))
    }
    let result = Array(buffer)
    _ = buffer.deinitialize()
    buffer.deallocate()
    return result
}

/// A thread-safe counter that hands out 0, 1, 2, …
final class _Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take() -> Int {
        lock.withLock {
            value += 1
            return value - 1
        }
    }
}

/// A box that lets a value cross into concurrent iterations; the caller
/// guarantees the value is safe to use from several threads.
struct _SendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
