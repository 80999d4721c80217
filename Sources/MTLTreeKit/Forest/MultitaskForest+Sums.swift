extension MultitaskForest {
    /// Per task, the sum over trees of each row's class probabilities
    /// (`sums[t][row * classes + k]`; a numeric task's values, `sums[t][row]`), and per row the number of trees
    /// summed: all, or with `outOfBagOnly` the trees whose bootstrap sample
    /// left the row out (``trees`` must then be the forest grown on `dataset`).
    func probabilitySums(_ dataset: Dataset, outOfBagOnly: Bool, threads: Int) throws -> (sums: [[Double]], votes: [Int32]) {
        try Self.probabilitySums(
            forests: [trees], seed: configuration.seed, leaves: configuration.leafProbabilities, dataset: dataset,
            outOfBagOnly: outOfBagOnly, threads: threads)[0]
    }

    /// ``probabilitySums(_:outOfBagOnly:threads:)`` for several forests at once
    /// (one per λ, say), each forest's tree i grown on sample i from `seed`,
    /// their leaves estimating probabilities as `leaves` says: the rows'
    /// inputs are laid out, and each sample's out-of-bag rows drawn again,
    /// once for all of them.
    ///
    /// Trees are laid out as ``_FlatTree``s a few at a time, and rows walked
    /// through them in blocks on up to `threads` threads; each row's sums
    /// add its trees in order, so the result does not depend on the thread
    /// count, and equals the sums of the trees' own walks bit for bit.
    ///
    /// - Precondition: Every forest has as many trees, with one schema.
    /// - Complexity: O(forests × trees × (rows × depth + nodes × (tasks + classes))).
    static func probabilitySums(
        forests: [[MultitaskTree]], seed: UInt64, leaves: ForestConfiguration.LeafProbabilities, dataset: Dataset,
        outOfBagOnly: Bool, threads: Int
    ) throws -> [(sums: [[Double]], votes: [Int32])] {
        let schema = forests[0][0].schema
        let treeCount = forests[0].count
        // Only the inputs some tree tests need be in the data.
        var tested = [Bool](repeating: false, count: schema.attributes.count)
        for trees in forests {
            for tree in trees {
                for node in tree.nodes { if let a = node.test?.attribute { tested[a] = true } }
            }
        }
        let bound = try _BoundInputs(schema, dataset, tested: tested)
        let inputs = _RowInputs(bound, tested: tested)
        let n = dataset.rowCount
        // A numeric task sums one value per row.
        let widths = schema.tasks.map { $0.isNumeric ? 1 : $0.classes.count }
        let width = widths.reduce(0, +)
        let offsets = widths.indices.map { widths[..<$0].reduce(0, +) }
        var sums = forests.map { _ in [Double](repeating: 0, count: n * width) }
        var votes = forests.map { _ in [Int32](repeating: 0, count: n) }
        let chunk = max(1, 4 * threads)
        // Large blocks: a tree's nodes, brought into the cache, serve many rows.
        let blocks = stride(from: 0, to: n, by: 8192).map { $0 ..< min(n, $0 + 8192) }
        for start in stride(from: 0, to: treeCount, by: chunk) {
            let part = start ..< min(treeCount, start + chunk)
            let outOfBag: [[UInt64]] = outOfBagOnly ? parallelMap(part.count, threads: threads) { i in
                let sample = _BootstrapSample(rows: n, seed: seed, tree: part.lowerBound + i)
                var bits = [UInt64](repeating: 0, count: (n + 63) / 64)
                for r in 0 ..< n where sample.isOutOfBag(r) { bits[r >> 6] |= 1 << UInt64(r & 63) }
                return bits
            } : []
            let laidOut = parallelMap(forests.count * part.count, threads: threads) { j -> _LaidOutTree in
                let tree = forests[j / part.count][part.lowerBound + j % part.count]
                return _LaidOutTree(tree, inputs: inputs, bound: bound, rawFrequencies: leaves == .frequency)
            }
            for f in forests.indices {
                sums[f].withUnsafeMutableBufferPointer { sums in
                    votes[f].withUnsafeMutableBufferPointer { votes in
                        let out = _SendableBox((sums, votes))
                        parallelFor(blocks.count, threads: threads) { b in
                            for i in 0 ..< part.count {
                                laidOut[f * part.count + i].addSums(
                                    rows: blocks[b], inputs: inputs, outOfBag: outOfBagOnly ? outOfBag[i] : nil,
                                    width: width, offsets: offsets, widths: widths, sums: out.value.0, votes: out.value.1)
                            }
                        }
                    }
                }
            }
        }
        return forests.indices.map { f in
            let perTask = widths.indices.map { t in
                var task = [Double](repeating: 0, count: n * widths[t])
                for row in 0 ..< n {
                    for j in 0 ..< widths[t] { task[row * widths[t] + j] = sums[f][row * width + offsets[t] + j] }
                }
                return task
            }
            return (perTask, votes[f])
        }
    }
}

