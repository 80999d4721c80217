#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory a run may use, and the one allocation whose size grows with
/// classes × rows: the grown tree's class counts.
///
/// Every node keeps each task's class counts, so a tree of N nodes holds
/// N × (classes of all tasks) numbers. On a task with a class per row (60,000
/// rows, 60,000 classes) the tree's worst case is 60,001 nodes × 60,000
/// classes, 28.8 GB: the allocation failed with a trap and a 70-line trace.
/// The size is known before growing, so the inducer checks it up front and
/// throws a one-line error instead, and reserves no more than it can have.
enum _MemoryBudget {
    /// The bytes this process may hold: physical memory, or less under an
    /// address-space limit (`ulimit -v`).
    static var available: Double {
        var bytes = Double(sysconf(Int32(_SC_PHYS_PAGES))) * Double(sysconf(Int32(_SC_PAGESIZE)))
        if !(bytes > 0) { bytes = .infinity }
        var limit = rlimit()
        #if canImport(Glibc)
        let known = getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0
        #else
        let known = getrlimit(RLIMIT_AS, &limit) == 0
        #endif
        if known && limit.rlim_cur != rlim_t.max { bytes = min(bytes, Double(limit.rlim_cur)) }
        return bytes
    }

    /// The most nodes a tree over `rows` rows grows when a leaf holds at
    /// least `minLeaf` of weight (a binary tree has under 2 · leaves nodes).
    static func mostNodes(rows: Int, minLeaf: Double) -> Int {
        Int(min(2 * Double(rows) / max(1, minLeaf) + 1, Double(1 << 26)))
    }

    /// Throws if the class counts of the largest tree `rows` rows can grow
    /// (held twice: while growing, and in the finished tree) exceed the memory available.
    ///
    /// - Throws: ``MTLError`` (`.badData`) naming the tasks' classes, the bytes needed and the bytes available.
    static func checkClassCounts(schema: TreeSchema, rows: Int, minLeaf: Double, available: Double = available) throws {
        let nodes = mostNodes(rows: rows, minLeaf: minLeaf)
        let needed = 2 * Double(nodes) * Double(schema.classStride) * Double(MemoryLayout<Double>.stride)
        guard needed > available else { return }
        let widest = schema.tasks.max { $0.classes.count < $1.classes.count }!
        throw MTLError(
            .badData,
            "task '\(widest.name)' has \(widest.classes.count) classes (\(schema.classStride) over all tasks): a tree over \(rows) rows "
                + "may keep counts for up to \(nodes) nodes × \(schema.classStride) classes, \(gigabytes(needed)) with its copy, "
                + "more than the \(gigabytes(available)) of memory available; merge rare classes, or raise the minimum leaf weight")
    }

    /// The most nodes whose class counts fit in an eighth of the memory available (for a reservation made up front).
    static func reservableNodes(stride: Int) -> Int {
        Int(min(Double(Int.max / 2), available / 8 / Double(max(1, stride) * MemoryLayout<Double>.stride)))
    }

    static func gigabytes(_ bytes: Double) -> String {
        bytes >= 1e9 ? formatNumber((bytes / 1e8).rounded() / 10) + " GB" : formatNumber((bytes / 1e5).rounded() / 10) + " MB"
    }
}
