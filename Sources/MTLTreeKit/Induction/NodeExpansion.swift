import Foundation

/// The rows at a node: which rows, with what weight, and each numeric
/// attribute's known rows in value order (kept sorted by partitioning the
/// parent's lists, so no node sorts).
struct _NodeData {
    var rows: [Int32]
    /// Each row's weight; empty when every row weighs 1 (no array to fill or
    /// copy on the common path: data without weights or missing values).
    var weights: [Double]
    /// Each numeric attribute's rows with a known value, by value (none for a
    /// node that nothing will search: a leaf of every tree).
    var lists: _NodeLists? = nil
    var depth: Int
    /// The node's statistics, when its parent computed them already.
    var stats: _NodeStats? = nil
    /// The seed of the node's attribute draw (``_AttributeDraw``): the
    /// root's is its tree's, and a child's is derived from its parent's and
    /// its branch number, so it depends on the node's place in the tree only.
    var seed: UInt64 = 0
}

extension _NodeData {
    /// The weight of the node's i-th row.
    @inline(__always)
    func weight(at i: Int) -> Double { weights.isEmpty ? 1 : weights[i] }

    /// Slot `slot`'s list (empty for a node without lists).
    func list(_ slot: Int) -> UnsafeBufferPointer<_SortedEntry> {
        lists.map { UnsafeBufferPointer($0.list(slot)) } ?? UnsafeBufferPointer(start: nil, count: 0)
    }
}

/// What expanding a node found: its weight and class counts, and the
/// splits its members chose (none for a leaf of every member).
struct _Grown {
    var weight: Double
    var counts: [Double]
    var splits: [_Outcome] = []
}

/// A split chosen at a node by some of its members (those whose best split it
/// is): its test, every task's gain, and the number of children.
struct _Outcome {
    var members: _Members
    var test: MultitaskTree.SplitTest
    var gains: [Double]
    var childCount: Int
}

/// Per-worker arrays indexed by row, valid for the node being expanded.
struct _Scratch {
    var weightAt: [Double]
    /// Each row's child (-1: its value is missing), unless `sidesOnly`.
    var branchOf: [Int32]
    /// For a split in two with no value missing, each row's side (0 or 1)
    /// as bit `row % 64` of word `row / 64`. The sorted lists, cut at random,
    /// read it: an eighth of a byte per row (a million rows in 125 KiB, in L2).
    var sides: [UInt64]
    /// Each row's weight as a byte, when the node's weights are whole
    /// numbers but not all 1 (``_NodeStats/wholeWeights``).
    var countAt: [UInt8]
    /// Whether the split in hand is in `sides` alone (a numeric split with
    /// no value missing): `branchOf` was not written for it.
    var sidesOnly = false

    init(rows: Int) {
        weightAt = [Double](repeating: 0, count: rows)
        branchOf = [Int32](repeating: -1, count: rows)
        sides = [UInt64](repeating: 0, count: (rows + 63) / 64)
        countAt = [UInt8](repeating: 0, count: rows)
    }

    /// Row `row`'s child in the split in hand (-1: its value is missing).
    @inline(__always)
    func branch(of row: Int) -> Int {
        sidesOnly ? Int(truncatingIfNeeded: (sides[row &>> 6] &>> UInt64(row & 63)) & 1) : Int(branchOf[row])
    }

    /// Puts row `row` on side `side` (0 or 1) in `sides`.
    @inline(__always)
    mutating func setSide(_ row: Int, _ side: UInt64) {
        let bit = UInt64(row & 63)
        sides[row &>> 6] = sides[row &>> 6] & ~(1 &<< bit) | side &<< bit
    }
}

