extension _ThresholdScan {
    /// Whether the numeric-task kernel (``runNumericUnit(order:targets:numericTaskCount:best:)``)
    /// serves this scan: only numeric tasks scanned (at most
    /// ``_numericKernelTasks``), every row weighing 1 and labelled for each.
    var numericUnit: Bool {
        unitWeights && tasks.isEmpty && !numeric.isEmpty && numeric.count <= _numericKernelTasks
            && numericOffset.allSatisfy { totals[$0] == known }
    }

    /// The threshold scan for numeric tasks only, rows weighing 1 and all
    /// labelled: the left side's Σy of every task is kept in vector
    /// registers (four tasks a vector), and a cut's score needs two
    /// divisions, whatever the number of tasks.
    ///
    /// With unit weights and every row labelled, W_left = rows on the left
    /// for every task, and a task's term at a cut (``_VarianceCriterion``)
    ///
    ///     base − term(left) − term(right) = S_l²/W_l + (S − S_l)²/(W − W_l) − S²/W,
    ///
    /// Σy² cancelling out (each row is on one side): so Σy² is not summed,
    /// and the subtraction of large sums of squares (whose rounding the
    /// generic scan clamps) is gone. The same cuts are scored as by
    /// ``run(order:weightAt:labels:missing:table:best:targets:numericTaskCount:)``,
    /// with each task's term equal to its term there up to rounding.
    ///
    /// - Complexity: O(rows × ⌈tasks / 4⌉ + scored thresholds × (members × tasks)).
    @inline(never)
    func runNumericUnit(
        order: UnsafeBufferPointer<_SortedEntry>, targets: UnsafeBufferPointer<Double>, numericTaskCount N: Int,
        best results: UnsafeMutableBufferPointer<_ScanBest>
    ) {
        results.initialize(repeating: _ScanBest())
        let m = order.count
        let n = numeric.count
        let chunks = (n + 3) / 4
        let total = known
        var best = -Double.infinity
        var bestAt = -1
        withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: 4 * chunks) { vectors in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: memberCount > 1 ? n : 0) { terms in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * chunks) { slots in
        scale.withUnsafeBufferPointer { scale in
            // Per chunk of four tasks: the left sums, the totals S, S²/W, and member 0's scales (0 in unused lanes).
            let left = UnsafeMutableBufferPointer(rebasing: vectors[0 ..< chunks])
            let sums = UnsafeMutableBufferPointer(rebasing: vectors[chunks ..< 2 * chunks])
            let node = UnsafeMutableBufferPointer(rebasing: vectors[2 * chunks ..< 3 * chunks])
            let weights = UnsafeMutableBufferPointer(rebasing: vectors[3 * chunks ..< 4 * chunks])
            vectors.initialize(repeating: SIMD4())
            // Unused lanes read the row's first task (any number will do: their scale is 0).
            slots.initialize(repeating: numericSlot[0])
            for j in 0 ..< n {
                let s = totals[numericOffset[j] &+ 1]
                sums[j / 4][j % 4] = s
                node[j / 4][j % 4] = s * s / total
                weights[j / 4][j % 4] = scale[j]
                slots[j] = numericSlot[j]
            }
            for i in 0 ..< m - 1 {
                let row = Int(order[i].row) &* N
                for c in 0 ..< chunks {
                    let o = c &* 4
                    left[c] += SIMD4(
                        targets[row &+ slots[o]], targets[row &+ slots[o &+ 1]], targets[row &+ slots[o &+ 2]],
                        targets[row &+ slots[o &+ 3]])
                }
                if !order[i &+ 1].startsValue { continue }
                let lw = Double(i &+ 1)
                if lw < minLeaf { continue }
                let rw = total - lw
                if rw < minLeaf { break }
                let inverseLeft = 1 / lw
                let inverseRight = 1 / rw
                var score = 0.0
                for c in 0 ..< chunks {
                    let l = left[c]
                    let r = sums[c] - l
                    let d = l * l * inverseLeft + r * r * inverseRight - node[c]
                    if !terms.isEmpty {
                        for lane in 0 ..< min(4, n &- c &* 4) { terms[c &* 4 &+ lane] = d[lane] }
                    }
                    score += (weights[c] * d).sum()
                }
                if score > best {
                    best = score
                    bestAt = i
                }
                scoreOtherMembers(terms: UnsafeBufferPointer(terms), scale: scale, at: i, leftWeight: lw, best: results)
            }
        }}}}
        results[0] = _ScanBest(at: bestAt, score: best, leftWeight: Double(bestAt + 1))
    }
}

/// The most numeric tasks the numeric-task kernel scans (more go through
/// the generic scan).
let _numericKernelTasks = 16
