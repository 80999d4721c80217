import Foundation

/// Grows a ``MultitaskTree`` top-down (TDIDT), scoring every candidate split by
/// the λ-weighted information gain across tasks.
///
/// For a split s, task t's gain is
/// `Gain_t(s) = F_s · K_t · (H − Σ_c (W_c / W) · H_c)` over the node's rows
/// whose split attribute and label t are known, where F_s is the fraction of
/// the node's weight whose attribute is known (C4.5) and K_t the fraction
/// whose label t is known. The combined score is `Σ_t λ_t · Gain_t` with the
/// main task's λ equal to 1. With λ = 0 for every extra task the tree is
/// exactly the main task's single-task tree.
///
/// ```swift
/// var configuration = InductionConfiguration()
/// configuration.lambda = LambdaSpecification(shared: 0.5)
/// let tree = try TreeInducer(configuration: configuration).fit(dataset)
/// ```
public struct TreeInducer: Sendable {
    /// The criterion, λ and stopping options.
    public var configuration: InductionConfiguration

    /// Creates an inducer.
    public init(configuration: InductionConfiguration = InductionConfiguration()) {
        self.configuration = configuration
    }

    /// Grows a tree on `dataset`'s input and task columns.
    ///
    /// The result is bit-for-bit the same whatever ``InductionConfiguration/threads`` is.
    ///
    /// - Parameter dataset: Data with at least one task column and one row.
    /// - Returns: The grown (unpruned) tree.
    /// - Throws: ``MTLError`` (`.usage`) for a dataset without tasks or rows, or invalid options.
    /// - Complexity: O(rows × attributes × tasks) per tree level, plus one
    ///   O(rows) radix sort per numeric attribute.
    public func fit(_ dataset: Dataset) throws -> MultitaskTree {
        try fit(dataset, lambdas: [configuration.lambda])[0]
    }

    /// Grows one tree per λ specification on the same data (for tuning λ).
    ///
    /// The data is laid out and every numeric attribute sorted once, for all
    /// the trees; each tree is the one ``fit(_:)`` grows with that λ.
    ///
    /// - Parameters:
    ///   - dataset: Data with at least one task column and one row.
    ///   - lambdas: The λ specifications, one tree each.
    /// - Returns: The trees, in the order of `lambdas`.
    /// - Throws: ``MTLError`` as ``fit(_:)`` does.
    /// - Complexity: One sort per numeric attribute, then one growth per λ.
    public func fit(_ dataset: Dataset, lambdas specifications: [LambdaSpecification]) throws -> [MultitaskTree] {
        let schema = TreeSchema(dataset)
        guard !schema.tasks.isEmpty else {
            throw MTLError(.usage, "no tasks: name the task columns with --tasks (columns: \(dataset.columns.map(\.name).joined(separator: ", ")))")
        }
        guard dataset.rowCount > 0 else { throw MTLError(.badData, "'\(dataset.name)' has no rows to learn from") }
        guard dataset.rowCount < _SortedEntry.maximumRows else {
            throw MTLError(.badData, "'\(dataset.name)' has \(dataset.rowCount) rows; mtltree learns from at most \(_SortedEntry.maximumRows - 1)")
        }
        guard configuration.minLeafWeight > 0, configuration.minLeafWeight.isFinite else {
            throw MTLError(.usage, "the minimum leaf weight must be a positive number, not \(configuration.minLeafWeight)")
        }
        if let d = configuration.maxDepth, d < 0 { throw MTLError(.usage, "the maximum depth must be ≥ 0, not \(d)") }
        let resolved = try specifications.map { try $0.resolve(tasks: schema.tasks.map(\.name), mainTask: schema.mainTaskName) }
        let threads = max(1, configuration.threads)
        guard let first = resolved.first else { return [] }
        var data = _TrainingData(dataset, schema: schema, lambdas: first)
        var sorted = data.rootSortedLists(threads: threads)
        return zip(specifications, resolved).enumerated().map { i, item in
            let (specification, lambdas) = item
            data.setLambdas(lambdas)
            var configuration = configuration
            configuration.lambda = specification
            // The last tree takes the lists, so the root's are freed as soon as it is split.
            var lists: [[_SortedEntry]] = []
            if i == resolved.count - 1 { swap(&lists, &sorted) } else { lists = sorted }
            let grown = TreeInducer(configuration: configuration).grow(data, sorted: consume lists, threads: threads)
            return MultitaskTree(
                schema: schema, configuration: configuration, lambdas: lambdas, nodes: grown.nodes,
                classCounts: grown.counts, gains: grown.gains, trainingData: (dataset.name, dataset.rowCount))
        }
    }

