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
    /// Whether every row's weight is a whole number from 1 to 255 (unit
    /// weights, or a forest's bootstrap rows weighing their numbers of
    /// draws): counts are then whole numbers, and the whole-number scan serves.
    var wholeWeights: Bool
}

/// The best split of one attribute at a node.
struct _Candidate {
    var attribute: Int
    /// Σ_t λ_t · Gain_t.
    var score: Double
    /// The entropy of the branch weights, missing counted as a branch.
    var splitInfo: Double
    /// For a numeric attribute, the threshold θ of `x ≤ θ` (set once the
    /// candidate wins), between the values at positions `cut` and `cut + 1`
    /// of the node's sorted list.
    var threshold: Double = 0
    var cut = -1
    // A nominal attribute's branches (one per value present) are found once
    // it wins (``_TrainingData/presentValues(codes:valueCount:rows:rowWeights:)``):
    // an array here would make every node's candidates costly to create and destroy.
}

/// Per-task constants of the gain formula at a node, for one attribute:
/// Gain_t = (scale_t / λ_t) · (base_t − Σ_c term(child c)), where base_t is
/// the task's criterion term of the rows whose attribute is known (for a
/// nominal task xlx(W_t) − Σ_k xlx(n_tk)) and scale_t = λ_t · F · K_t / W_t
/// (over V_t,root too for a numeric task), so a member's combined score is
/// Σ_t scale_t · (base_t − …) with its own λ. A task with no weight here
/// (or a numeric task without variance) has weight 0 and enters no scan.
struct _GainTerms {
    /// Task t's weight at t, its base at `tasks + t`, and member k's scale of
    /// task t at `2 · tasks + k · tasks + t` (one array: one allocation a node).
    private var values: [Double]
    private let tasks: Int

    /// Member k's (k-th of the node's members) scale of task t.
    func scale(_ k: Int, _ t: Int) -> Double { values[2 &* tasks &+ k &* tasks &+ t] }
    func base(_ t: Int) -> Double { values[tasks &+ t] }
    func taskWeight(_ t: Int) -> Double { values[t] }

    /// Computes the terms from the class totals of the rows whose attribute is known.
    init(
        totals: [Double], knownWeight: Double, node: _NodeStats, data: _TrainingData, tasks active: [Int], members: _Members,
        table: UnsafeBufferPointer<Double>
    ) {
        let T = data.taskCount
        tasks = T
        values = [Double](repeating: 0, count: (2 + members.count) * T)
        let f = knownWeight / node.weight
        totals.withUnsafeBufferPointer { totals in
        for t in active {
            let numeric = data.isNumeric(t)
            let (w, term) = numeric
                ? _VarianceCriterion.term(totals, at: data.classOffsets[t])
                : _EntropyCriterion.term(totals, at: data.classOffsets[t], classes: data.classCounts[t], table: table)
            // A numeric task without variance over the training rows has no gain anywhere.
            guard w > 0, !numeric || data.rootVariance[t] > 0 else { continue }
            values[t] = w
            values[T + t] = term
            let norm = numeric ? w * data.rootVariance[t] : w
            for (k, member) in members.enumerated() {
                values[2 * T + k * T + t] = data.memberLambdas[member][t] * f * (node.labelledWeight[t] / node.weight) / norm
            }
        }
        }
    }
}

/// The read-only tables a node's threshold scans read, as pointers taken
/// once per node. Reaching them through their arrays in the per-attribute
/// loop retains and releases each array every time; with two threads, both
/// cores then bounce the same reference counts between their caches.
struct _ScanTables {
    /// `n log2 n` by count (``_TrainingData/xlxTable``).
    let xlx: UnsafeBufferPointer<Double>
    /// Each row's label signature and the classes of each signature, when rows have them.
    let signatures: UnsafeBufferPointer<UInt8>?
    let signatureClasses: UnsafeBufferPointer<Int8>
    /// For a node with one member, each signature's run key on its tasks.
    let keys: UnsafeBufferPointer<UInt8>?
    /// The members' tasks' classes as 0/1 lanes per signature, when all are binary.
    let binary: UnsafeBufferPointer<SIMD8<Int32>>?
    /// Each row's weight (the node's rows only).
    let weightAt: UnsafeBufferPointer<Double>
    /// Each row's weight as a byte (the node's rows only), when the node's
    /// weights are whole but not all 1; else `nil`.
    let countAt: UnsafeBufferPointer<UInt8>?
}