/// The tested inputs of every row, row by row: a row's numeric inputs in
/// consecutive slots, and its nominal inputs' value codes (the tree's
/// coding, −1 for missing or unseen), so a walk reads one row's values
/// from one place.
struct _RowInputs {
    /// Per attribute of the schema, its slot among the numeric or the nominal inputs (−1: not tested).
    let slots: [Int32]
    /// Row r's numeric inputs at `r * numericCount ..< (r + 1) * numericCount`.
    let numeric: [Double]
    let numericCount: Int
    /// Row r's nominal inputs at `r * nominalCount ..< (r + 1) * nominalCount`.
    let nominal: [Int32]
    let nominalCount: Int
    /// Per attribute, whether some row's value is missing (NaN or −1).
    let hasMissing: [Bool]

    /// Lays out the columns `tested` marks.
    ///
    /// - Complexity: O(rows × tested attributes).
    init(_ bound: _BoundInputs, tested: [Bool]) {
        var slots = [Int32](repeating: -1, count: bound.columns.count)
        var numericColumns: [[Double]] = []
        var nominalColumns: [[Int32]] = []
        var hasMissing = [Bool](repeating: false, count: bound.columns.count)
        for (a, column) in bound.columns.enumerated() where tested[a] {
            switch column {
            case .numeric(let values):
                slots[a] = Int32(numericColumns.count)
                numericColumns.append(values)
                hasMissing[a] = values.contains { $0.isNaN }
            case .nominal(let codes):
                slots[a] = Int32(nominalColumns.count)
                nominalColumns.append(codes)
                hasMissing[a] = codes.contains { $0 < 0 }
            }
        }
        let n = bound.rowCount
        // At least one element, so a row's pointer exists with no input of a kind.
        var numeric = [Double](repeating: 0, count: max(1, n * numericColumns.count))
        for (s, values) in numericColumns.enumerated() {
            for r in 0 ..< n { numeric[r * numericColumns.count + s] = values[r] }
        }
        var nominal = [Int32](repeating: -1, count: max(1, n * nominalColumns.count))
        for (s, codes) in nominalColumns.enumerated() {
            for r in 0 ..< n { nominal[r * nominalColumns.count + s] = codes[r] }
        }
        self.slots = slots
        self.numeric = numeric
        numericCount = numericColumns.count
        self.nominal = nominal
        nominalCount = nominalColumns.count
        self.hasMissing = hasMissing
    }
}

/// A tree ready to add its predictions to a forest's sums: its flat layout
/// (trees of at most 64 tasks), and for rows the flat walk cannot take (a
/// missing or unseen value on the way) the tree's own walk, built only if the
/// tree tests a nominal input or a numeric input with a missing value.
struct _LaidOutTree {
    let tree: MultitaskTree
    let flat: _FlatTree
    let walk: _Walk?

