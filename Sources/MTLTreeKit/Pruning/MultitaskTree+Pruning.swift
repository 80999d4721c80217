extension MultitaskTree {
    /// The tree pruned as C4.5 prunes, then each task's own pruned view.
    ///
    /// **Shared pruning** (when `configuration.confidence` is set): C4.5's
    /// pessimistic error-based pruning, bottom-up. A leaf with class counts
    /// summing to N, E of them outside its most frequent class, is expected
    /// to make `N · U_CF(E, N)` errors, `U_CF` being the upper limit of the
    /// binomial confidence interval at confidence CF (Quinlan, *C4.5*, 1993,
    /// ch. 4), computed as C4.5's `AddErrs` computes it (a normal
    /// approximation, exact when E = 0). An internal node's subtree is expected
    /// to make the sum of its children's (already pruned) estimates. A node
    /// becomes a leaf when its own estimate is at most its subtree's plus 0.1,
    /// as in C4.5. Errors are counted on the main task; with no main task, on
    /// all tasks summed. Counts are weighted, so fractional rows (from
    /// missing values) count with their weight. A collapsed node keeps its
    /// class counts and loses its test, score and gains; its descendants are
    /// removed and the tree is laid out again, breadth first.
    ///
    /// **Per-task pruning** (when `configuration.perTask`): then, for every
    /// task, the same estimate on that task's counts alone marks, in
    /// ``taskStops``, the highest nodes where stopping the task's predictions
    /// is estimated no worse than descending; ``predict(_:)`` stops there for
    /// that task. Nodes with no labelled rows for a task are never marked
    /// (they predict it from an ancestor anyway). With no confidence factor
    /// given, per-task pruning uses the one the tree was pruned with before,
    /// if any (so a tree's recorded ``pruning`` gives it back its stops),
    /// else C4.5's default, 0.25. After shared pruning
    /// with a main task, the main task has nothing left to stop, so only the
    /// extra tasks get stops.
    ///
    /// **No subtree raising.** C4.5 may also replace a node by its largest
    /// branch; that needs the training rows, re-sent down the raised branch to
    /// recount every node in it, and a tree keeps counts, not rows. In a
    /// multitask tree it would moreover rewrite every task's counts below the
    /// node on the main task's word alone, and leave the raised tests' stored
    /// gains describing rows they no longer see. Collapsing only keeps each
    /// node's counts and gains true to the data that reached it in growth.
    ///
    /// Pruning is idempotent: pruning a pruned tree with the same
    /// configuration gives the same tree. ``pruning`` records the shared
    /// confidence factor (this one, or the tree's earlier one if none is given)
    /// and whether per-task stops are present; without `perTask`, earlier
    /// stops are removed.
    ///
    /// ```swift
    /// let tree = try TreeInducer().fit(dataset).pruned(.default)
    /// try TreeModel(tree).write(to: "model.json")
    /// ```
    ///
    /// - Parameter configuration: The confidence factor and whether to prune
    ///   per task.
    /// - Returns: The pruned tree, never larger than this one, with the same
    ///   counts at every node it keeps.
    /// - Throws: ``MTLError`` (`.usage`) if the confidence factor to be used
    ///   (this configuration's, else the tree's recorded one) is not in (0, 1]
    ///   (see ``PruningConfiguration/validate()``).
    /// - Complexity: O(nodes × tasks × classes): one bottom-up sweep for the
    ///   shared tree, then one per task.
    public func pruned(_ configuration: PruningConfiguration) throws(MTLError) -> MultitaskTree {
        try configuration.validate()
        try PruningConfiguration(confidence: configuration.confidence ?? pruning.confidence).validate()
        var tree = self
        if let confidence = configuration.confidence {
            let estimate = PessimisticError(confidence: confidence)
            tree = collapsing(nodesToCollapse(estimate, tasks: schema.hasMainTask ? 0 ..< 1 : 0 ..< schema.tasks.count))
        }
        let confidence = configuration.confidence ?? pruning.confidence
        tree.taskStops = configuration.perTask ? tree.taskStopMarks(PessimisticError(confidence: confidence ?? 0.25)) : []
        tree.pruning = PruningConfiguration(confidence: confidence, perTask: configuration.perTask)
        return tree
    }

    /// C4.5's bottom-up decisions on `tasks`' errors summed: `true` at each
    /// internal node whose subtree does not pay for itself, its estimate as a
    /// leaf being at most its subtree's plus 0.1. A subtree's estimate is the
    /// sum of its children's, each already the smaller of the two below it.
    /// Descendants of a marked node may be marked too.
    func nodesToCollapse(_ estimate: PessimisticError, tasks: Range<Int>) -> [Bool] {
        nodesToCollapse(leafErrors: leafErrors(estimate, tasks: tasks), tasks: tasks.count, summing: 0 ..< tasks.count)
    }

    /// ``nodesToCollapse(_:tasks:)`` from each node's estimated errors as a
    /// leaf, task by task (at `node * tasks + t`), summed over `summing`.
    private func nodesToCollapse(leafErrors: [Double], tasks T: Int, summing: Range<Int>) -> [Bool] {
        var collapse = [Bool](repeating: false, count: nodes.count)
        var estimated = [Double](repeating: 0, count: nodes.count)
        // Children come after their parent, so a reverse sweep sees them first.
        for n in nodes.indices.reversed() {
            var leaf = 0.0
            for t in summing { leaf += leafErrors[n &* T &+ t] }
            guard !nodes[n].isLeaf else {
                estimated[n] = leaf
                continue
            }
            let subtree = nodes[n].children.reduce(0.0) { $0 + estimated[$1] }
            // C4.5's 0.1: prefer the smaller tree when the two are about even.
            if leaf <= subtree + 0.1 {
                collapse[n] = true
                estimated[n] = leaf
            } else {
                estimated[n] = subtree
            }
        }
        return collapse
    }

    /// Each node's estimated errors as a leaf on each of `tasks`, at
    /// `node * tasks.count + (task - tasks.lowerBound)`. The estimates (each
    /// with a logarithm or an exponential) are independent, so a large
    /// tree's are computed on all cores, each as it would be alone.
    private func leafErrors(_ estimate: PessimisticError, tasks: Range<Int>) -> [Double] {
        let T = tasks.count
        let blockNodes = 4096
        let blocks = (nodes.count + blockNodes - 1) / blockNodes
        let parts = parallelMap(blocks, threads: blocks > 1 ? defaultThreadCount : 1) { b in
            var part: [Double] = []
            part.reserveCapacity(blockNodes * T)
            for n in b * blockNodes ..< min(nodes.count, (b + 1) * blockNodes) {
                for t in tasks {
                    part.append(schema.tasks[t].isNumeric ? numericLeafError(node: n, task: t) : estimate.leafErrors(counts(node: n, task: t)))
                }
            }
            return part
        }
        return Array(parts.joined())
    }

    /// The tree with every node marked in `collapse` turned into a leaf and
    /// its descendants removed, laid out breadth first (children contiguous,
    /// after their parent), counts and gains following their nodes. Per-task
    /// stops are dropped; ``pruned(_:)`` recomputes them.
    func collapsing(_ collapse: [Bool]) -> MultitaskTree {
        let T = schema.tasks.count
        let stride = schema.classStride
        var order = [0]
        var nodes: [Node] = []
        var classCounts: [Double] = []
        var gains: [Double] = []
        nodes.reserveCapacity(self.nodes.count)
        var head = 0
        while head < order.count {
            let old = order[head]
            head += 1
            var node = self.nodes[old]
            if node.isLeaf || collapse[old] {
                node = Node(weight: node.weight)
                gains += repeatElement(0, count: T)
            } else {
                let first = order.count
                order += node.children
                node.firstChild = first
                gains += self.gains[old * T ..< (old + 1) * T]
            }
            nodes.append(node)
            classCounts += self.classCounts[old * stride ..< (old + 1) * stride]
        }
        var tree = self
        tree.nodes = nodes
        tree.classCounts = classCounts
        tree.gains = gains
        tree.taskStops = []
        return tree
    }

    /// Per-task pruning: ``taskStops`` for this tree's shape, each task pruned
    /// on its own counts with C4.5's rule (see ``nodesToCollapse(_:tasks:)``),
    /// or `[]` when no task stops anywhere.
    ///
    /// Only the highest stop on each path is kept, since predictions never
    /// look below it. A node without labelled rows for a task is not marked:
    /// its prediction for the task comes from an ancestor either way.
    ///
    /// - Complexity: O(nodes × tasks × classes).
    func taskStopMarks(_ estimate: PessimisticError) -> [Bool] {
        let T = schema.tasks.count
        var stops = [Bool](repeating: false, count: nodes.count * T)
        var below = [Bool](repeating: false, count: nodes.count)
        let leafErrors = leafErrors(estimate, tasks: 0 ..< T)
        for t in 0 ..< T {
            let marks = nodesToCollapse(leafErrors: leafErrors, tasks: T, summing: t ..< t + 1)
            // Children come after their parent: a forward sweep is top-down.
            for n in nodes.indices where !nodes[n].isLeaf {
                stops[n * T + t] = marks[n] && !below[n] && labelledWeight(node: n, task: t) > 0
                for c in nodes[n].children { below[c] = below[n] || stops[n * T + t] }
            }
        }
        return stops.contains(true) ? stops : []
    }

    /// A numeric task's estimated error at node `n` as a leaf predicting its
    /// mean, as M5 estimates a constant model's (Quinlan 1992; Wang & Witten
    /// 1997): the rows' deviation from the mean (here the root mean square,
    /// the standard deviation the node keeps) inflated by `(W + ν) / (W − ν)`
    /// for ν = 1 fitted parameter (by 10 when W ≤ ν), times the labelled
    /// weight W. It is in units of the task's standard deviation over all
    /// training rows, so that it weighs like a count of errors beside the
    /// nominal tasks' (a leaf no better than the root mean makes about W).
    /// Like C4.5's, a subtree's estimate is the sum of its leaves', each
    /// inflated for its own few rows, so a split must earn its leaves.
    func numericLeafError(node n: Int, task t: Int) -> Double {
        let (w, _, variance) = summary(node: n, task: t)
        let rootDeviation = summary(node: 0, task: t).variance.squareRoot()
        guard w > 0, rootDeviation > 0 else { return 0 }
        let nu = 1.0
        let inflation = w > nu ? (w + nu) / (w - nu) : 10
        return w * variance.squareRoot() / rootDeviation * inflation
    }

    /// The number of leaves in task `task`'s pruned view: the nodes where its
    /// predictions stop (see ``isLeaf(node:task:)``) and that it can reach,
    /// not being below another such node. Without per-task stops, ``leafCount``.
    ///
    /// - Parameter task: A task index, in ``TreeSchema/tasks`` order.
    /// - Complexity: O(nodes).
    public func leafCount(task: Int) -> Int {
        var reached = [Bool](repeating: false, count: nodes.count)
        reached[0] = true
        var leaves = 0
        for n in nodes.indices where reached[n] {
            if isLeaf(node: n, task: task) {
                leaves += 1
            } else {
                for c in nodes[n].children { reached[c] = true }
            }
        }
        return leaves
    }
}