extension _TrainingData {
    /// Calls `body` with the tables of a node whose members are `members`
    /// (their binary lanes `binary`, empty if none) and whose row weights are
    /// `weightAt` (and `countAt` as bytes, if whole and not all 1; else empty).
    func withScanTables<R>(
        members: _Members, binary: [SIMD8<Int32>], weightAt: [Double], countAt: [UInt8], _ body: (_ScanTables) -> R
    ) -> R {
        // One member's run key ignores the tasks it does not weigh; a shared scan keys on every task.
        let keys = rowSignatures != nil && members.count == 1 ? memberSignatureKeys[members.first] : []
        let signatures = rowSignatures ?? []
        return xlxTable.withUnsafeBufferPointer { xlx in
        signatures.withUnsafeBufferPointer { signatures in
        signatureClasses.withUnsafeBufferPointer { signatureClasses in
        keys.withUnsafeBufferPointer { keys in
        binary.withUnsafeBufferPointer { binary in
        weightAt.withUnsafeBufferPointer { weightAt in
        countAt.withUnsafeBufferPointer { countAt in
            body(
                _ScanTables(
                    xlx: xlx, signatures: rowSignatures == nil ? nil : signatures, signatureClasses: signatureClasses,
                    keys: keys.isEmpty ? nil : keys, binary: binary.isEmpty ? nil : binary, weightAt: weightAt,
                    countAt: countAt.isEmpty ? nil : countAt))
        }}}}}}}
    }
}

extension _TrainingData {
    /// The best threshold of numeric attribute `attribute` at a node, by each
    /// member's combined score, into `out` (one slot per member, `nil` where
    /// the member has no admissible threshold). The split information (for
    /// the gain ratio) is computed only if `splitInfo`.
    ///
    /// `order` lists the node's rows whose value is known, by value. A threshold
    /// lies between two adjacent distinct values, and both sides must hold at
    /// least `minLeaf` weight.
    ///
    /// With `floor` (each member's best score on the node's other attributes
    /// so far), thresholds that provably score below it may go unscored: the
    /// member's candidate is then the best of those scored, or `nil`.
    ///
    /// - Complexity: O(order.count × active tasks × classes), plus O(members × tasks) per scored threshold.
    func bestNumericSplits(
        attribute: Int, order: UnsafeBufferPointer<_SortedEntry>, node: _NodeStats, tables: _ScanTables, minLeaf: Double,
        members: _Members, tasks: [Int], shared: _ThresholdScan?, splitInfo: Bool, floor: UnsafeBufferPointer<Double>? = nil,
        into out: UnsafeMutableBufferPointer<_Candidate?>
    ) {
        let m = order.count
        guard m >= 2 else { return }
        let T = taskCount
        let weightAt = tables.weightAt
        // Class totals of the rows whose value is known: the node's own when
        // none is missing (and then the node's shared scan serves).
        var known = node.weight
        let scan: _ThresholdScan?
        if m == node.rowCount {
            scan = shared ?? thresholdScan(totals: node.counts, known: known, node: node, minLeaf: minLeaf, members: members, tasks: tasks)
        } else {
            var totals = [Double](repeating: 0, count: classStride)
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
            addNumericTotals(order: order, weightAt: weightAt, tasks: tasks, into: &totals)
            scan = known >= 2 * minLeaf
                ? thresholdScan(totals: totals, known: known, node: node, minLeaf: minLeaf, members: members, tasks: tasks) : nil
        }
        guard known >= 2 * minLeaf, let scan else { return }
        let table = tables.xlx
        withUnsafeTemporaryAllocation(of: _ScanBest.self, capacity: scan.memberCount) { best in
            if scan.numericUnit {
                // Numeric tasks only, rows weighing 1, all labelled: the left sums in registers.
                targets.withUnsafeBufferPointer { targets in
                    scan.runNumericUnit(order: order, targets: targets, numericTaskCount: numericTaskCount, best: best)
                }
            } else if !scan.numeric.isEmpty {
                // A numeric task's values are read row by row, with every cut scored.
                labels.withUnsafeBufferPointer { labels in
                targets.withUnsafeBufferPointer { targets in
                    scan.run(
                        order: order, weightAt: weightAt, labels: labels, missing: -1, table: table, best: best, targets: targets,
                        numericTaskCount: numericTaskCount)
                }}
            } else if let signatures = tables.signatures, scan.countsWhole(tableSize: table.count) {
                let labels = _SignatureLabels(
                    signatures: signatures, classes: tables.signatureClasses, taskCount: taskCount, keys: tables.keys)
                // Binary tasks all labelled here: count a row with one vector add. (The
                // scan's tasks are those of `tasks` with weight here: all, if as many.)
                let vectors = tables.binary != nil && scan.everyRowLabelled && scan.tasks.count == tasks.count ? tables.binary : nil
                scan.runCounted(order: order, labels: labels, countAt: tables.countAt, table: table, best: best, binary: vectors, floor: floor)
            } else if scan.countsWhole(tableSize: table.count) {
                // Whole weights without signatures: the labels are read task by task.
                if let packedLabels {
                    packedLabels.withUnsafeBufferPointer {
                        scan.runCounted(
                            order: order, labels: _PackedLabels(labels: $0, missing: 255, taskCount: taskCount), countAt: tables.countAt,
                            table: table, best: best)
                    }
                } else {
                    labels.withUnsafeBufferPointer {
                        scan.runCounted(
                            order: order, labels: _PackedLabels(labels: $0, missing: -1, taskCount: taskCount), countAt: tables.countAt,
                            table: table, best: best)
                    }
                }
            } else if let packedLabels {
                packedLabels.withUnsafeBufferPointer {
                    scan.run(order: order, weightAt: weightAt, labels: $0, missing: 255, table: table, best: best)
                }
            } else {
                labels.withUnsafeBufferPointer {
                    scan.run(order: order, weightAt: weightAt, labels: $0, missing: -1, table: table, best: best)
                }
            }
            // The threshold waits until the attribute wins: its values are reads the cache has likely lost.
            for k in 0 ..< scan.memberCount where scan.memberScans[k] && best[k].at >= 0 {
                let info = splitInfo ? splitInformation(best[k].leftWeight, known - best[k].leftWeight, missing: node.weight - known) : 0
                out[k] = _Candidate(attribute: attribute, score: best[k].score, splitInfo: info, cut: best[k].at)
            }
        }
    }

