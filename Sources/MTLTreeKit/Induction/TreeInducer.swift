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
    /// - Throws: ``MTLError``: `.usage` for a dataset without tasks or invalid options; `.badData` for one without rows, or with a nominal task that has no class (every cell missing).
    /// - Complexity: O(rows × attributes × tasks) per tree level, plus one
    ///   O(rows) radix sort per numeric attribute.
    public func fit(_ dataset: Dataset) throws -> MultitaskTree {
        try fit(dataset, lambdas: [configuration.lambda])[0]
    }

    /// Grows one tree per λ specification on the same data (for tuning λ).
    ///
    /// The data is laid out and every numeric attribute sorted once, for all
    /// the trees, and the trees grow in lockstep: a node the trees share is
    /// expanded once, with each task's gain terms computed once per candidate
    /// threshold and each λ's combined score a weighted sum of them; the
    /// trees part only where their chosen splits differ. Each tree is the one
    /// ``fit(_:)`` grows with that λ (node for node; the order of the nodes
    /// in the tree may differ).
    ///
    /// - Parameters:
    ///   - dataset: Data with at least one task column and one row.
    ///   - lambdas: The λ specifications, one tree each.
    /// - Returns: The trees, in the order of `lambdas`.
    /// - Throws: ``MTLError`` as ``fit(_:)`` does.
    /// - Complexity: One sort per numeric attribute, then the union of the
    ///   trees' nodes, each expanded once.
    public func fit(_ dataset: Dataset, lambdas specifications: [LambdaSpecification]) throws -> [MultitaskTree] {
        try fit(dataset, lambdas: specifications, mainTaskOnly: false)
    }

    /// ``fit(_:lambdas:)``; with `mainTaskOnly` (and a main task), for a
    /// caller that reads only the main task's predictions of the trees once
    /// C4.5's shared pruning (a confidence factor) has pruned them, as
    /// ``LambdaTuner`` does: no node whose labelled main-task rows are all of
    /// one class is split. Pruning would collapse it anyway: every node below
    /// it has no main-task error, so as a leaf each is estimated to make
    /// f(N) = `N · U_CF(0, N)` errors, f being concave and 0 at 0; the
    /// children's main-task weights sum to their parent's (a row with a
    /// missing value is split in fractions that sum to 1), so, bottom up,
    /// every subtree's estimate is at least its root's f(N), and the node,
    /// whose own estimate is f(N), is collapsed (C4.5's margin of 0.1 absorbs
    /// rounding). Its estimate, and every decision above it, is then the same
    /// as if it had not been split. The pruned trees, and so the main task's
    /// predictions, are the same, for less growth. (Unpruned, they may
    /// differ: a row with a missing value mixes the Laplace estimates of
    /// several leaves, and a pure node's differ from its leaves'.)
    func fit(_ dataset: Dataset, lambdas specifications: [LambdaSpecification], mainTaskOnly: Bool) throws -> [MultitaskTree] {
        let schema = TreeSchema(dataset)
        guard !schema.tasks.isEmpty else {
            throw MTLError(.usage, "no tasks among the columns \(dataset.columns.map(\.name).joined(separator: ", "))", hint: .nameTasks)
        }
        guard dataset.rowCount > 0 else { throw MTLError(.badData, "'\(dataset.name)' has no rows to learn from") }
        guard dataset.rowCount < _SortedEntry.maximumRows else {
            throw MTLError(.badData, "'\(dataset.name)' has \(dataset.rowCount) rows; mtltree learns from at most \(_SortedEntry.maximumRows - 1)")
        }
        try schema.checkEveryNominalTaskHasAClass()
        guard configuration.minLeafWeight > 0, configuration.minLeafWeight.isFinite else {
            throw MTLError(.usage, "the minimum leaf weight must be a positive number, not \(configuration.minLeafWeight)")
        }
        if let d = configuration.maxDepth, d < 0 { throw MTLError(.usage, "the maximum depth must be ≥ 0, not \(d)") }
        try _MemoryBudget.checkClassCounts(schema: schema, rows: dataset.rowCount, minLeaf: configuration.minLeafWeight)
        let resolved = try specifications.map { try $0.resolve(tasks: schema.tasks.map(\.name), mainTask: schema.mainTaskName) }
        let threads = max(1, configuration.threads)
        guard !resolved.isEmpty else { return [] }
        let batches = stride(from: 0, to: resolved.count, by: _Members.capacity).map { $0 ..< min(resolved.count, $0 + _Members.capacity) }
        var data = _TrainingData(dataset, schema: schema, members: Array(resolved[batches[0]]))
        var lists: _NodeLists? = data.rootLists(threads: threads)
        var trees: [MultitaskTree] = []
        for (b, batch) in batches.enumerated() {
            data.setMembers(Array(resolved[batch]))
            // The last batch reorders the root's lists in place; the others reorder copies.
            // (Handed over, so they are freed with the last grown node, before the trees are laid out.)
            let batchLists = b == batches.count - 1 ? lists.take()! : lists!.copied()
            var grown = grow(data, lists: consume batchLists, threads: threads, mainTaskOnly: mainTaskOnly && schema.hasMainTask)
            for (k, i) in batch.enumerated() {
                var configuration = configuration
                configuration.lambda = specifications[i]
                // The last member's layout frees the grown nodes as it copies them.
                var tree = grown.layOut(member: k, data: data, consuming: k == batch.count - 1)
                data.summarizeNumericTasks(&tree.counts)
                trees.append(MultitaskTree(
                    uncheckedSchema: schema, configuration: configuration, lambdas: resolved[i], nodes: tree.nodes,
                    classCounts: tree.counts, gains: tree.gains, trainingData: (dataset.name, dataset.rowCount)))
            }
        }
        return trees
    }

    /// Grows the top of the trees one node at a time (each node's attributes
    /// searched in parallel), then the subtrees below it in parallel, each on
    /// its own worker; every member of `data` grows at once.
    ///
    /// With a `sample` (a forest's tree), the root holds the sample's rows
    /// and weights, `lists` are the sample's (``_TreeSample``), and every
    /// node searches the attributes the sample's draw gives it.
    func grow(
        _ data: _TrainingData, lists: consuming _NodeLists, threads: Int, mainTaskOnly: Bool = false, sample: _TreeSample? = nil
    ) -> _GrownForest {
        var expander = _Expander(data: data, configuration: configuration, mainTaskOnly: mainTaskOnly)
        let root: _NodeData
        if let sample {
            expander.attributeDraw = sample.attributeDraw
            root = _NodeData(rows: sample.rows, weights: sample.weights, lists: consume lists, depth: 0, seed: sample.seed)
        } else {
            let weights = data.weights.allSatisfy { $0 == 1 } ? [] : data.weights
            root = _NodeData(rows: (0 ..< data.rowCount).map { Int32($0) }, weights: weights, lists: consume lists, depth: 0)
        }
        let everyMember = _Members(all: data.memberLambdas.count)
        // Hand subtrees to workers once there are enough to keep several busy,
        // or they are small. The rule ignores the thread count, so the tree's
        // layout (top, then each subtree in turn) is the same for any count.
        let frontier = 32
        let small = max(2048, data.rowCount / 128)
        var scratch = _Scratch(rows: data.rowCount)
        var top = growSubtree(consume root, members: everyMember, expander: expander, scratch: &scratch, threads: threads, breadthFirst: true) {
            node, pending in node.rows.count < small || pending >= frontier
        }
        let pool = _ScratchPool(first: scratch, rows: data.rowCount)
        let order = top.deferred.indices.sorted { top.deferred[$0].node.rows.count > top.deferred[$1].node.rows.count }
        // Each worker takes its subtree's rows out of a box, so they are freed
        // as it goes, and gives back the pages of the subtree's lists when done.
        let boxes = order.map { _NodeBox(top.deferred[$0].node) }
        let subtreeMembers = order.map { top.deferred[$0].members }
        top.deferred = []
        // Returning freed memory to the system is a system call that walks the
        // heap: worth it only after a large subtree (its rows, weights and
        // split lists were allocated and freed node by node).
        let listEntries = { (rows: Int) in rows * data.attributes.count }
        let subtreesBySize = parallelMap(order.count, threads: threads) { i -> _GrownTree in
            var scratch = pool.take()
            defer { pool.put(scratch) }
            let node = boxes[i].take()
            let lists = node.lists
            let large = listEntries(node.rows.count) >= _largeListEntries
            let grown = growSubtree(node, members: subtreeMembers[i], expander: expander, scratch: &scratch, threads: 1) { _, _ in
                false
            }.nodes
            lists?.discard()
            if large { _releaseFreedMemory() }
            return grown
        }
        var subtrees = [_GrownTree](repeating: _GrownTree(stride: data.classStride, tasks: data.taskCount), count: order.count)
        for (i, j) in order.enumerated() { subtrees[j] = subtreesBySize[i] }
        if listEntries(data.rowCount) >= _largeListEntries { _releaseFreedMemory() }
        return _GrownForest(top: top.nodes, subtrees: subtrees)
    }

    /// Grows from `root` until `deferIf` says to leave a node to a worker:
    /// breadth first while deferring (so the subtrees handed out are of like
    /// size), depth first otherwise (so few nodes wait at once).
    private func growSubtree(
        _ root: consuming _NodeData, members: _Members, expander: _Expander, scratch: inout _Scratch, threads: Int,
        breadthFirst: Bool = false, deferIf: (_NodeData, Int) -> Bool
    ) -> (nodes: _GrownTree, deferred: [(node: _NodeData, members: _Members)]) {
        var tree = _GrownTree(stride: expander.data.classStride, tasks: expander.data.taskCount)
        // A binary tree whose leaves hold at least `minLeaf` rows has under 2 · rows / minLeaf nodes.
        let minLeaf = max(1, expander.configuration.minLeafWeight)
        // (No more than memory allows: room reserved is address space, and `ulimit -v` counts it.)
        tree.reserve(nodes: min(_MemoryBudget.mostNodes(rows: root.rows.count, minLeaf: minLeaf), _MemoryBudget.reservableNodes(stride: expander.data.classStride)))
        tree.append(count: 1)
        var deferred: [(node: _NodeData, members: _Members)] = []
        var pending: [(node: _NodeData, slot: Int, members: _Members)] = [(consume root, 0, members)]
        var head = 0
        while head < pending.count {
            let node: _NodeData
            let slot: Int
            let members: _Members
            if breadthFirst {
                (node, slot, members) = pending[head]
                pending[head].node = _NodeData(rows: [], weights: [], depth: 0)  // release its rows
                head += 1
            } else {
                (node, slot, members) = pending.removeLast()
            }
            if slot != 0 && deferIf(node, pending.count - head + deferred.count) {
                tree.nodes[slot].deferred = deferred.count
                deferred.append((node, members))
                continue
            }
            let (grown, children) = expander.expand(consume node, members: members, scratch: &scratch, threads: threads)
            tree.store(grown, at: slot)
            for (split, nodes) in zip(grown.splits, children) {
                let first = tree.addSplit(split, at: slot)
                if breadthFirst {
                    for (c, child) in nodes.enumerated() { pending.append((child, first + c, split.members)) }
                } else {
                    for (c, child) in nodes.enumerated().reversed() { pending.append((child, first + c, split.members)) }
                }
            }
        }
        return (tree, deferred)
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

/// The size of a subtree, in rows × attributes, from which returning the
/// memory freed while growing it is worth a `malloc_trim`.
let _largeListEntries = 1 << 18

/// Gives the memory freed while growing (the small nodes' lists) back to the
/// system before the tree is laid out, so the two do not add up.
func _releaseFreedMemory() {
    #if os(Linux)
    _ = _mallocTrim(0)
    #endif
}

extension TreeSchema {
    /// Throws for a nominal task without a class (every cell missing, no
    /// value declared): there is nothing to learn, and a model of it could
    /// not be read back (a model's task needs a class). The command line
    /// says so when it reads the file; this guards the library's callers
    /// (the iCalendar fuzz target found it: events without a LOCATION).
    func checkEveryNominalTaskHasAClass() throws(MTLError) {
        if let task = tasks.first(where: { !$0.isNumeric && $0.classes.isEmpty }) {
            throw MTLError(.badData, "task '\(task.name)' has no labelled rows (every cell is missing), so there is nothing to learn")
        }
    }
}