/// Expands nodes: statistics, stopping, split choice and partition.
struct _Expander {
    let data: _TrainingData
    let configuration: InductionConfiguration
    /// Whether a node whose labelled main-task rows (task 0) are all of one
    /// class is a leaf of every member (see ``TreeInducer/fit(_:lambdas:mainTaskOnly:)``).
    var mainTaskOnly = false
    /// The attributes each node searches (a forest's trees draw a random
    /// subset per node); `nil`: all of them.
    var attributeDraw: _AttributeDraw? = nil
    /// Large scratch buffers, reused from node to node.
    let pool = _BufferPool()

    /// Expands `node` for `members`, the trees that reach it: returns the grown
    /// node and, for each split chosen, its children's rows. Members whose
    /// best split is the same share it; a member that stops, or has no split
    /// with a positive score, has a leaf here.
    func expand(
        _ node: consuming _NodeData, members: _Members, scratch: inout _Scratch, threads: Int
    ) -> (_Grown, [[_NodeData]]) {
        let stats = node.stats ?? statistics(node)
        let seed = node.seed
        var grown = _Grown(weight: stats.weight, counts: stats.counts)
        var splitting = _Members()
        for member in members where !shouldStop(node, stats, member: member) { splitting.insert(member) }
        guard !splitting.isEmpty else { return (grown, []) }
        for (i, row) in node.rows.enumerated() { scratch.weightAt[Int(row)] = node.weight(at: i) }
        if stats.wholeWeights && !stats.unitWeights {
            for (i, row) in node.rows.enumerated() { scratch.countAt[Int(row)] = UInt8(node.weights[i]) }
        }
        let choices = chooseSplits(node, stats, members: splitting, scratch: scratch, threads: threads)
        // Members choosing the same attribute and threshold share the split.
        var groups: [(choice: _Candidate, members: _Members)] = []
        for (k, member) in splitting.enumerated() {
            guard let choice = choices[k] else { continue }
            if let g = groups.firstIndex(where: { $0.choice.attribute == choice.attribute && $0.choice.threshold == choice.threshold }) {
                groups[g].members.insert(member)
            } else {
                groups.append((choice, _Members(member)))
            }
        }
        var children: [[_NodeData]] = []
        for (g, group) in groups.enumerated() {
            let (childCount, branches) = assignBranches(node, group.choice, scratch: &scratch)
            // The last split reorders the node's own lists; the others cut theirs into new storage.
            var shared = copy node
            var split = partition(
                &shared, childCount: childCount, members: group.members, inPlace: g == groups.count - 1, scratch: scratch, threads: threads)
            for c in split.indices { split[c].seed = _AttributeDraw.childSeed(seed, branch: c) }
            let gains = taskGains(node, stats, childCount: childCount, scratch: scratch, children: split)
            grown.splits.append(_Outcome(members: group.members, test: test(of: group.choice, branches: branches), gains: gains, childCount: childCount))
            children.append(split)
        }
        return (grown, children)
    }

    /// Every task's class counts, the node's weight, and each task's labelled weight.
    func statistics(_ node: _NodeData) -> _NodeStats {
        let unitWeights = node.weights.isEmpty || node.weights.allSatisfy { $0 == 1 }
        let wholeWeights = unitWeights || node.weights.allSatisfy { $0 >= 1 && $0 <= 255 && $0.rounded(.down) == $0 }
        if wholeWeights, let signatures = data.rowSignatures {
            var stats = statistics(node, signatures: signatures, unitWeights: unitWeights)
            addNumericStatistics(node, into: &stats)
            return stats
        }
        var counts = [Double](repeating: 0, count: data.classStride)
        var labelled = [Double](repeating: 0, count: data.taskCount)
        var weight = 0.0
        let T = data.taskCount
        data.labels.withUnsafeBufferPointer { labels in
            for (i, row) in node.rows.enumerated() {
                let w = node.weight(at: i)
                weight += w
                for t in 0 ..< T {
                    let c = labels[Int(row) * T + t]
                    if c >= 0 {
                        counts[data.classOffsets[t] + Int(c)] += w
                        labelled[t] += w
                    }
                }
            }
        }
        var stats = _NodeStats(
            weight: weight, counts: counts, labelledWeight: labelled, rowCount: node.rows.count, unitWeights: unitWeights,
            wholeWeights: wholeWeights)
        addNumericStatistics(node, into: &stats)
        return stats
    }

