/// The best threshold a scan found for one member: the position of its last
/// left row (-1: none), its score, and the left weight.
struct _ScanBest {
    var at = -1
    var score = -Double.infinity
    var leftWeight = 0.0
}

/// The inner loop of the numeric split search: walks the rows in value order,
/// moving each into the left branch, and scores every admissible threshold
/// between distinct values, for each member (λ vector) of the node at once:
/// the per-task terms of a threshold are computed once, and each member's
/// score is its own λ-weighted sum of them.
final class _ThresholdScan: Sendable {
    let taskCount: Int
    /// Per scanned task: its index, class offset, class count, and gain terms.
    let tasks: [Int]
    let offset: [Int]
    let classes: [Int]
    /// The scanned numeric tasks (by ``_VarianceCriterion``), their slots
    /// among the numeric tasks' values, and their statistics' offsets.
    let numeric: [Int]
    let numericSlot: [Int]
    let numericOffset: [Int]
    /// Member k's scale of scanned task j at `k * (tasks.count + numeric.count) + j`
    /// (0 where its λ is), the nominal tasks first; and each one's base term.
    let scale: [Double]
    let base: [Double]
    /// The node's members, and whether each has a scanned task of its own.
    let memberCount: Int
    let memberScans: [Bool]
    let taskWeight: [Double]
    let totals: [Double]
    let known: Double
    let minLeaf: Double
    /// Whether every row weighs 1.
    let unitWeights: Bool
    /// Whether every row's weight is a whole number (1 to 255): the
    /// counts are then whole numbers, and the whole-number scan serves.
    let wholeWeights: Bool
    /// For the whole-number scan: the totals as counts, each scanned task's
    /// labelled count, and the place value of each task in a row's label signature.
    let totalCounts: [Int]
    let taskCounts: [Int]
    let radix: [UInt64]
    /// Whether a row's labels fit in one signature (to skip cuts inside runs).
    let canSkip: Bool
    /// Whether every row here (weighing 1) has a label for every scanned task.
    let everyRowLabelled: Bool

    init(
        taskCount: Int, tasks: [Int], numeric: [Int] = [], numericSlots: [Int] = [], offsets: [Int], classes: [Int], terms: _GainTerms,
        memberScans: [Bool], totals: [Double], known: Double, minLeaf: Double, unitWeights: Bool, wholeWeights: Bool
    ) {
        self.taskCount = taskCount
        self.tasks = tasks
        offset = tasks.map { offsets[$0] }
        self.classes = tasks.map { classes[$0] }
        self.numeric = numeric
        numericSlot = numeric.map { numericSlots[$0] }
        numericOffset = numeric.map { offsets[$0] }
        memberCount = memberScans.count
        self.memberScans = memberScans
        var scale: [Double] = []
        scale.reserveCapacity(memberScans.count * (tasks.count + numeric.count))
        for k in 0 ..< memberScans.count { for t in tasks + numeric { scale.append(terms.scale(k, t)) } }
        self.scale = scale
        base = (tasks + numeric).map { terms.base($0) }
        taskWeight = tasks.map { terms.taskWeight($0) }
        self.totals = totals
        self.known = known
        self.minLeaf = minLeaf
        self.unitWeights = unitWeights
        self.wholeWeights = wholeWeights || unitWeights
        // Only the scanned nominal tasks' class slots are counts: a numeric
        // task's slots hold sums of its values, which need not fit an Int.
        var counts = [Int](repeating: 0, count: self.wholeWeights ? totals.count : 0)
        if self.wholeWeights { for t in tasks { for c in offsets[t] ..< offsets[t] + classes[t] { counts[c] = Int(totals[c]) } } }
        totalCounts = counts
        taskCounts = self.wholeWeights ? tasks.map { Int(terms.taskWeight($0)) } : []
        var radix: [UInt64] = []
        radix.reserveCapacity(tasks.count)
        var product: UInt64 = 1
        for t in tasks {
            radix.append(product)
            let (p, overflow) = product.multipliedReportingOverflow(by: UInt64(classes[t] + 1))
            product = overflow ? 0 : p
        }
        self.radix = radix
        canSkip = product != 0
        everyRowLabelled = self.wholeWeights && taskCounts.allSatisfy { Double($0) == known }
    }

