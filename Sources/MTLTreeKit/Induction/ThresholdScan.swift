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
                if !order[i].valueChangesNext || leftWeight < minLeaf { continue }
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
        while lastCut >= 0 && !order[lastCut].valueChangesNext { lastCut -= 1 }
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
                if !order[i].valueChangesNext { continue }
                // A new group of equal values starts at i + 1; decide on the cut before it.
                let leftGroupSignature = groupSignature
                let leftGroupMixed = groupMixed
                groupSignature = next
                groupMixed = false
                let leftCount = i &+ 1
                if leftCount < minLeft { continue }
                if leftCount > maxLeft { break }
                if canSkip && scoredAny && i != lastCut && !leftGroupMixed && next == leftGroupSignature
                    && (i &+ 2 >= m || order[i &+ 1].valueChangesNext)
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
