/// What the split search knows of a node before trying any split.
struct _NodeStats {
    /// The node's total weight W.
    var weight: Double
    /// Weighted class counts of every task (flat, by class offset).
    var counts: [Double]
    /// Per task, the weight of the rows whose label is known (K_t · W).
    var labelledWeight: [Double]
    /// The number of rows at the node.
    var rowCount: Int
    /// Whether every row at the node has weight 1 (the scan then skips weight lookups).
    var unitWeights: Bool
}

/// The best split of one attribute at a node.
struct _Candidate {
    var attribute: Int
    /// Σ_t λ_t · Gain_t.
    var score: Double
    /// The entropy of the branch weights, missing counted as a branch.
    var splitInfo: Double
    /// For a numeric attribute, the threshold θ of `x ≤ θ`.
    var threshold: Double = 0
    /// For a nominal attribute, the value codes present (one branch each).
    var branches: [Int32] = []
}

/// Per-task constants of the gain formula at a node, for one attribute:
/// Gain_t = scale_t · (base_t − Σ_c [xlx(W_ct) − Σ_k xlx(n_ctk)]), where
/// base_t = xlx(W_t) − Σ_k xlx(n_tk) and scale_t = λ_t · F · K_t / W_t.
struct _GainTerms {
    var scale: [Double]
    var base: [Double]
    var taskWeight: [Double]

    /// Computes the terms from the class totals of the rows whose attribute is known.
    init(totals: [Double], knownWeight: Double, node: _NodeStats, data: _TrainingData, tasks: [Int], table: UnsafeBufferPointer<Double>) {
        scale = [Double](repeating: 0, count: data.taskCount)
        base = scale
        taskWeight = scale
        let f = knownWeight / node.weight
        for t in tasks {
            let o = data.classOffsets[t]
            var w = 0.0
            var sum = 0.0
            for k in 0 ..< data.classCounts[t] {
                w += totals[o + k]
                sum += xlx(totals[o + k], table)
            }
            taskWeight[t] = w
            guard w > 0 else { continue }
            base[t] = xlx(w, table) - sum
            scale[t] = data.lambdas[t] * f * (node.labelledWeight[t] / node.weight) / w
        }
    }
}

/// The entropy of branch weights plus the missing weight, as C4.5's split information.
func splitInformation(_ branchWeights: [Double], missing: Double) -> Double {
    let total = branchWeights.reduce(0, +) + missing
    return entropy(branchWeights + [missing], total: total)
}

extension _TrainingData {
    /// The best threshold of numeric attribute `attribute` at a node, by combined score.
    ///
    /// `order` lists the node's rows whose value is known, by value. A threshold
    /// lies between two adjacent distinct values, and both sides must hold at
    /// least `minLeaf` weight.
    ///
    /// - Complexity: O(order.count × active tasks × classes).
    func bestNumericSplit(
        attribute: Int, values: [Double], order: [_SortedEntry], node: _NodeStats, weightAt: UnsafeBufferPointer<Double>,
        minLeaf: Double, shared: _ThresholdScan?
    ) -> _Candidate? {
        let m = order.count
        guard m >= 2 else { return nil }
        let shared = m == node.rowCount ? shared : nil
        let tasks = activeTasks
        let T = taskCount
        // Class totals of the rows whose value is known: the node's own when none is missing.
        var totals = node.counts
        var known = node.weight
        if shared == nil && m != node.rowCount {
            totals = [Double](repeating: 0, count: classStride)
            known = 0
            labels.withUnsafeBufferPointer { labels in
                for entry in order {
                    let r = Int(entry.row)
                    let w = weightAt[r]
                    known += w
                    for t in tasks {
                        let c = labels[r * T + t]
                        if c >= 0 { totals[classOffsets[t] + Int(c)] += w }
                    }
                }
            }
        }
        guard known >= 2 * minLeaf else { return nil }
        guard let scan = shared ?? thresholdScan(totals: totals, known: known, node: node, minLeaf: minLeaf) else { return nil }
        return xlxTable.withUnsafeBufferPointer { table in
            let (bestAt, best, bestLeftWeight) = order.withUnsafeBufferPointer { order in
                if let rowSignatures, scan.unitWeights && known < Double(table.count) {
                    rowSignatures.withUnsafeBufferPointer { signatures in
                        signatureClasses.withUnsafeBufferPointer { classes in
                            scan.runUnit(order: order, labels: _SignatureLabels(signatures: signatures, classes: classes, taskCount: taskCount), table: table)
                        }
                    }
                } else if let packedLabels {
                    packedLabels.withUnsafeBufferPointer { scan.run(order: order, weightAt: weightAt, labels: $0, missing: 255, table: table) }
                } else {
                    labels.withUnsafeBufferPointer { scan.run(order: order, weightAt: weightAt, labels: $0, missing: -1, table: table) }
                }
            }
            guard bestAt >= 0 else { return nil }
            let low = values[Int(order[bestAt].row)]
            let high = values[Int(order[bestAt + 1].row)]
            var threshold = low + (high - low) / 2
            if !(threshold >= low && threshold < high) { threshold = low }
            let info = splitInformation([bestLeftWeight, known - bestLeftWeight], missing: node.weight - known)
            return _Candidate(attribute: attribute, score: best, splitInfo: info, threshold: threshold)
        }
    }