    /// Whether the whole-number scan (``runUnit(order:labels:rows:table:best:binary:floor:)``)
    /// serves: whole weights, totals within the `x log x` table, no numeric task.
    func countsWhole(tableSize: Int) -> Bool { wholeWeights && known < Double(tableSize) && numeric.isEmpty }

    /// Writes each member's best threshold (the first, on ties) to `best`,
    /// with weights as numbers (any weights).
    ///
    /// - Complexity: O(rows × scanned tasks × classes + scored thresholds × members × scanned tasks).
    ///
    /// With numeric tasks scanned, `targets` holds their values (row by row,
    /// `numericTaskCount` a row), and every cut is scored with their terms
    /// (``_VarianceCriterion``) after the nominal tasks'.
    @inline(never)
    func run<Label: FixedWidthInteger>(
        order: UnsafeBufferPointer<_SortedEntry>, weightAt: UnsafeBufferPointer<Double>, labels: UnsafeBufferPointer<Label>,
        missing: Label, table: UnsafeBufferPointer<Double>, best results: UnsafeMutableBufferPointer<_ScanBest>,
        targets: UnsafeBufferPointer<Double> = UnsafeBufferPointer(start: nil, count: 0), numericTaskCount N: Int = 0
    ) {
        results.initialize(repeating: _ScanBest())
        let m = order.count
        let n = tasks.count
        let nn = numeric.count
        let T = taskCount
        var left = [Double](repeating: 0, count: totals.count)
        var leftTask = [Double](repeating: 0, count: n)
        var terms = [Double](repeating: 0, count: memberCount > 1 ? n + nn : 0)
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
        terms.withUnsafeMutableBufferPointer { terms in
        numericSlot.withUnsafeBufferPointer { numericSlot in
        numericOffset.withUnsafeBufferPointer { numericOffset in
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
                for j in 0 ..< nn {
                    let y = targets[r &* N &+ numericSlot[j]]
                    if !y.isNaN { _VarianceCriterion.add(y, weight: w, to: left, at: numericOffset[j]) }
                }
                if !order[i &+ 1].startsValue || leftWeight < minLeaf { continue }
                if known - leftWeight < minLeaf { break }
                var score = 0.0
                for j in 0 ..< n {
                    let o = offset[j]
                    let l = _EntropyCriterion.sideTerm(weight: leftTask[j], left, at: o, classes: classes[j], table: table)
                    let rr = _EntropyCriterion.otherSideTerm(
                        weight: taskWeight[j] - leftTask[j], totals: totals, left: left, at: o, classes: classes[j], table: table)
                    let d = base[j] - l - rr
                    if !terms.isEmpty { terms[j] = d }
                    score += scale[j] * d
                }
                for j in 0 ..< nn {
                    let d = base[n &+ j] - _VarianceCriterion.childTerm(left: left, totals: totals, at: numericOffset[j])
                    if !terms.isEmpty { terms[n &+ j] = d }
                    score += scale[n &+ j] * d
                }
                if score > best {
                    best = score
                    bestAt = i
                    bestLeftWeight = leftWeight
                }
                scoreOtherMembers(terms: UnsafeBufferPointer(terms), scale: scale, at: i, leftWeight: leftWeight, best: results)
            }
        }}}}}}}}}}}}
        results[0] = _ScanBest(at: bestAt, score: best, leftWeight: bestLeftWeight)
    }

    /// Members 1, 2, …'s scores of the threshold after position `at`, from
    /// the per-task terms member 0's score was summed from.
    @inline(__always)
    func scoreOtherMembers(
        terms: UnsafeBufferPointer<Double>, scale: UnsafeBufferPointer<Double>, at i: Int, leftWeight: Double,
        best: UnsafeMutableBufferPointer<_ScanBest>
    ) {
        var k = 1
        while k < memberCount {
            let score = memberScore(k, terms: terms, scale: scale)
            if score > best[k].score { best[k] = _ScanBest(at: i, score: score, leftWeight: leftWeight) }
            k &+= 1
        }
    }

    /// Member k's score from the per-task terms: its λ-weighted sum of them.
    @inline(__always)
    func memberScore(_ k: Int, terms: UnsafeBufferPointer<Double>, scale: UnsafeBufferPointer<Double>) -> Double {
        let n = terms.count
        var score = 0.0
        for j in 0 ..< n { score += scale[k &* n &+ j] * terms[j] }
        return score
    }
}

