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
