#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on a thread of its own whose stack holds `stackSize` bytes,
/// and waits for it.
///
/// The walks down a tree that recurse once per level (drawing it, or
/// predicting a row whose values are missing) need a stack that grows with
/// the tree's depth, and train can grow trees thousands of levels deep. The
/// caller's stack may be small (512 KiB for a secondary thread on macOS);
/// this one is reserved as address space and only touched as deep as the
/// walk goes. If no such thread can be had (a limit on memory or threads),
/// `body` runs on the caller's thread.
///
/// - Complexity: One thread started, plus `body`.
package func withLargeStack<T>(_ stackSize: Int = 64 << 20, _ body: () -> T) -> T {
    withoutActuallyEscaping(body) { body in
        let job = _StackJob<T>(body)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        _ = pthread_attr_setstacksize(&attributes, stackSize)
        let context = Unmanaged<_StackWork>.passRetained(job).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        let started = pthread_create(&thread, &attributes, { context in
            Unmanaged<_StackWork>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        if started == 0, let thread { pthread_join(thread, nil) }
        #else
        var thread = pthread_t()
        let started = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            Unmanaged<_StackWork>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        if started == 0 { pthread_join(thread, nil) }
        #endif
        guard started == 0 else {
            Unmanaged<_StackWork>.fromOpaque(context).release()
            job.run()
            return job.result!
        }
        return job.result!
    }
}

/// Work for a thread started by ``withLargeStack(_:_:)``.
private class _StackWork {
    func run() {}
}

/// The body of ``withLargeStack(_:_:)``, then its result. The body is let go
/// once run, before the caller resumes (it must not outlive the call); the
/// join orders the result's write before its read.
private final class _StackJob<T>: _StackWork {
    private var body: (() -> T)?
    private(set) var result: T?

    init(_ body: @escaping () -> T) { self.body = body }

    override func run() {
        result = body?()
        body = nil
    }
}
