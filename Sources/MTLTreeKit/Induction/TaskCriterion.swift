/// A task's split criterion, apart from the search for splits: what the
/// task's statistics at a node are, how they add and subtract, what a split
/// gains on them, when a node is pure for the task, and (where it is known) a
/// bound on the gain of every cut in a stretch of a sorted list. This is
/// scikit-learn's `Criterion` beside its `Splitter`.
///
/// Every criterion writes a task's gain at a split s in one form,
///
///     Gain_t(s) = scale_t · (term(node) − Σ_c term(child c)),
///
/// where `term` is the task's weighted impurity of a set of rows (`W · H` in
/// bits for a nominal task, `W · V` for a numeric one) and
/// `scale_t = F_s · K_t / (W · norm_t)` holds what does not depend on the cut
/// (F_s, K_t, the node's labelled weight W and the task's normaliser). The
/// searches (``_ThresholdScan``, ``_TaskCounts``, ``_BinaryCounts``,
/// ``_TrainingData/nominalSplits(attribute:codes:valueCount:rows:rowWeights:node:minLeaf:members:tasks:splitInfo:into:)``)
/// keep their counts in their own concrete layouts and ask the criterion for
/// each term, so their loops stay free of existentials and closures; the
/// reported gains (``_Expander/taskGains(_:_:childCount:scratch:children:)``)
/// and the purity stop (``_Expander/shouldStop(_:_:member:)``) ask it too.
///
/// The functions are the formulas, each in the one order of floating-point
/// operations its callers rely on (a change of order would change the trees
/// in their last bits).
protocol _TaskCriterion {
    /// How many numbers a node keeps for the task (its width in a node's flat statistics).
    static func width(classes: Int) -> Int
    /// Whether the task is pure among statistics `stats` (of width `width`).
    static func purity(_ stats: ArraySlice<Double>) -> _TaskPurity
}

/// Whether a task's labelled rows at a node are all alike.
enum _TaskPurity {
    /// No labelled row.
    case empty
    /// One class (or one value) among the labelled rows.
    case pure
    /// More than one.
    case mixed
}

/// The nominal task's criterion: the entropy of its class counts, in bits.
///
/// A set of rows with class weights n_k (summing to W) has the term
/// `W · H = xlx(W) − Σ_k xlx(n_k)`, with `xlx(x) = x · log2 x`; whole
/// counts look `xlx` up in a table (``xlxTable(upTo:)``). Statistics: the
/// class weights, which add and subtract class by class.
enum _EntropyCriterion: _TaskCriterion {
    static func width(classes: Int) -> Int { classes }

    /// Pure when at most one class has weight.
    static func purity(_ stats: ArraySlice<Double>) -> _TaskPurity {
        var present = 0
        for n in stats where n > 0 { present += 1 }
        return present == 0 ? .empty : present == 1 ? .pure : .mixed
    }

    /// The weight W and term `xlx(W) − Σ_k xlx(n_k)` of class weights `counts[o ..< o + classes]`
    /// (W summed from them, the `xlx` terms summed before the difference).
    @inline(__always)
    static func term(_ counts: UnsafeBufferPointer<Double>, at o: Int, classes: Int, table: UnsafeBufferPointer<Double>) -> (weight: Double, term: Double) {
        var w = 0.0
        var sum = 0.0
        for k in 0 ..< classes {
            w += counts[o &+ k]
            sum += xlx(counts[o &+ k], table)
        }
        return (w, xlx(w, table) - sum)
    }

    /// A side's term from its weight `weight` and class weights `counts[o ..< o + classes]`,
    /// subtracting each class's `xlx` in turn (the scans' order).
    @inline(__always)
    static func sideTerm(weight: Double, _ counts: UnsafeMutableBufferPointer<Double>, at o: Int, classes: Int, table: UnsafeBufferPointer<Double>) -> Double {
        var term = xlx(weight, table)
        for c in 0 ..< classes { term -= xlx(counts[o &+ c], table) }
        return term
    }

