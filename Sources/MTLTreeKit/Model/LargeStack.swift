import Dispatch
import Foundation

/// Runs `body` on a thread of its own whose stack holds `stackSize` bytes,
/// and waits for it.
///
/// The walks down a tree that recurse once per level (drawing it, or
/// predicting a row whose values are missing) need a stack that grows with
/// the tree's depth, and train can grow trees thousands of levels deep. The
/// caller's stack may be small (512 KiB for a secondary thread on macOS);
/// this one is reserved as address space and only touched as deep as the
/// walk goes.
///
/// - Complexity: One thread started, plus `body`.
package func withLargeStack<T>(_ stackSize: Int = 64 << 20, _ body: () -> T) -> T {
    withoutActuallyEscaping(body) { body in
        let job = _StackJob<T>(body)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            job.run()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        return job.result!
    }
}

/// The work of ``withLargeStack(_:_:)``: the body, then its result. The
/// body is let go once run, before the caller resumes (it must not outlive
/// the call), and the semaphore that ends the run orders the result's write
/// before its read.
private final class _StackJob<T>: @unchecked Sendable {
    private var body: (() -> T)?
    private(set) var result: T?

    init(_ body: @escaping () -> T) { self.body = body }

    func run() {
        result = body?()
        body = nil
    }
}