extension _ThresholdScan {
    /// ``runUnit(order:labels:rows:table:best:binary:floor:)`` with each row's
    /// whole weight from `countAt` (one byte per row), or 1 for every row if `nil`.
    func runCounted<Labels: _LabelSource>(
        order: UnsafeBufferPointer<_SortedEntry>, labels: Labels, countAt: UnsafeBufferPointer<UInt8>?, table: UnsafeBufferPointer<Double>,
        best results: UnsafeMutableBufferPointer<_ScanBest>, binary: UnsafeBufferPointer<SIMD8<Int32>>? = nil,
        floor: UnsafeBufferPointer<Double>? = nil
    ) {
        if let countAt {
            runUnit(order: order, labels: labels, rows: _CountedRows(counts: countAt), table: table, best: results, binary: binary, floor: floor)
        } else {
            runUnit(order: order, labels: labels, rows: _UnitRows(), table: table, best: results, binary: binary, floor: floor)
        }
    }

    /// ``run(order:weightAt:labels:missing:table:best:targets:numericTaskCount:)``
    /// for a node whose rows' weights are whole numbers (each row counted as
    /// often as its weight, `rows`): counts are integers, so every `x log x`
    /// is a plain table lookup, and only boundary points are scored. The
    /// scores are the weighted scan's, to the last bit (the same lookups in
    /// the same order), so a forest's tree, whose bootstrap rows weigh their
    /// numbers of draws, is the tree the weighted scan grows.
    ///
    /// A cut between two runs of rows whose labels (on the scanned tasks) are
    /// all the same cannot beat both ends of the run: each task's weighted
    /// child entropy is concave along such a run (Fayyad & Irani, 1992), so
    /// the λ-weighted sum is too (with whole weights, along the weight moved
    /// left). Cuts strictly inside a run are skipped; the
    /// ends of the run, and the first and last admissible cuts, are scored.
    /// The best score found is the exhaustive search's.
    ///
    /// With `binary` (each label code's classes as 0/1 lanes, one per scanned
    /// task, when every scanned task is binary and labelled on every row
    /// here), a row is counted with one vector add.
    @inline(never)
    func runUnit<Labels: _LabelSource, Rows: _RowCounts>(
        order: UnsafeBufferPointer<_SortedEntry>, labels: Labels, rows: Rows, table: UnsafeBufferPointer<Double>,
        best results: UnsafeMutableBufferPointer<_ScanBest>, binary: UnsafeBufferPointer<SIMD8<Int32>>? = nil,
        floor: UnsafeBufferPointer<Double>? = nil
    ) {
        results.initialize(repeating: _ScanBest())
        withUnsafeTemporaryAllocation(of: Double.self, capacity: memberCount > 1 ? tasks.count : 0) { terms in
        scale.withUnsafeBufferPointer { scale in
        base.withUnsafeBufferPointer { base in
        totalCounts.withUnsafeBufferPointer { totals in
            if let binary {
                var counts = _BinaryCounts(
                    vectors: binary, n: tasks.count, known: Int(known), offset: offset, totals: totals, scale: scale, base: base,
                    table: table)
                scanCuts(order: order, labels: labels, rows: rows, counts: &counts, terms: terms, best: results, floor: floor)
                return
            }
            withUnsafeTemporaryAllocation(of: Int.self, capacity: totals.count + tasks.count) { left in
            tasks.withUnsafeBufferPointer { tasks in
            offset.withUnsafeBufferPointer { offset in
            classes.withUnsafeBufferPointer { classes in
            taskCounts.withUnsafeBufferPointer { taskCounts in
                left.initialize(repeating: 0)
                var counts = _TaskCounts(
                    labels: labels, tasks: tasks, offset: offset, classes: classes, taskCounts: taskCounts, totals: totals,
                    scale: scale, base: base, table: table, left: UnsafeMutableBufferPointer(rebasing: left[..<totals.count]),
                    leftTask: UnsafeMutableBufferPointer(rebasing: left[totals.count...]))
                scanCuts(order: order, labels: labels, rows: rows, counts: &counts, terms: terms, best: results)
            }}}}}
        }}}}
    }

