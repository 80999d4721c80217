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

/// Large scratch buffers kept for reuse during a fit: megabytes freshly
/// allocated are fresh pages, a page fault each when first touched, and the
/// top of a tree cuts lists of a million rows level after level.
final class _BufferPool: @unchecked Sendable {
    /// Buffers at least this large (bytes) come from the pool; smaller ones
    /// cost little to allocate (or live on the stack).
    static let threshold = 256 << 10
    private var free: [UnsafeMutableRawBufferPointer] = []
    private let lock = NSLock()

    deinit { for buffer in free { buffer.deallocate() } }

    /// Calls `body` with room for `count` values of type `T`, from the pool
    /// if that is at least ``threshold`` bytes, else allocated for the call.
    func withBuffer<T, R>(of type: T.Type, count: Int, _ body: (UnsafeMutablePointer<T>) -> R) -> R {
        let bytes = max(1, count) * MemoryLayout<T>.stride
        guard bytes >= Self.threshold else {
            return withUnsafeTemporaryAllocation(of: T.self, capacity: max(1, count)) { body($0.baseAddress!) }
        }
        let buffer = take(bytes)
        defer { put(buffer) }
        return body(buffer.baseAddress!.bindMemory(to: T.self, capacity: count))
    }

    private func take(_ bytes: Int) -> UnsafeMutableRawBufferPointer {
        lock.withLock {
            if let i = free.firstIndex(where: { $0.count >= bytes }) { return free.remove(at: i) }
            return UnsafeMutableRawBufferPointer.allocate(byteCount: bytes, alignment: 64)
        }
    }

    private func put(_ buffer: UnsafeMutableRawBufferPointer) {
        lock.withLock { free.append(buffer) }
    }
}