    /// Adds each numeric task's statistics (W, Σwy, Σwy², by ``_VarianceCriterion``)
    /// and labelled weight to `stats`.
    private func addNumericStatistics(_ node: _NodeData, into stats: inout _NodeStats) {
        let N = data.numericTaskCount
        guard N > 0 else { return }
        stats.counts.withUnsafeMutableBufferPointer { counts in
        data.targets.withUnsafeBufferPointer { targets in
            for t in 0 ..< data.taskCount where data.isNumeric(t) {
                let j = data.numericSlot[t]
                let o = data.classOffsets[t]
                for (i, row) in node.rows.enumerated() {
                    let y = targets[Int(row) &* N &+ j]
                    if !y.isNaN { _VarianceCriterion.add(y, weight: node.weight(at: i), to: counts, at: o) }
                }
            }
        }}
        for t in 0 ..< data.taskCount where data.isNumeric(t) { stats.labelledWeight[t] = stats.counts[data.classOffsets[t]] }
    }

    /// ``statistics(_:)`` for a node whose rows' weights are whole numbers
    /// (all 1 if `unitWeights`): whole-number counts, read through each
    /// row's label signature (one byte, not one label per task). Sums of
    /// whole numbers are exact, so the result is the same.
    private func statistics(_ node: _NodeData, signatures: [UInt8], unitWeights: Bool) -> _NodeStats {
        let T = data.taskCount
        var counts = [Double](repeating: 0, count: data.classStride)
        var labelled = [Double](repeating: 0, count: T)
        var weight = node.rows.count
        withUnsafeTemporaryAllocation(of: Int.self, capacity: data.classStride + T) { tally in
            tally.initialize(repeating: 0)
            signatures.withUnsafeBufferPointer { signatures in
            data.signatureClasses.withUnsafeBufferPointer { classes in
            data.classOffsets.withUnsafeBufferPointer { offsets in
            node.weights.withUnsafeBufferPointer { weights in
                if !unitWeights { weight = 0 }
                for (i, row) in node.rows.enumerated() {
                    let s = Int(signatures[Int(row)]) &* T
                    let w = unitWeights ? 1 : Int(weights[i])
                    if !unitWeights { weight &+= w }
                    for t in 0 ..< T {
                        let c = Int(classes[s &+ t])
                        if c >= 0 {
                            tally[offsets[t] &+ c] &+= w
                            tally[data.classStride &+ t] &+= w
                        }
                    }
                }
            }}}}
            for i in counts.indices { counts[i] = Double(tally[i]) }
            for t in 0 ..< T { labelled[t] = Double(tally[data.classStride + t]) }
        }
        return _NodeStats(
            weight: Double(weight), counts: counts, labelledWeight: labelled, rowCount: node.rows.count, unitWeights: unitWeights,
            wholeWeights: true)
    }

    /// A node is a member's leaf when it is too light to split, at the depth
    /// limit, or every task with λ > 0 for that member is pure (or, with
    /// ``mainTaskOnly``, the main task is).
    func shouldStop(_ node: _NodeData, _ stats: _NodeStats, member: Int) -> Bool {
        if stats.weight < 2 * configuration.minLeafWeight { return true }
        if let maxDepth = configuration.maxDepth, node.depth >= maxDepth { return true }
        if mainTaskOnly && purity(stats, task: 0) == .pure { return true }
        for t in data.memberActiveTasks[member] {
            if purity(stats, task: t) == .mixed { return false }
        }
        return true
    }