    /// The scan's constants for rows whose attribute is known, with these class
    /// totals; `nil` when no task carries weight. One serves every attribute
    /// with no missing value at the node.
    func thresholdScan(totals: [Double], known: Double, node: _NodeStats, minLeaf: Double) -> _ThresholdScan? {
        xlxTable.withUnsafeBufferPointer { table in
            let terms = _GainTerms(totals: totals, knownWeight: known, node: node, data: self, tasks: activeTasks, table: table)
            // Only tasks that carry weight here enter the scan.
            let scanned = activeTasks.filter { terms.taskWeight[$0] > 0 }
            guard !scanned.isEmpty else { return nil }
            return _ThresholdScan(
                taskCount: taskCount, tasks: scanned, offsets: classOffsets, classes: classCounts, terms: terms,
                totals: totals, known: known, minLeaf: minLeaf, unitWeights: node.unitWeights)
        }
    }

    /// The split of nominal attribute `attribute` at a node: one branch per value present.
    ///
    /// Admissible only if at least two branches hold `minLeaf` weight.
    ///
    /// - Complexity: O(rows × active tasks + values × classes).
    func nominalSplit(
        attribute: Int, codes: [Int32], valueCount: Int, rows: [Int32], rowWeights: [Double], node: _NodeStats,
        minLeaf: Double
    ) -> _Candidate? {
        let tasks = activeTasks
        let T = taskCount
        var table = [Double](repeating: 0, count: valueCount * classStride)
        var valueWeight = [Double](repeating: 0, count: valueCount)
        var totals = [Double](repeating: 0, count: classStride)
        labels.withUnsafeBufferPointer { labels in
            codes.withUnsafeBufferPointer { codes in
                for (i, row) in rows.enumerated() {
                    let r = Int(row)
                    let v = Int(codes[r])
                    guard v >= 0 else { continue }
                    let w = rowWeights[i]
                    valueWeight[v] += w
                    for t in tasks {
                        let c = labels[r * T + t]
                        if c >= 0 {
                            table[v * classStride + classOffsets[t] + Int(c)] += w
                            totals[classOffsets[t] + Int(c)] += w
                        }
                    }
                }
            }
        }
        let present = (0 ..< valueCount).filter { valueWeight[$0] > 0 }
        guard present.count >= 2, present.filter({ valueWeight[$0] >= minLeaf }).count >= 2 else { return nil }
        let known = present.reduce(0.0) { $0 + valueWeight[$1] }
        return xlxTable.withUnsafeBufferPointer { table0 in
            let terms = _GainTerms(totals: totals, knownWeight: known, node: node, data: self, tasks: tasks, table: table0)
            var score = 0.0
            for t in tasks where terms.taskWeight[t] > 0 {
                let o = classOffsets[t]
                var children = 0.0
                for v in present {
                    var w = 0.0
                    var sum = 0.0
                    for k in 0 ..< classCounts[t] {
                        let c = table[v * classStride + o + k]
                        w += c
                        sum += xlx(c, table0)
                    }
                    children += xlx(w, table0) - sum
                }
                score += terms.scale[t] * (terms.base[t] - children)
            }
            let info = splitInformation(present.map { valueWeight[$0] }, missing: node.weight - known)
            return _Candidate(attribute: attribute, score: score, splitInfo: info, branches: present.map { Int32($0) })
        }
    }
}

/// The inner loop of the numeric split search: walks the rows in value order,
/// moving each into the left branch, and scores every admissible threshold
/// between distinct values.
struct _ThresholdScan {
    let taskCount: Int
    /// Per scanned task: its index, class offset, class count, and gain terms.
    let tasks: [Int]
    let offset: [Int]
    let classes: [Int]
    let scale: [Double]
    let base: [Double]
    let taskWeight: [Double]
    let totals: [Double]
    let known: Double
    let minLeaf: Double
    let unitWeights: Bool
    /// For the unit-weight scan: the totals as counts, each scanned task's
    /// labelled count, and the place value of each task in a row's label signature.
    let totalCounts: [Int]
    let taskCounts: [Int]
    let radix: [UInt64]
    /// Whether a row's labels fit in one signature (to skip cuts inside runs).
    let canSkip: Bool