    /// Adds the numeric tasks' statistics of the rows in `order` (W, Σwy, Σwy², by
    /// ``_VarianceCriterion``) to `totals`, at each task's offset.
    func addNumericTotals(order: UnsafeBufferPointer<_SortedEntry>, weightAt: UnsafeBufferPointer<Double>, tasks: [Int], into totals: inout [Double]) {
        let N = numericTaskCount
        guard N > 0 else { return }
        totals.withUnsafeMutableBufferPointer { totals in
        targets.withUnsafeBufferPointer { targets in
            for t in tasks where isNumeric(t) {
                let j = numericSlot[t]
                for entry in order {
                    let r = Int(entry.row)
                    let y = targets[r &* N &+ j]
                    if !y.isNaN { _VarianceCriterion.add(y, weight: weightAt[r], to: totals, at: classOffsets[t]) }
                }
            }
        }}
    }

    /// The threshold between positions `cut` and `cut + 1` of `order` (the
    /// node's sorted list of numeric attribute `values`): their midpoint, or
    /// the lower value where the midpoint rounds to the upper.
    func threshold(values: [Double], order: UnsafeBufferPointer<_SortedEntry>, cut: Int) -> Double {
        let low = values[Int(order[cut].row)]
        let high = values[Int(order[cut + 1].row)]
        let threshold = low + (high - low) / 2
        return threshold >= low && threshold < high ? threshold : low
    }

