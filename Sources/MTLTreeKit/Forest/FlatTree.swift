/// A forest tree laid out for walking many rows fast: each node's test in 16
/// bytes, and, at each node where a row's walk ends, the probabilities (or
/// numeric values) it adds for every task, computed once per tree instead of
/// once per row.
///
/// A row whose tested values are all known follows one path down the tree
/// and stops at the first node where every task's prediction has stopped
/// (a leaf, or where per-task pruning stopped the last task). There each
/// task is predicted from the deepest node on the path, before the task
/// stopped, with rows labelled for it: exactly the single path of
/// ``MultitaskTree/forEachPrediction(_:rows:tasks:_:)``. So the values a
/// path adds are fixed per end node; they are stored here, computed with the
/// walk's arithmetic (`0 + 1 × (n_k + 1) / (N + K)`, bit for bit), so a
/// forest's sums come out the same to the last bit. A row with a missing or
/// unseen tested value is handed back to the tree's own walk.
///
/// Memory: 16 bytes per node reached before an end, plus per end node one
/// double per class of each task (a numeric task: one).
struct _FlatTree {
    /// One node. `attribute` ≥ 0: a numeric test on the input in that slot
    /// of a row (`x ≤ threshold` goes to `next`, else `next + 1`); −1: a walk
    /// ends here, and `next` is the row of ``ends``; ≤ −2: a nominal test on
    /// the input in slot `−2 − attribute`, and `next` is where its children
    /// by value code start in ``branches``; `Int32.min`: every walk strays
    /// (see ``init(strayingEverywhere:)``).
    struct Node {
        var threshold: Double
        var attribute: Int32
        var next: Int32
    }

    /// The nodes, indexed as the tree's (nodes no walk reaches stay ends of row 0).
    let nodes: [Node]
    /// For nominal tests: per value code of the attribute, the child it goes to (−1: none).
    let branches: [Int32]
    /// End `e`'s values at `e * width ..< (e + 1) * width`: per task in order,
    /// a nominal task's class probabilities or a numeric task's value.
    let ends: [Double]
    /// The values one end holds: Σ over tasks of its classes (1 for a numeric task).
    let width: Int

    /// Lays `tree` out.
    ///
    /// - Parameters:
    ///   - tree: A tree of at most 64 tasks.
    ///   - slots: Per attribute of the schema, its slot among the numeric or
    ///     the nominal inputs of a row (see ``step(_:nodes:branches:numeric:nominal:)``).
    ///   - rawFrequencies: Whether ends hold plain class frequencies n_k / N
    ///     (where N > 0) instead of Laplace-corrected ones.
    /// - Complexity: O(nodes × (tasks + classes)).
    init(_ tree: MultitaskTree, slots: [Int32], rawFrequencies: Bool) {
        let schema = tree.schema
        let T = schema.tasks.count
        precondition(T <= 64, "a flat tree walks at most 64 tasks")
        let widths = schema.tasks.map { $0.isNumeric ? 1 : $0.classes.count }
        let width = widths.reduce(0, +)
        var nodes = [Node](repeating: Node(threshold: 0, attribute: -1, next: 0), count: tree.nodes.count)
        var branches: [Int32] = []
        var ends: [Double] = []
        // The node each task is predicted from on the way (the deepest with rows labelled for it).
        var source = [Int32](repeating: 0, count: tree.nodes.count * T)
        // Where task t's counts start in a node's statistics, and how many
        // say whether rows labelled for it reached the node (a numeric task: its weight).
        let offsets = schema.classOffsets
        let labelWidths = schema.tasks.map { $0.isNumeric ? 1 : $0.classes.count }
        let stride = schema.classStride
        let counts = tree.classCounts
        let stops = tree.taskStops
        var pending: [(node: Int, going: UInt64)] = [(0, T >= 64 ? ~0 : (1 << UInt64(T)) - 1)]
        while let (n, parentGoing) = pending.popLast() {
            // What `_Walk.init`'s `enter` does: move sources, stop tasks.
            var going = parentGoing
            let isLeaf = tree.nodes[n].isLeaf
            for t in 0 ..< T where parentGoing & (1 << UInt64(t)) != 0 {
                let start = n &* stride &+ offsets[t]
                for j in 0 ..< labelWidths[t] where counts[start &+ j] > 0 {
                    source[n &* T &+ t] = Int32(n)
                    break
                }
                if isLeaf || (!stops.isEmpty && stops[n &* T &+ t]) { going &= ~(1 << UInt64(t)) }
            }
            guard going != 0 else {
                nodes[n] = Node(threshold: 0, attribute: -1, next: Int32(ends.count / max(1, width)))
                for t in 0 ..< T { Self.appendEstimate(tree, node: Int(source[n * T + t]), task: t, raw: rawFrequencies, to: &ends) }
                continue
            }
            let node = tree.nodes[n]
            switch node.test {
            case .numeric(let a, let threshold)?:
                nodes[n] = Node(threshold: threshold, attribute: slots[a], next: Int32(node.firstChild))
            case .nominal(let a, let codes)?:
                nodes[n] = Node(threshold: 0, attribute: -2 - slots[a], next: Int32(branches.count))
                var map = [Int32](repeating: -1, count: schema.attributes[a].values.count)
                // The first child with the code, as `firstIndex(of:)` finds it.
                for (i, code) in codes.enumerated().reversed() where code >= 0 && Int(code) < map.count { map[Int(code)] = Int32(node.firstChild + i) }
                branches += map
            case nil:
                preconditionFailure("a node without children stops every task")
            }
            for c in node.children {
                for t in 0 ..< T { source[c * T + t] = source[n * T + t] }
                pending.append((c, going))
            }
        }
        self.nodes = nodes
        self.branches = branches
        self.ends = ends
        self.width = width
    }