    /// Task t's purity at the node, by its criterion.
    private func purity(_ stats: _NodeStats, task t: Int) -> _TaskPurity {
        let o = data.classOffsets[t]
        if data.isNumeric(t) { return _VarianceCriterion.purity(stats.counts[o ..< o + 3]) }
        return _EntropyCriterion.purity(stats.counts[o ..< o + data.classCounts[t]])
    }

    /// The best split of each attribute, then the winner by gain or gain
    /// ratio, for each member (in member order); `nil` for a member with no
    /// split of positive combined score. The search is shared: rows are
    /// counted once for the tasks any member weighs.
    func chooseSplits(_ node: _NodeData, _ stats: _NodeStats, members: _Members, scratch: _Scratch, threads: Int) -> [_Candidate?] {
        let minLeaf = configuration.minLeafWeight
        let attributeThreads = node.rows.count >= 4096 ? threads : 1
        let tasks = data.activeTasks(members)
        let binary = members.count == 1
            ? data.memberBinaryVectors[members.first] : members.count == data.memberLambdas.count ? data.unionBinaryVectors : []
        let M = members.count
        let A = data.attributes.count
        // One set of scan constants serves every numeric attribute with no missing value here.
        let shared = data.thresholdScan(totals: stats.counts, known: stats.weight, node: stats, minLeaf: minLeaf, members: members, tasks: tasks)
        // Only the gain ratio divides by the split information.
        let splitInfo = configuration.criterion == .gainRatio
        // Attribute a's best split for the k-th member at a · M + k.
        var candidates = [_Candidate?](repeating: nil, count: A * M)
        // The attributes searched, in order: all, or the node's random draw.
        let searched = attributeDraw?.attributes(count: A, seed: node.seed) ?? Array(0 ..< A)
        // The gain criterion wants only the top score, so a scan may skip the
        // cuts that cannot beat the best already found on another attribute.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: M) { floorScores in
        // Each numeric attribute's list, taken once: the closure below reads no array of shared data.
        withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<_SortedEntry>.self, capacity: A) { lists in
        let countAt = stats.wholeWeights && !stats.unitWeights ? scratch.countAt : []
        data.withScanTables(members: members, binary: binary, weightAt: scratch.weightAt, countAt: countAt) { tables in
        candidates.withUnsafeMutableBufferPointer { all in
        searched.withUnsafeBufferPointer { searched in
            for a in 0 ..< A {
                let slot = data.listSlot[a]
                lists[a] = slot >= 0 ? node.list(slot) : UnsafeBufferPointer(start: nil, count: 0)
            }
            let floors = configuration.criterion == .gain ? _ScoreFloors(floorScores, threads: attributeThreads) : nil
            let boxed = _SendableBox((tables, all, UnsafeBufferPointer(lists), searched))
            parallelFor(searched.count, threads: attributeThreads) { i in
                let (tables, all, lists, searched) = boxed.value
                let a = searched[i]
                let out = UnsafeMutableBufferPointer(rebasing: all[a * M ..< (a + 1) * M])
                if data.listSlot[a] >= 0 {
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: M) { floor in
                        floors?.read(into: floor)
                        data.bestNumericSplits(
                            attribute: a, order: lists[a], node: stats, tables: tables, minLeaf: minLeaf, members: members,
                            tasks: tasks, shared: shared, splitInfo: splitInfo, floor: floors == nil ? nil : UnsafeBufferPointer(floor),
                            into: out)
                    }
                } else if case .nominal(let codes, let valueCount) = data.attributes[a] {
                    data.nominalSplits(
                        attribute: a, codes: codes, valueCount: valueCount, rows: node.rows, rowWeights: node.weights,
                        node: stats, minLeaf: minLeaf, members: members, tasks: tasks, splitInfo: splitInfo, into: out)
                }
                floors?.raise(with: UnsafeBufferPointer(out))
            }
        }}}}}
        var found: [_Candidate] = []
        found.reserveCapacity(A)
        return (0 ..< M).map { k in
            found.removeAll(keepingCapacity: true)
            for a in 0 ..< A { if let c = candidates[a * M + k] { found.append(c) } }
            guard var choice = selectSplit(found, criterion: configuration.criterion) else { return nil }
            if case .numeric(let values) = data.attributes[choice.attribute] {
                choice.threshold = data.threshold(values: values, order: node.list(data.listSlot[choice.attribute]), cut: choice.cut)
            }
            return choice
        }
    }

    /// The split test a candidate describes (`branches`: a nominal attribute's values present).
    func test(of choice: _Candidate, branches: [Int32]) -> MultitaskTree.SplitTest {
        switch data.attributes[choice.attribute] {
        case .numeric: .numeric(attribute: choice.attribute, threshold: choice.threshold)
        case .nominal: .nominal(attribute: choice.attribute, branches: branches)
        }
    }

    /// Records the child each row of the node goes to (see ``_Scratch/branch(of:)``),
    /// with the sides in bits too for a split in two; returns the number of
    /// children and, for a nominal attribute, the values present (one branch each).
    func assignBranches(_ node: _NodeData, _ choice: _Candidate, scratch: inout _Scratch) -> (childCount: Int, branches: [Int32]) {
        switch data.attributes[choice.attribute] {
        case .numeric:
            // The sorted list holds the sides in order: positions up to the cut
            // go left. (Reading it, not the values, keeps the reads in sequence.)
            let order = node.list(data.listSlot[choice.attribute])
            scratch.sidesOnly = order.count == node.rows.count
            if scratch.sidesOnly {
                for (i, entry) in order.enumerated() { scratch.setSide(Int(entry.row), i <= choice.cut ? 0 : 1) }
            } else {
                // Some value is missing: the lists are cut by `branchOf`.
                for row in node.rows { scratch.branchOf[Int(row)] = -1 }
                for (i, entry) in order.enumerated() { scratch.branchOf[Int(entry.row)] = i <= choice.cut ? 0 : 1 }
            }
            return (2, [])
        case .nominal(let codes, let valueCount):
            let branches = data.presentValues(codes: codes, valueCount: valueCount, rows: node.rows, rowWeights: node.weights)
            scratch.sidesOnly = false
            var childOfValue = [Int32](repeating: -1, count: valueCount)
            for (i, v) in branches.enumerated() { childOfValue[Int(v)] = Int32(i) }
            for row in node.rows {
                let v = codes[Int(row)]
                scratch.branchOf[Int(row)] = v < 0 ? -1 : childOfValue[Int(v)]
            }
            if branches.count == 2 {
                for row in node.rows { scratch.setSide(Int(row), UInt64(truncatingIfNeeded: scratch.branchOf[Int(row)]) & 1) }
            }
            return (branches.count, branches)
        }
    }

    /// Every task's Gain_t of the split in `scratch` (λ = 0 tasks too, for the record).
    func taskGains(_ node: _NodeData, _ stats: _NodeStats, childCount: Int, scratch: _Scratch, children: [_NodeData]) -> [Double] {
        let T = data.taskCount
        let stride = data.classStride
        // No row misses the split's value: the children's counts are the
        // branches' (the same rows, summed in the same order), and the known
        // weight is the node's. Else the branches are counted here.
        let fromChildren = (scratch.sidesOnly || !node.rows.contains(where: { scratch.branchOf[Int($0)] < 0 }))
            && children.allSatisfy({ $0.stats != nil })
        var counted: [Double] = []
        var known = 0.0
        if fromChildren {
            known = stats.weight
        } else {
            counted = [Double](repeating: 0, count: childCount * stride)
            for (i, row) in node.rows.enumerated() {
                let b = scratch.branch(of: Int(row))
                guard b >= 0 else { continue }
                let w = node.weight(at: i)
                known += w
                for t in 0 ..< T {
                    let c = data.labels[Int(row) * T + t]
                    if c >= 0 { counted[b * stride + data.classOffsets[t] + Int(c)] += w }
                }
                let N = data.numericTaskCount
                for t in 0 ..< T where data.isNumeric(t) {
                    let y = data.targets[Int(row) * N + data.numericSlot[t]]
                    guard !y.isNaN else { continue }
                    let o = b * stride + data.classOffsets[t]
                    counted[o] += w
                    counted[o + 1] += w * y
                    counted[o + 2] += w * y * y
                }
            }
        }
        // Child c's counts of the classes at offsets o ..< o + k.
        func branchCounts(_ c: Int, _ o: Int, _ k: Int) -> ArraySlice<Double> {
            fromChildren ? children[c].stats!.counts[o ..< o + k] : counted[(c * stride + o) ..< (c * stride + o + k)]
        }
        // Each task's class totals over the children, by class offset.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: stride) { totals in
            totals.initialize(repeating: 0)
            return (0 ..< T).map { t in
                let o = data.classOffsets[t]
                if data.isNumeric(t) {
                    return _VarianceCriterion.gain(
                        childCount: childCount, known: known, nodeWeight: stats.weight, labelled: stats.labelledWeight[t],
                        rootVariance: data.rootVariance[t]
                    ) { c in branchCounts(c, o, 3) }
                }
                let k = data.classCounts[t]
                return _EntropyCriterion.gain(
                    childCount: childCount, classes: k, known: known, nodeWeight: stats.weight, labelled: stats.labelledWeight[t],
                    totals: UnsafeMutableBufferPointer(rebasing: totals[o ..< o + k])
                ) { c in branchCounts(c, o, k) }
            }
        }
    }
}