    init(
        taskCount: Int, tasks: [Int], offsets: [Int], classes: [Int], terms: _GainTerms, totals: [Double], known: Double,
        minLeaf: Double, unitWeights: Bool
    ) {
        self.taskCount = taskCount
        self.tasks = tasks
        offset = tasks.map { offsets[$0] }
        self.classes = tasks.map { classes[$0] }
        scale = tasks.map { terms.scale[$0] }
        base = tasks.map { terms.base[$0] }
        taskWeight = tasks.map { terms.taskWeight[$0] }
        self.totals = totals
        self.known = known
        self.minLeaf = minLeaf
        self.unitWeights = unitWeights
        totalCounts = unitWeights ? totals.map { Int($0) } : []
        taskCounts = unitWeights ? tasks.map { Int(terms.taskWeight[$0]) } : []
        var radix: [UInt64] = []
        var product: UInt64 = 1
        for t in tasks {
            radix.append(product)
            let (p, overflow) = product.multipliedReportingOverflow(by: UInt64(classes[t] + 1))
            product = overflow ? 0 : p
        }
        self.radix = radix
        canSkip = product != 0
    }

    /// Returns the position, score and left weight of the best threshold (the first, on ties).
    ///
    /// - Complexity: O(rows × scanned tasks × classes).
    @inline(never)
    func run<Label: FixedWidthInteger>(
        order: UnsafeBufferPointer<_SortedEntry>, weightAt: UnsafeBufferPointer<Double>, labels: UnsafeBufferPointer<Label>,
        missing: Label, table: UnsafeBufferPointer<Double>
    ) -> (Int, Double, Double) {
        if unitWeights && known < Double(table.count) {
            return runUnit(order: order, labels: _PackedLabels(labels: labels, missing: missing, taskCount: taskCount), table: table)
        }
        let m = order.count
        let n = tasks.count
        let T = taskCount
        var left = [Double](repeating: 0, count: totals.count)
        var leftTask = [Double](repeating: 0, count: n)
        var best = -Double.infinity
        var bestAt = -1
        var bestLeftWeight = 0.0
        var leftWeight = 0.0
        tasks.withUnsafeBufferPointer { tasks in
        offset.withUnsafeBufferPointer { offset in
        classes.withUnsafeBufferPointer { classes in
        scale.withUnsafeBufferPointer { scale in
        base.withUnsafeBufferPointer { base in
        taskWeight.withUnsafeBufferPointer { taskWeight in
        totals.withUnsafeBufferPointer { totals in
        left.withUnsafeMutableBufferPointer { left in
        leftTask.withUnsafeMutableBufferPointer { leftTask in
            for i in 0 ..< m - 1 {
                let r = Int(order[i].row)
                let w = unitWeights ? 1.0 : weightAt[r]
                leftWeight += w
                let labelRow = r &* T
                for j in 0 ..< n {
                    let c = labels[labelRow &+ tasks[j]]
                    if c != missing {
                        left[offset[j] &+ Int(c)] += w
                        leftTask[j] += w
                    }
                }
                if order[i].rank == order[i + 1].rank || leftWeight < minLeaf { continue }
                if known - leftWeight < minLeaf { break }
                var score = 0.0
                for j in 0 ..< n {
                    let o = offset[j]
                    var l = xlx(leftTask[j], table)
                    var rr = xlx(taskWeight[j] - leftTask[j], table)
                    for c in 0 ..< classes[j] {
                        let lc = left[o &+ c]
                        l -= xlx(lc, table)
                        rr -= xlx(totals[o &+ c] - lc, table)
                    }
                    score += scale[j] * (base[j] - l - rr)
                }
                if score > best {
                    best = score
                    bestAt = i
                    bestLeftWeight = leftWeight
                }
            }
        }}}}}}}}}
        return (bestAt, best, bestLeftWeight)
    }
}