    /// A layout whose every walk strays at the root: for a tree of more than
    /// 64 tasks, whose rows all take the tree's own walk.
    init(strayingEverywhere: Void) {
        nodes = [Node(threshold: 0, attribute: .min, next: 0)]
        branches = []
        ends = []
        width = 0
    }

    /// Appends what the walk adds, with weight 1 into zeros, for task `t`
    /// predicted from `node`: the same operations in the same order, so the
    /// same bits.
    private static func appendEstimate(_ tree: MultitaskTree, node: Int, task t: Int, raw: Bool, to ends: inout [Double]) {
        let weight = 1.0
        if tree.schema.tasks[t].isNumeric {
            ends.append(0 + weight * tree.summary(node: node, task: t).mean)
            return
        }
        let counts = tree.counts(node: node, task: t)
        let total = counts.reduce(0, +)
        let k = Double(counts.count)
        if raw, total > 0 {
            for c in counts { ends.append(0 + weight * c / total) }
            return
        }
        for c in counts { ends.append(0 + weight * (c + 1) / (total + k)) }
    }

    /// One step of a row's walk from node `n`: the node it goes to (≥ 0);
    /// at an end `e`, `−1 − e`; at a missing or unseen tested value, `Int.min`.
    ///
    /// - Parameters:
    ///   - numeric: The row's numeric inputs, by slot.
    ///   - nominal: The row's nominal inputs by slot, as value codes in the
    ///     tree's coding (−1: missing or unseen).
    @inline(__always)
    static func step(
        _ n: Int, nodes: UnsafeBufferPointer<Node>, branches: UnsafeBufferPointer<Int32>, numeric: UnsafePointer<Double>,
        nominal: UnsafePointer<Int32>
    ) -> Int {
        let node = nodes[n]
        if node.attribute >= 0 {
            let x = numeric[Int(node.attribute)]
            if x.isNaN { return .min }
            return Int(node.next) &+ (x <= node.threshold ? 0 : 1)
        }
        if node.attribute == -1 { return -1 &- Int(node.next) }
        if node.attribute == .min { return .min }
        let code = nominal[Int(-2 - node.attribute)]
        if code < 0 { return .min }
        let child = branches[Int(node.next) &+ Int(code)]
        return child < 0 ? .min : Int(child)
    }
}