    /// The other side's term: weight `weight`, class weights `totals − left`.
    @inline(__always)
    static func otherSideTerm(
        weight: Double, totals: UnsafeBufferPointer<Double>, left: UnsafeMutableBufferPointer<Double>, at o: Int, classes: Int,
        table: UnsafeBufferPointer<Double>
    ) -> Double {
        var term = xlx(weight, table)
        for c in 0 ..< classes { term -= xlx(totals[o &+ c] - left[o &+ c], table) }
        return term
    }

    /// ``sideTerm(weight:_:at:classes:table:)`` for whole counts (unit weights): plain lookups.
    @inline(__always)
    static func sideTerm(count: Int, _ counts: UnsafeMutableBufferPointer<Int>, at o: Int, classes: Int, table: UnsafeBufferPointer<Double>) -> Double {
        var term = table[count]
        for c in 0 ..< classes { term -= table[counts[o &+ c]] }
        return term
    }

    /// ``otherSideTerm(weight:totals:left:at:classes:table:)`` for whole counts.
    @inline(__always)
    static func otherSideTerm(
        count: Int, totals: UnsafeBufferPointer<Int>, left: UnsafeMutableBufferPointer<Int>, at o: Int, classes: Int,
        table: UnsafeBufferPointer<Double>
    ) -> Double {
        var term = table[count]
        for c in 0 ..< classes { term -= table[totals[o &+ c] &- left[o &+ c]] }
        return term
    }

    /// A binary task's side term with `n0` rows of class 0 and `n1` of class 1,
    /// `xlxTotal` being `xlx(n0 + n1)` (looked up once for all tasks).
    @inline(__always)
    static func binarySideTerm(xlxTotal: Double, _ n0: Int, _ n1: Int, table: UnsafeBufferPointer<Double>) -> Double {
        xlxTotal - table[n0] - table[n1]
    }

    /// The least child term (both sides) of a binary task over the cuts
    /// whose left class counts lie in the box `[a0, b0] × [a1, b1]`, totals `total0`, `total1`.
    ///
    /// Each side's term is `n · H`, the perspective of the concave entropy,
    /// so concave in the left counts; its least over the box is at a corner.
    /// `base − least` bounds the task's term at every cut in the box.
    @inline(__always)
    static func leastBinaryChildTerm(a0: Int, a1: Int, b0: Int, b1: Int, total0: Int, total1: Int, table: UnsafeBufferPointer<Double>) -> Double {
        func child(_ l0: Int, _ l1: Int) -> Double {
            let r0 = total0 &- l0
            let r1 = total1 &- l1
            return binarySideTerm(xlxTotal: table[l0 &+ l1], l0, l1, table: table)
                + binarySideTerm(xlxTotal: table[r0 &+ r1], r0, r1, table: table)
        }
        return min(min(child(a0, a1), child(a0, b1)), min(child(b0, a1), child(b0, b1)))
    }

    /// The gain recorded for a split: `F · K · (H − Σ_c (W_c / W) · H_c)`
    /// over the children's class weights (`children(c)`), with `known` the
    /// weight whose split value is known, of a node of weight `nodeWeight`
    /// and labelled weight `labelled` for the task; 0 when no child has a
    /// labelled row. `totals` (as many as classes) is scratch.
    static func gain(
        childCount: Int, classes k: Int, known: Double, nodeWeight: Double, labelled: Double,
        totals: UnsafeMutableBufferPointer<Double>, children: (Int) -> ArraySlice<Double>
    ) -> Double {
        var childEntropy = 0.0
        for c in 0 ..< childCount {
            let slice = children(c)
            let w = slice.reduce(0, +)
            childEntropy += w * entropy(slice, total: w)
            for j in 0 ..< k { totals[j] += slice[slice.startIndex + j] }
        }
        let taskTotals = UnsafeMutableBufferPointer(rebasing: totals[0 ..< k])
        let w = taskTotals.reduce(0, +)
        guard w > 0 else { return 0 }
        let f = known / nodeWeight
        let kt = labelled / nodeWeight
        return f * kt * (entropy(taskTotals, total: w) - childEntropy / w)
    }
}

