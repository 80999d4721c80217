/// A tree's bootstrap sample: how many times each row was drawn, when `n`
/// rows are drawn with replacement from the `n` rows of the data.
///
/// The draw depends only on the forest's seed and the tree's position in
/// the forest, so any tree's sample (and so its out-of-bag rows) can be
/// drawn again, on any thread, without storing it.
struct _BootstrapSample: Sendable {
    /// `multiplicity[r]`: how many times row r was drawn (0: out of bag).
    let multiplicity: [UInt32]
    /// The seed of the tree's root attribute draw.
    let nodeSeed: UInt64

    /// Draws tree `tree`'s sample of `rows` rows from the forest seed `seed`.
    ///
    /// - Complexity: O(rows).
    init(rows: Int, seed: UInt64, tree: Int) {
        let treeSeed = _AttributeDraw.mix(seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(tree + 1))
        var generator = SplitMix64(seed: treeSeed)
        var multiplicity = [UInt32](repeating: 0, count: rows)
        for _ in 0 ..< rows { multiplicity[generator.nextInt(below: rows)] += 1 }
        self.multiplicity = multiplicity
        nodeSeed = _AttributeDraw.mix(treeSeed ^ 0xD1B5_4A32_D192_ED03)
    }

    /// Whether row `row` was left out of the sample (an out-of-bag row of the tree).
    @inline(__always)
    func isOutOfBag(_ row: Int) -> Bool { multiplicity[row] == 0 }

    /// The sample as the inducer takes it: the rows drawn, each weighing
    /// its weight in the data (`rowWeights`, empty if all 1) times the times it was drawn.
    func treeSample(rowWeights: [Double], attributeDraw: _AttributeDraw?) -> _TreeSample {
        var rows: [Int32] = []
        var weights: [Double] = []
        rows.reserveCapacity(multiplicity.count * 2 / 3)
        weights.reserveCapacity(multiplicity.count * 2 / 3)
        for (r, m) in multiplicity.enumerated() where m > 0 {
            rows.append(Int32(r))
            weights.append(Double(m) * (rowWeights.isEmpty ? 1 : rowWeights[r]))
        }
        return _TreeSample(rows: rows, weights: weights, seed: nodeSeed, attributeDraw: attributeDraw)
    }
}

extension _NodeLists {
    /// The sorted lists of the rows of a bootstrap sample, taken from the
    /// full data's lists (sorted once for every tree) by keeping the entries
    /// of the rows drawn, in order: no sort. An entry starts a new value if
    /// the value changed anywhere between the previous kept entry and it.
    ///
    /// - Parameters:
    ///   - multiplicity: Each row's number of draws (0: not in the sample).
    ///   - rows: The number of rows in the sample (those with a draw).
    /// - Complexity: O(rows of the data × numeric attributes).
    func sampled(_ multiplicity: [UInt32], rows: Int) -> _NodeLists {
        let slots = storage.slots
        let target = _ListStorage(stride: rows, slots: slots)
        var counts = [Int](repeating: 0, count: slots)
        multiplicity.withUnsafeBufferPointer { drawn in
            for s in 0 ..< slots {
                let source = list(s)
                let out = target.entries + s * rows
                var kept = 0
                var starts: UInt32 = 1 << 31
                for entry in source {
                    starts |= entry.startBit
                    if drawn[Int(entry.row)] != 0 {
                        out[kept] = entry.starting(bit: starts)
                        kept += 1
                        starts = 0
                    }
                }
                counts[s] = kept
            }
        }
        return _NodeLists(storage: target, base: 0, rows: rows, counts: counts.allSatisfy { $0 == rows } ? [] : counts)
    }
}