    /// Grows the top of the tree one node at a time (each node's attributes
    /// searched in parallel), then the subtrees below it in parallel, each on
    /// its own worker; then lays the tree out flat.
    func grow(_ data: _TrainingData, sorted: consuming [[_SortedEntry]], threads: Int) -> (nodes: [MultitaskTree.Node], counts: [Double], gains: [Double]) {
        let expander = _Expander(data: data, configuration: configuration)
        let root = _NodeData(rows: (0 ..< data.rowCount).map { Int32($0) }, weights: data.weights, sorted: consume sorted, depth: 0)
        // Hand subtrees to workers once there are enough to keep several busy,
        // or they are small. The rule ignores the thread count, so the tree's
        // layout (top, then each subtree in turn) is the same for any count.
        let frontier = 32
        let small = max(2048, data.rowCount / 128)
        var scratch = _Scratch(rows: data.rowCount)
        var top = growSubtree(consume root, expander: expander, scratch: &scratch, threads: threads, breadthFirst: true) { node, pending in
            node.rows.count < small || pending >= frontier
        }
        let pool = _ScratchPool(first: scratch, rows: data.rowCount)
        let order = top.deferred.indices.sorted { top.deferred[$0].rows.count > top.deferred[$1].rows.count }
        // Each worker takes its subtree's rows out of a box, so they are freed as it goes.
        let boxes = order.map { _NodeBox(top.deferred[$0]) }
        top.deferred = []
        let subtreesBySize = parallelMap(order.count, threads: threads) { i -> _GrownTree in
            var scratch = pool.take()
            defer { pool.put(scratch) }
            let grown = growSubtree(boxes[i].take(), expander: expander, scratch: &scratch, threads: 1) { _, _ in false }.nodes
            _releaseFreedMemory()
            return grown
        }
        var subtrees = [_GrownTree](repeating: _GrownTree(stride: data.classStride, tasks: data.taskCount), count: order.count)
        for (i, j) in order.enumerated() { subtrees[j] = subtreesBySize[i] }
        _releaseFreedMemory()
        return layOut(top: top.nodes, subtrees: &subtrees, data: data)
    }

    /// Grows from `root` until `deferIf` says to leave a node to a worker:
    /// breadth first while deferring (so the subtrees handed out are of like
    /// size), depth first otherwise (so few nodes wait at once).
    private func growSubtree(
        _ root: consuming _NodeData, expander: _Expander, scratch: inout _Scratch, threads: Int, breadthFirst: Bool = false,
        deferIf: (_NodeData, Int) -> Bool
    ) -> (nodes: _GrownTree, deferred: [_NodeData]) {
        var tree = _GrownTree(stride: expander.data.classStride, tasks: expander.data.taskCount)
        tree.append(count: 1)
        var deferred: [_NodeData] = []
        var pending: [(node: _NodeData, slot: Int)] = [(consume root, 0)]
        var head = 0
        while head < pending.count {
            let node: _NodeData
            let slot: Int
            if breadthFirst {
                (node, slot) = pending[head]
                pending[head].node = _NodeData(rows: [], weights: [], sorted: [], depth: 0)  // release its rows
                head += 1
            } else {
                (node, slot) = pending.removeLast()
            }
            if slot != 0 && deferIf(node, pending.count - head + deferred.count) {
                tree.nodes[slot].deferred = deferred.count
                deferred.append(node)
                continue
            }
            let (grown, children) = expander.expand(consume node, scratch: &scratch, threads: threads)
            tree.store(grown, at: slot)
            guard !children.isEmpty else { continue }
            let first = tree.nodes.count
            tree.nodes[slot].firstChild = first
            tree.nodes[slot].childCount = children.count
            tree.append(count: children.count)
            if breadthFirst {
                for (c, child) in children.enumerated() { pending.append((child, first + c)) }
            } else {
                for (c, child) in children.enumerated().reversed() { pending.append((child, first + c)) }
            }
        }
        return (tree, deferred)
    }