    init(_ tree: MultitaskTree, inputs: _RowInputs, bound: _BoundInputs, rawFrequencies: Bool) {
        self.tree = tree
        let flat = tree.schema.tasks.count <= 64
        // Without a flat layout, a lone end whose walk always strays: every row takes the tree's walk.
        self.flat = flat ? _FlatTree(tree, slots: inputs.slots, rawFrequencies: rawFrequencies) : _FlatTree(strayingEverywhere: ())
        let mayStray = !flat || tree.nodes.contains { node in
            switch node.test {
            case .numeric(let a, _)?: inputs.hasMissing[a]
            case .nominal?: true
            case nil: false
            }
        }
        if mayStray {
            var walk = _Walk(tree, bound)
            walk.rawFrequencies = rawFrequencies
            self.walk = walk
        } else {
            walk = nil
        }
    }

    /// Rows walked at once: their walks are independent, so the core
    /// waits for several nodes' cache lines at a time instead of one.
    static let lanes = 8

    /// Adds the tree's prediction for each of `rows` (with `outOfBag`, only
    /// the rows whose bit is set) to `sums` (row-major, `width` values a
    /// row: task t's at `offsets[t]`, `widths[t]` of them), and counts it in `votes`.
    ///
    /// Each row adds this one tree, so the rows may finish in any order.
    func addSums(
        rows: Range<Int>, inputs: _RowInputs, outOfBag: [UInt64]?, width: Int, offsets: [Int], widths: [Int],
        sums: UnsafeMutableBufferPointer<Double>, votes: UnsafeMutableBufferPointer<Int32>
    ) {
        flat.nodes.withUnsafeBufferPointer { nodes in
            flat.branches.withUnsafeBufferPointer { branches in
                flat.ends.withUnsafeBufferPointer { ends in
                    inputs.numeric.withUnsafeBufferPointer { numeric in
                        inputs.nominal.withUnsafeBufferPointer { nominal in
                            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * Self.lanes) { lane in
                                // lane[l]: its row (−1: none left); lane[lanes + l]: the row's node.
                                let lanes = Self.lanes
                                var next = rows.lowerBound
                                var busy = 0
                                for l in 0 ..< lanes {
                                    while next < rows.upperBound, let bits = outOfBag, bits[next >> 6] >> UInt64(next & 63) & 1 == 0 { next += 1 }
                                    lane[l] = next < rows.upperBound ? next : -1
                                    lane[lanes + l] = 0
                                    if next < rows.upperBound {
                                        busy += 1
                                        next += 1
                                    }
                                }
                                while busy > 0 {
                                    for l in 0 ..< lanes where lane[l] >= 0 {
                                        let row = lane[l]
                                        let s = _FlatTree.step(
                                            lane[lanes + l], nodes: nodes, branches: branches, numeric: numeric.baseAddress! + row &* inputs.numericCount,
                                            nominal: nominal.baseAddress! + row &* inputs.nominalCount)
                                        if s >= 0 {
                                            lane[lanes + l] = s
                                            continue
                                        }
                                        let at = row &* width
                                        if s != .min {
                                            let from = (-1 &- s) &* width
                                            for j in 0 ..< width { sums[at &+ j] += ends[from &+ j] }
                                        } else {
                                            tree.forEachPrediction(walk!, rows: row ..< row + 1) { _, t, _, distribution in
                                                let o = distribution.startIndex
                                                for j in 0 ..< widths[t] { sums[at + offsets[t] + j] += distribution[o + j] }
                                            }
                                        }
                                        votes[row] += 1
                                        // The lane takes the next row.
                                        while next < rows.upperBound, let bits = outOfBag, bits[next >> 6] >> UInt64(next & 63) & 1 == 0 { next += 1 }
                                        lane[lanes + l] = 0
                                        if next < rows.upperBound {
                                            lane[l] = next
                                            next += 1
                                        } else {
                                            lane[l] = -1
                                            busy -= 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