extension _ThresholdScan {
    /// ``run(order:weightAt:labels:missing:totals:table:)`` for a node whose
    /// rows all weigh 1: counts are integers, so every `x log x` is a plain
    /// table lookup, and only boundary points are scored.
    ///
    /// A cut between two runs of rows whose labels (on the scanned tasks) are
    /// all the same cannot beat both ends of the run: each task's weighted
    /// child entropy is concave along such a run (Fayyad & Irani, 1992), so
    /// the λ-weighted sum is too. Cuts strictly inside a run are skipped; the
    /// ends of the run, and the first and last admissible cuts, are scored.
    /// The best score found is the exhaustive search's.
    @inline(never)
    func runUnit<Labels: _LabelSource>(
        order: UnsafeBufferPointer<_SortedEntry>, labels: Labels, table: UnsafeBufferPointer<Double>
    ) -> (Int, Double, Double) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: totals.count + tasks.count) { counts in
            counts.initialize(repeating: 0)
            return runUnit(
                order: order, labels: labels, table: table,
                left: UnsafeMutableBufferPointer(rebasing: counts[..<totals.count]),
                leftTask: UnsafeMutableBufferPointer(rebasing: counts[totals.count...]))
        }
    }

    private func runUnit<Labels: _LabelSource>(
        order: UnsafeBufferPointer<_SortedEntry>, labels: Labels,
        table: UnsafeBufferPointer<Double>, left: UnsafeMutableBufferPointer<Int>, leftTask: UnsafeMutableBufferPointer<Int>
    ) -> (Int, Double, Double) {
        let m = order.count
        let n = tasks.count
        var best = -Double.infinity
        var bestAt = -1
        let minLeft = max(1, Int(minLeaf.rounded(.up)))
        let maxLeft = Int(known) - minLeft
        // The last admissible cut: the last change of value with at most maxLeft rows on the left.
        var lastCut = min(maxLeft, m - 1) - 1
        while lastCut >= 0 && order[lastCut].rank == order[lastCut + 1].rank { lastCut -= 1 }
        tasks.withUnsafeBufferPointer { tasks in
        offset.withUnsafeBufferPointer { offset in
        classes.withUnsafeBufferPointer { classes in
        scale.withUnsafeBufferPointer { scale in
        base.withUnsafeBufferPointer { base in
        radix.withUnsafeBufferPointer { radix in
        taskCounts.withUnsafeBufferPointer { taskCounts in
        totalCounts.withUnsafeBufferPointer { totals in
            @inline(__always) func signature(_ row: Int) -> UInt64 {
                var s: UInt64 = 0
                for j in 0 ..< n {
                    let c = labels.label(row, tasks[j])
                    s &+= radix[j] &* (c < 0 ? UInt64(classes[j]) : UInt64(c))
                }
                return s
            }
            var next = canSkip ? signature(Int(order[0].row)) : 0
            var groupSignature = next
            var groupMixed = false
            var scoredAny = false
            for i in 0 ..< m - 1 {
                let row = Int(order[i].row)
                for j in 0 ..< n {
                    let c = labels.label(row, tasks[j])
                    if c >= 0 {
                        left[offset[j] &+ c] &+= 1
                        leftTask[j] &+= 1
                    }
                }
                let current = next
                if canSkip {
                    next = signature(Int(order[i &+ 1].row))
                    if current != groupSignature { groupMixed = true }
                }
                if order[i].rank == order[i &+ 1].rank { continue }
                // A new group of equal values starts at i + 1; decide on the cut before it.
                let leftGroupSignature = groupSignature
                let leftGroupMixed = groupMixed
                groupSignature = next
                groupMixed = false
                let leftCount = i &+ 1
                if leftCount < minLeft { continue }
                if leftCount > maxLeft { break }
                if canSkip && scoredAny && i != lastCut && !leftGroupMixed && next == leftGroupSignature
                    && (i &+ 2 >= m || order[i &+ 2].rank != order[i &+ 1].rank)
                {
                    continue  // inside a run of identically labelled rows
                }
                scoredAny = true
                var score = 0.0
                for j in 0 ..< n {
                    let o = offset[j]
                    let lt = leftTask[j]
                    var l = table[lt]
                    var rr = table[taskCounts[j] &- lt]
                    for c in 0 ..< classes[j] {
                        let lc = left[o &+ c]
                        l -= table[lc]
                        rr -= table[totals[o &+ c] &- lc]
                    }
                    score += scale[j] * (base[j] - l - rr)
                }
                if score > best {
                    best = score
                    bestAt = i
                }
            }
        }}}}}}}}
        return (bestAt, best, Double(bestAt + 1))
    }
}

/// Where the unit-weight scan reads a row's class for a task (-1 unknown).
protocol _LabelSource {
    func label(_ row: Int, _ task: Int) -> Int
}

/// Labels stored row by row, one integer per task.
struct _PackedLabels<Label: FixedWidthInteger>: _LabelSource {
    let labels: UnsafeBufferPointer<Label>
    let missing: Label
    let taskCount: Int

    @inline(__always)
    func label(_ row: Int, _ task: Int) -> Int {
        let c = labels[row &* taskCount &+ task]
        return c == missing ? -1 : Int(c)
    }
}

/// Labels as one signature byte per row, decoded through a small table.
struct _SignatureLabels: _LabelSource {
    let signatures: UnsafeBufferPointer<UInt8>
    let classes: UnsafeBufferPointer<Int8>
    let taskCount: Int

    @inline(__always)
    func label(_ row: Int, _ task: Int) -> Int {
        Int(classes[Int(signatures[row]) &* taskCount &+ task])
    }
}