    /// The scan's constants for rows whose attribute is known, with these class
    /// totals; `nil` when no task carries weight. One serves every attribute
    /// with no missing value at the node.
    func thresholdScan(
        totals: [Double], known: Double, node: _NodeStats, minLeaf: Double, members: _Members, tasks: [Int]
    ) -> _ThresholdScan? {
        xlxTable.withUnsafeBufferPointer { table in
            let terms = _GainTerms(totals: totals, knownWeight: known, node: node, data: self, tasks: tasks, members: members, table: table)
            // Only tasks that carry weight here enter the scan.
            var scanned: [Int] = []
            scanned.reserveCapacity(tasks.count)
            for t in tasks where terms.taskWeight(t) > 0 { scanned.append(t) }
            guard !scanned.isEmpty else { return nil }
            // A member scans only if one of its own tasks does (else it has no candidate here).
            let memberScans = members.map { member in scanned.contains { memberLambdas[member][$0] > 0 } }
            return _ThresholdScan(
                taskCount: taskCount, tasks: scanned.filter { !isNumeric($0) }, numeric: scanned.filter(isNumeric),
                numericSlots: numericSlot, offsets: classOffsets, classes: classCounts, terms: terms, memberScans: memberScans,
                totals: totals, known: known, minLeaf: minLeaf, unitWeights: node.unitWeights, wholeWeights: node.wholeWeights)
        }
    }

    /// The split of nominal attribute `attribute` at a node, one branch per
    /// value present, with each member's score, into `out` (one slot per member).
    ///
    /// Admissible only if at least two branches hold `minLeaf` weight.
    /// `rowWeights` is empty when every row weighs 1.
    ///
    /// - Complexity: O(rows × active tasks + values × classes + members × tasks).
    func nominalSplits(
        attribute: Int, codes: [Int32], valueCount: Int, rows: [Int32], rowWeights: [Double], node: _NodeStats,
        minLeaf: Double, members: _Members, tasks: [Int], splitInfo: Bool, into out: UnsafeMutableBufferPointer<_Candidate?>
    ) {
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
                    let w = rowWeights.isEmpty ? 1 : rowWeights[i]
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
        if numericTaskCount > 0 {
            let N = numericTaskCount
            for (i, row) in rows.enumerated() {
                let r = Int(row)
                let v = Int(codes[r])
                guard v >= 0 else { continue }
                let w = rowWeights.isEmpty ? 1 : rowWeights[i]
                for t in tasks where isNumeric(t) {
                    let y = targets[r * N + numericSlot[t]]
                    guard !y.isNaN else { continue }
                    let o = v * classStride + classOffsets[t]
                    table[o] += w
                    table[o + 1] += w * y
                    table[o + 2] += w * y * y
                    totals[classOffsets[t]] += w
                    totals[classOffsets[t] + 1] += w * y
                    totals[classOffsets[t] + 2] += w * y * y
                }
            }
        }
        let present = (0 ..< valueCount).filter { valueWeight[$0] > 0 }
        guard present.count >= 2, present.filter({ valueWeight[$0] >= minLeaf }).count >= 2 else { return }
        let known = present.reduce(0.0) { $0 + valueWeight[$1] }
        xlxTable.withUnsafeBufferPointer { table0 in
            let terms = _GainTerms(totals: totals, knownWeight: known, node: node, data: self, tasks: tasks, members: members, table: table0)
            // Each task's base_t − Σ over branches, shared by the members.
            var difference = [Double](repeating: 0, count: T)
            table.withUnsafeBufferPointer { table in
                for t in tasks where terms.taskWeight(t) > 0 {
                    let o = classOffsets[t]
                    var children = 0.0
                    for v in present {
                        children += isNumeric(t)
                            ? _VarianceCriterion.term(table, at: v * classStride + o).term
                            : _EntropyCriterion.term(table, at: v * classStride + o, classes: classCounts[t], table: table0).term
                    }
                    difference[t] = terms.base(t) - children
                }
            }
            let info = splitInfo ? splitInformation(present.map { valueWeight[$0] }, missing: node.weight - known) : 0
            for k in 0 ..< members.count {
                var score = 0.0
                for t in tasks where terms.taskWeight(t) > 0 { score += terms.scale(k, t) * difference[t] }
                out[k] = _Candidate(attribute: attribute, score: score, splitInfo: info)
            }
        }
    }

    /// The codes of a nominal attribute's values present among `rows` (with
    /// positive weight), in increasing order: the branches of its split.
    func presentValues(codes: [Int32], valueCount: Int, rows: [Int32], rowWeights: [Double]) -> [Int32] {
        var valueWeight = [Double](repeating: 0, count: valueCount)
        for (i, row) in rows.enumerated() {
            let v = Int(codes[Int(row)])
            if v >= 0 { valueWeight[v] += rowWeights.isEmpty ? 1 : rowWeights[i] }
        }
        return (0 ..< valueCount).filter { valueWeight[$0] > 0 }.map { Int32($0) }
    }
}