/// Below this, a combined score is rounding noise, not information.
let _minimumScore = 1e-10

/// The winning candidate: the highest combined score (ID3), or among those
/// whose combined score is at least the average, the highest gain ratio
/// (C4.5). Ties go to the earlier attribute.
func selectSplit(_ candidates: [_Candidate], criterion: InductionConfiguration.Criterion) -> _Candidate? {
    guard let top = candidates.max(by: { $0.score < $1.score }), top.score > _minimumScore else { return nil }
    switch criterion {
    case .gain:
        return candidates.first { $0.score == top.score }
    case .gainRatio:
        let average = candidates.reduce(0) { $0 + $1.score } / Double(candidates.count)
        var best: _Candidate?
        var bestRatio = -Double.infinity
        for c in candidates where c.score >= average - 1e-12 && c.score > _minimumScore {
            let ratio = c.score / max(c.splitInfo, 1e-12)
            if ratio > bestRatio {
                bestRatio = ratio
                best = c
            }
        }
        return best
    }
}

/// Each member's best score found so far on a node's attributes, shared by
/// the attribute scans (under a lock when they run on several threads). Only
/// a lower bound for skipping: the splits chosen do not depend on the order
/// in which the scans read it.
struct _ScoreFloors: @unchecked Sendable {
    private let scores: UnsafeMutableBufferPointer<Double>
    private let lock: NSLock?

    /// Floors in `scores` (one per member, valid while the scans run), all −∞.
    init(_ scores: UnsafeMutableBufferPointer<Double>, threads: Int) {
        scores.initialize(repeating: -.infinity)
        self.scores = scores
        lock = threads > 1 ? NSLock() : nil
    }

    func read(into floor: UnsafeMutableBufferPointer<Double>) {
        lock?.lock()
        for k in scores.indices { floor[k] = scores[k] }
        lock?.unlock()
    }

    /// Raises each member's floor to its candidate's score.
    func raise(with candidates: UnsafeBufferPointer<_Candidate?>) {
        lock?.lock()
        for k in scores.indices { if let c = candidates[k], c.score > scores[k] { scores[k] = c.score } }
        lock?.unlock()
    }
}