    /// The unit-weight scan's walk: moves the rows left one by one, and
    /// scores the cuts between distinct values that end a run.
    ///
    /// On long lists, when the counts give bounds (``_UnitCounts/bounds(from:to:into:)``),
    /// a first pass counts blocks of rows and scores the cuts at their ends;
    /// the walk then skips every block in which no cut can beat, for any
    /// member, the best score already known. The best found is the same.
    ///
    /// `floor`, when given, holds each member's best score on another
    /// attribute of the node: cuts that cannot beat it may be skipped too, so
    /// a member's best here is exact only if it reaches its floor (the
    /// gain criterion needs no more).
    private func scanCuts<Labels: _LabelSource, Rows: _RowCounts, Counts: _UnitCounts>(
        order: UnsafeBufferPointer<_SortedEntry>, labels: Labels, rows: Rows, counts: inout Counts, terms: UnsafeMutableBufferPointer<Double>,
        best results: UnsafeMutableBufferPointer<_ScanBest>, floor external: UnsafeBufferPointer<Double>? = nil
    ) {
        let m = order.count
        var best = -Double.infinity
        var bestAt = -1
        var bestLeft = 0
        let minLeft = max(1, Int(minLeaf.rounded(.up)))
        let total = Int(known)
        let maxLeft = total - minLeft
        // The last admissible cut: the last change of value with at most maxLeft weight on the left
        // (the cut after position p has the weight of positions p + 1 ..< m on its right).
        var lastCut = m - 2
        var rightOfLast = rows.count(Int(order[m - 1].row))
        while lastCut >= 0 && (!order[lastCut + 1].startsValue || total - rightOfLast > maxLeft) {
            rightOfLast += rows.count(Int(order[lastCut].row))
            lastCut -= 1
        }
        // Shorter lists are worth blocking only against another attribute's score.
        let blockRows = m >= _blockedScanRows ? _blockRows : _shortBlockRows
        let blocked = m >= _blockedScanRows || (external != nil && m >= _shortBlockedScanRows)
        let blocks = Counts.hasBounds && blocked ? (m - 1 + blockRows - 1) / blockRows : 0
        withUnsafeTemporaryAllocation(of: Counts.State.self, capacity: blocks + 1) { states in
        // The weight moved left at each block's end.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: blocks + 1) { leftAt in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * memberCount) { perMember in
        tasks.withUnsafeBufferPointer { tasks in
        classes.withUnsafeBufferPointer { classes in
        scale.withUnsafeBufferPointer { scale in
        radix.withUnsafeBufferPointer { radix in
        memberScans.withUnsafeBufferPointer { memberScans in
            // A row's labels on the scanned tasks as one number, to tell runs apart.
            @inline(__always) func key(_ code: Int) -> UInt64 {
                labels.key(code, tasks: tasks, radix: radix, classes: classes)
            }
            // Each member's best score at a block's end (a lower bound of its best), then its bound over a block.
            let floor = UnsafeMutableBufferPointer(rebasing: perMember[..<memberCount])
            let bound = UnsafeMutableBufferPointer(rebasing: perMember[memberCount...])
            if blocks > 0 {
                if let external {
                    for member in 0 ..< memberCount { floor[member] = external[member] }
                } else {
                    floor.initialize(repeating: -Double.infinity)
                }
                states[0] = counts.state
                leftAt[0] = 0
                var i = 0
                var left = 0
                for k in 0 ..< blocks {
                    let end = min(m - 1, (k + 1) * blockRows)
                    while i < end {
                        let r = Int(order[i].row)
                        let w = rows.count(r)
                        counts.add(code: labels.code(r), count: w)
                        left &+= w
                        i &+= 1
                    }
                    states[k + 1] = counts.state
                    leftAt[k + 1] = left
                    guard order[end].startsValue && left >= minLeft && left <= maxLeft else { continue }
                    floor[0] = max(floor[0], counts.score(leftCount: left, terms: terms))
                    for member in 1 ..< memberCount {
                        floor[member] = max(floor[member], memberScore(member, terms: UnsafeBufferPointer(terms), scale: scale))
                    }
                }
                counts.state = states[0]
            }
            /// Whether no cut in blocks k ..< end can beat any scanning member's
            /// best (member 0's is `best`). Captures nothing mutable: a local
            /// function that does is checked for exclusive access at run time.
            func skips(_ k: Int, to end: Int, best: Double, counts: Counts) -> Bool {
                counts.bounds(from: states[k], to: states[end], into: bound)
                for member in 0 ..< memberCount where memberScans[member] {
                    let known = max(floor[member], member == 0 ? best : results[member].score)
                    if !(bound[member] < known - _boundMargin) { return false }
                }
                return true
            }
            var currentCode = labels.code(Int(order[0].row))
            var currentCount = rows.count(Int(order[0].row))
            var left = 0
            var next = canSkip ? key(currentCode) : 0
            var groupSignature = next
            var groupMixed = false
            var scoredAny = false
            var i = 0
            walk: while i < m - 1 {
                let end = blocks > 0 ? min(m - 1, i + blockRows) : m - 1
                // A run of blocks is bounded as a whole first: far from the best, most runs skip at once.
                let k = i / blockRows
                var skipTo = -1
                if blocks > 0 && k % _blocksPerRun == 0 && k + _blocksPerRun <= blocks
                    && skips(k, to: k + _blocksPerRun, best: best, counts: counts)
                {
                    skipTo = k + _blocksPerRun
                } else if blocks > 0 && skips(k, to: k + 1, best: best, counts: counts) {
                    skipTo = k + 1
                }
                if skipTo >= 0 {
                    counts.state = states[skipTo]
                    left = leftAt[skipTo]
                    i = min(m - 1, skipTo * blockRows)
                    currentCode = labels.code(Int(order[i].row))
                    currentCount = rows.count(Int(order[i].row))
                    next = canSkip ? key(currentCode) : 0
                    // The group running on was not watched: its cut is scored.
                    groupSignature = next
                    groupMixed = true
                    continue
                }
                while i < end {
                    defer { i &+= 1 }
                    let nextRow = Int(order[i &+ 1].row)
                    let nextCode = labels.code(nextRow)
                    counts.add(code: currentCode, count: currentCount)
                    left &+= currentCount
                    currentCode = nextCode
                    currentCount = rows.count(nextRow)
                    let current = next
                    if canSkip {
                        next = key(nextCode)
                        if current != groupSignature { groupMixed = true }
                    }
                    if !order[i &+ 1].startsValue { continue }
                    // A new group of equal values starts at i + 1; decide on the cut before it.
                    let leftGroupSignature = groupSignature
                    let leftGroupMixed = groupMixed
                    groupSignature = next
                    groupMixed = false
                    let leftCount = left
                    if leftCount < minLeft { continue }
                    if leftCount > maxLeft { break walk }
                    if canSkip && scoredAny && i != lastCut && !leftGroupMixed && next == leftGroupSignature
                        && (i &+ 2 >= m || order[i &+ 2].startsValue)
                    {
                        continue  // inside a run of identically labelled rows
                    }
                    scoredAny = true
                    let score = counts.score(leftCount: leftCount, terms: terms)
                    if score > best {
                        best = score
                        bestAt = i
                        bestLeft = leftCount
                    }
                    scoreOtherMembers(terms: UnsafeBufferPointer(terms), scale: scale, at: i, leftWeight: Double(leftCount), best: results)
                }
            }
        }}}}}}}}
        results[0] = _ScanBest(at: bestAt, score: best, leftWeight: Double(bestLeft))
    }
}

/// Lists at least this long are scanned in blocks of `_blockRows` rows,
/// skipping the blocks whose bound falls short of the best score known.
let _blockedScanRows = 512
let _blockRows = 32
/// Blocks first bounded together, as one run (a looser bound, found once).
let _blocksPerRun = 8
/// Shorter lists, from this long, are scanned in blocks of
/// `_shortBlockRows` when a floor (another attribute's best) is known: in
/// small nodes most cuts are scored, and most attributes fall short.
let _shortBlockedScanRows = 64
let _shortBlockRows = 16
/// How far below the best known score a block's bound must fall to be
/// skipped: far above the rounding of either (scores are in bits).
let _boundMargin = 1e-9
