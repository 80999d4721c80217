import Foundation

/// Runs one piece of work per split, several splits at once, and reports
/// progress as they finish.
///
/// Splits are independent, so they run on up to `threads` threads, each
/// growing its trees single-threaded (a tree is the same whatever its thread
/// count, so results do not depend on `threads`). Results come back in split
/// order; if any split throws, the error of the first such split is rethrown.
struct _SplitRunner: Sendable {
    /// Threads to spread the splits over.
    var threads: Int
    /// Told after each split finishes, with `completedBefore` added.
    var progress: ProgressHandler?
    /// Units completed before this run (for progress over several runs).
    var completedBefore = 0
    /// The total units of the whole computation.
    var total: Int

    /// The configuration a split's trees use: one thread when splits run in parallel.
    func perSplit(_ configuration: InductionConfiguration, splits: Int) -> InductionConfiguration {
        var configuration = configuration
        if min(threads, splits) > 1 { configuration.threads = 1 }
        return configuration
    }

    /// `(0 ..< count).map(body)`, splits in parallel.
    func map<T>(_ count: Int, _ body: (Int) throws -> T) throws -> [T] {
        let tally = _Tally(progress: progress, completed: completedBefore, total: total)
        let results = parallelMap(count, threads: threads) { i -> Result<T, any Error> in
            let result = Result { try body(i) }
            tally.add()
            return result
        }
        return try results.map { try $0.get() }
    }
}

/// Counts finished splits and reports them in order, one report at a time.
final class _Tally: @unchecked Sendable {
    private let progress: ProgressHandler?
    private var completed: Int
    private let total: Int
    private let lock = NSLock()

    init(progress: ProgressHandler?, completed: Int, total: Int) {
        self.progress = progress
        self.completed = completed
        self.total = total
    }

    func add() {
        lock.withLock {
            completed += 1
            progress?(completed, total)
        }
    }
}