/// The numeric task's criterion: the variance of its values, normalised by
/// the task's variance over all training rows with a known value (CLUS's
/// normalisation), so that its gain is a fraction in [0, 1], comparable with
/// a binary task's gain in bits, and λ keeps its meaning.
///
/// Statistics: the weight W of the labelled rows, Σwy and Σwy² (of the
/// values less the task's training mean, which keeps Σwy² small), which add
/// and subtract. A set of rows has the term `W · V = Σwy² − (Σwy)² / W`, and
///
///     Gain_t(s) = F_s · K_t · (V − Σ_c (W_c / W) · V_c) / V_t,root
///               = F_s · K_t / (W · V_t,root) · (W·V − Σ_c W_c·V_c);
///
/// a task with `V_t,root = 0` contributes 0. No bound is known for block
/// skipping: a scan with a numeric task scores every cut.
enum _VarianceCriterion: _TaskCriterion {
    static func width(classes: Int) -> Int { 3 }

    /// Pure when the labelled rows' values are all the same (their term is
    /// 0 up to rounding: at most 10⁻¹⁰ of Σwy²).
    static func purity(_ stats: ArraySlice<Double>) -> _TaskPurity {
        let o = stats.startIndex
        guard stats[o] > 0 else { return .empty }
        return term(stats[o], stats[o + 1], stats[o + 2]) <= 1e-10 * stats[o + 2] ? .pure : .mixed
    }

    /// `W · V = Σwy² − (Σwy)² / W` (0 for no weight, never negative).
    @inline(__always)
    static func term(_ w: Double, _ s: Double, _ q: Double) -> Double {
        w > 0 ? max(0, q - s * s / w) : 0
    }

    /// The weight and term of the statistics at `stats[o ..< o + 3]`.
    @inline(__always)
    static func term(_ stats: UnsafeBufferPointer<Double>, at o: Int) -> (weight: Double, term: Double) {
        (stats[o], term(stats[o], stats[o &+ 1], stats[o &+ 2]))
    }

    /// Adds a row of weight `w` and value `y` to the statistics at `stats[o ..< o + 3]`.
    @inline(__always)
    static func add(_ y: Double, weight w: Double, to stats: UnsafeMutableBufferPointer<Double>, at o: Int) {
        stats[o] += w
        stats[o &+ 1] += w * y
        stats[o &+ 2] += w * y * y
    }

    /// The term of the two sides of a cut: `left` and `totals − left`.
    @inline(__always)
    static func childTerm(left: UnsafeMutableBufferPointer<Double>, totals: UnsafeBufferPointer<Double>, at o: Int) -> Double {
        let lw = left[o], ls = left[o &+ 1], lq = left[o &+ 2]
        return term(lw, ls, lq) + term(totals[o] - lw, totals[o &+ 1] - ls, totals[o &+ 2] - lq)
    }

    /// The gain recorded for a split, from the children's statistics
    /// (`children(c)`, three numbers each), with `known`, `nodeWeight` and
    /// `labelled` as for ``_EntropyCriterion/gain(childCount:classes:known:nodeWeight:labelled:totals:children:)``
    /// and `rootVariance` the task's variance over all training rows.
    static func gain(
        childCount: Int, known: Double, nodeWeight: Double, labelled: Double, rootVariance: Double,
        children: (Int) -> ArraySlice<Double>
    ) -> Double {
        var w = 0.0, s = 0.0, q = 0.0
        var childTerms = 0.0
        for c in 0 ..< childCount {
            let stats = children(c)
            let o = stats.startIndex
            w += stats[o]
            s += stats[o + 1]
            q += stats[o + 2]
            childTerms += term(stats[o], stats[o + 1], stats[o + 2])
        }
        guard w > 0, rootVariance > 0 else { return 0 }
        let f = known / nodeWeight
        let kt = labelled / nodeWeight
        return max(0, f * kt * (term(w, s, q) - childTerms) / (w * rootVariance))
    }
}