    /// Lays the tree out flat: the top as grown (breadth first), then each
    /// subtree in turn, its root in the top's slot for it. Children stay
    /// contiguous and after their parent; each subtree is freed once copied.
    private func layOut(top: _GrownTree, subtrees: inout [_GrownTree], data: _TrainingData) -> (nodes: [MultitaskTree.Node], counts: [Double], gains: [Double]) {
        let total = top.nodes.count + subtrees.reduce(0) { $0 + $1.nodes.count } - subtrees.count
        var nodes: [MultitaskTree.Node] = []
        nodes.reserveCapacity(total)
        var counts: [Double] = []
        counts.reserveCapacity(total * data.classStride)
        var gains: [Double] = []
        gains.reserveCapacity(total * data.taskCount)
        func node(_ g: _GrownTree.Node, firstChild: Int) -> MultitaskTree.Node {
            MultitaskTree.Node(weight: g.weight, test: g.test, firstChild: g.childCount == 0 ? 0 : firstChild, childCount: g.childCount, score: g.score)
        }
        nodes += top.nodes.lazy.map { node($0, firstChild: $0.firstChild) }
        counts += top.counts
        gains += top.gains
        // Where each subtree's root goes: the slot of the top node deferred to it.
        var rootSlot = [Int](repeating: 0, count: subtrees.count)
        for (i, g) in top.nodes.enumerated() where g.deferred >= 0 { rootSlot[g.deferred] = i }
        for s in subtrees.indices {
            let tree = subtrees[s]
            subtrees[s] = _GrownTree(stride: data.classStride, tasks: data.taskCount)
            guard !tree.nodes.isEmpty else { continue }
            // Local node j ≥ 1 goes to base + j − 1; the root replaces its placeholder.
            let base = nodes.count
            let slot = rootSlot[s]
            nodes[slot] = node(tree.nodes[0], firstChild: base + tree.nodes[0].firstChild - 1)
            counts.replaceSubrange(slot * data.classStride ..< (slot + 1) * data.classStride, with: tree.counts[0 ..< data.classStride])
            gains.replaceSubrange(slot * data.taskCount ..< (slot + 1) * data.taskCount, with: tree.gains[0 ..< data.taskCount])
            for g in tree.nodes.dropFirst() { nodes.append(node(g, firstChild: base + g.firstChild - 1)) }
            counts += tree.counts[data.classStride...]
            gains += tree.gains[data.taskCount...]
        }
        return (nodes, counts, gains)
    }
}

/// Nodes as grown, before the tree is laid out flat: the structure, and
/// every node's class counts and gains in flat arrays.
struct _GrownTree {
    struct Node {
        var weight = 0.0
        var test: MultitaskTree.SplitTest?
        var score = 0.0
        var firstChild = 0
        var childCount = 0
        /// For a node left to a worker: the index of its subtree.
        var deferred = -1
    }

    let stride: Int
    let tasks: Int
    var nodes: [Node] = []
    var counts: [Double] = []
    var gains: [Double] = []

    init(stride: Int, tasks: Int) {
        self.stride = stride
        self.tasks = tasks
    }

    /// Adds `count` empty nodes.
    mutating func append(count: Int) {
        // Grow by a quarter, not double: a grown tree can hold most of a run's
        // memory at its end, and the slack of doubling would be half of it.
        if nodes.count + count > nodes.capacity {
            let capacity = (nodes.count + count) + (nodes.count + count) / 4 + 16
            nodes.reserveCapacity(capacity)
            counts.reserveCapacity(capacity * stride)
            gains.reserveCapacity(capacity * tasks)
        }
        nodes += repeatElement(Node(), count: count)
        counts += repeatElement(0, count: count * stride)
        gains += repeatElement(0, count: count * tasks)
    }

    /// Records an expanded node in slot `slot`.
    mutating func store(_ grown: _Grown, at slot: Int) {
        nodes[slot].weight = grown.weight
        nodes[slot].test = grown.test
        nodes[slot].score = grown.score
        for k in 0 ..< stride { counts[slot * stride + k] = grown.counts[k] }
        for t in 0 ..< grown.gains.count { gains[slot * tasks + t] = grown.gains[t] }
    }
}

/// A subtree's rows waiting for a worker; taking them leaves the box empty.
final class _NodeBox: @unchecked Sendable {
    private var node: _NodeData?

    init(_ node: _NodeData) { self.node = node }

    /// The rows, once: only the one worker that owns this box calls it.
    func take() -> _NodeData {
        defer { node = nil }
        return node!
    }
}

/// Scratch arrays for the workers, handed out and returned under a lock.
final class _ScratchPool: @unchecked Sendable {
    private var free: [_Scratch]
    private let rows: Int
    private let lock = NSLock()

    init(first: _Scratch, rows: Int) {
        free = [first]
        self.rows = rows
    }

    func take() -> _Scratch {
        lock.withLock { free.popLast() } ?? _Scratch(rows: rows)
    }

    func put(_ scratch: _Scratch) {
        lock.withLock { free.append(scratch) }
    }
}

#if os(Linux)
/// glibc's `malloc_trim(3)`, which the Glibc module does not export.
@_silgen_name("malloc_trim")
private func _mallocTrim(_ pad: Int) -> Int32
#endif

/// Gives the memory freed while growing (the small nodes' lists) back to the
/// system before the tree is laid out, so the two do not add up.
func _releaseFreedMemory() {
    #if os(Linux)
    _ = _mallocTrim(0)
    #endif
}
