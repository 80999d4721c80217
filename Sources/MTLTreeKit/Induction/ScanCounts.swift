/// How the unit-weight scan counts the rows moved to the left and scores a cut.
protocol _UnitCounts {
    /// The counts of the rows moved to the left so far.
    associatedtype State
    var state: State { get set }
    /// Whether ``bounds(from:to:into:)`` gives bounds.
    static var hasBounds: Bool { get }
    /// Moves a row with this label code, counted `count` times (its whole
    /// weight: 1, or a bootstrap row's number of draws), to the left.
    mutating func add(code: Int, count: Int)
    /// Member 0's score of the cut with `leftCount` rows on the left; each
    /// scanned task's term `base − l − r` goes to `terms` unless it is empty.
    func score(leftCount: Int, terms: UnsafeMutableBufferPointer<Double>) -> Double
    /// For each member, an upper bound of its score of every cut whose left
    /// rows include those of state `a` and are included in those of state `b`.
    func bounds(from a: State, to b: State, into bounds: UnsafeMutableBufferPointer<Double>)
}

/// Counts whose state lives in buffers they point into (nothing to save and
/// restore) and which know no bounds: every cut must be scored.
protocol _StatelessCounts: _UnitCounts where State == Void {}

extension _StatelessCounts {
    var state: Void {
        get {}
        set {}
    }
    static var hasBounds: Bool { false }
    func bounds(from a: Void, to b: Void, into bounds: UnsafeMutableBufferPointer<Double>) {
        bounds.initialize(repeating: .infinity)
    }
}

/// Class counts per scanned task, for any tasks and any unknown labels.
struct _TaskCounts<Labels: _LabelSource>: _StatelessCounts {
    let labels: Labels
    let tasks, offset, classes, taskCounts, totals: UnsafeBufferPointer<Int>
    let scale, base, table: UnsafeBufferPointer<Double>
    let left, leftTask: UnsafeMutableBufferPointer<Int>

    @inline(__always)
    func add(code: Int, count: Int) {
        for j in 0 ..< tasks.count {
            let c = labels.label(code: code, tasks[j])
            if c >= 0 {
                left[offset[j] &+ c] &+= count
                leftTask[j] &+= count
            }
        }
    }

    @inline(__always)
    func score(leftCount: Int, terms: UnsafeMutableBufferPointer<Double>) -> Double {
        var score = 0.0
        for j in 0 ..< tasks.count {
            let o = offset[j]
            let lt = leftTask[j]
            let l = _EntropyCriterion.sideTerm(count: lt, left, at: o, classes: classes[j], table: table)
            let rr = _EntropyCriterion.otherSideTerm(count: taskCounts[j] &- lt, totals: totals, left: left, at: o, classes: classes[j], table: table)
            let d = base[j] - l - rr
            if !terms.isEmpty { terms[j] = d }
            score += scale[j] * d
        }
        return score
    }
}

/// Class-1 counts per scanned task when every scanned task is binary, for
/// any number of tasks and any unknown labels (where ``_BinaryCounts`` does
/// not serve: more than eight tasks, or labels missing). Scores exactly as
/// ``_TaskCounts`` does (class 0's count is the task's labelled count less
/// class 1's, a whole number: the same lookups in the same order), with
/// half the counts and no loop over classes.
struct _BinaryTaskCounts<Labels: _LabelSource>: _StatelessCounts {
    let labels: Labels
    let tasks, taskCounts, total1: UnsafeBufferPointer<Int>
    let scale, base, table: UnsafeBufferPointer<Double>
    /// Per task, the rows of class 1 and the labelled rows moved left.
    let left1, leftTask: UnsafeMutableBufferPointer<Int>

    @inline(__always)
    func add(code: Int, count: Int) {
        for j in 0 ..< tasks.count {
            let c = labels.label(code: code, tasks[j])
            if c >= 0 {
                left1[j] &+= c &* count
                leftTask[j] &+= count
            }
        }
    }

    @inline(__always)
    func score(leftCount: Int, terms: UnsafeMutableBufferPointer<Double>) -> Double {
        var score = 0.0
        for j in 0 ..< tasks.count {
            let lt = leftTask[j]
            let l1 = left1[j]
            let rt = taskCounts[j] &- lt
            let r1 = total1[j] &- l1
            // _EntropyCriterion.sideTerm / otherSideTerm for two classes: class 0, then class 1.
            let l = table[lt] - table[lt &- l1] - table[l1]
            let rr = table[rt] - table[rt &- r1] - table[r1]
            let d = base[j] - l - rr
            if !terms.isEmpty { terms[j] = d }
            score += scale[j] * d
        }
        return score
    }
}

/// Counts for up to eight binary tasks labelled on every row: the rows of
/// class 1 per task in one vector, so a row is one add; class 0 is the rest.
/// Scores exactly as ``_TaskCounts`` does (the same operations in the same order).
struct _BinaryCounts: _UnitCounts {
    let vectors: UnsafeBufferPointer<SIMD8<Int32>>
    let n: Int
    let known: Int
    /// Each scanned task's rows of class 0 and of class 1.
    let total0: SIMD8<Int32>
    let total1: SIMD8<Int32>
    let scale, base, table: UnsafeBufferPointer<Double>
    var ones = SIMD8<Int32>()

    init(
        vectors: UnsafeBufferPointer<SIMD8<Int32>>, n: Int, known: Int, offset: [Int], totals: UnsafeBufferPointer<Int>,
        scale: UnsafeBufferPointer<Double>, base: UnsafeBufferPointer<Double>, table: UnsafeBufferPointer<Double>
    ) {
        self.vectors = vectors
        self.n = n
        self.known = known
        var total0 = SIMD8<Int32>()
        var total1 = SIMD8<Int32>()
        for j in 0 ..< n {
            total0[j] = Int32(totals[offset[j]])
            total1[j] = Int32(totals[offset[j] + 1])
        }
        self.total0 = total0
        self.total1 = total1
        self.scale = scale
        self.base = base
        self.table = table
    }

    @inline(__always)
    mutating func add(code: Int, count: Int) {
        ones &+= vectors[code] &* SIMD8(repeating: Int32(truncatingIfNeeded: count))
        rows &+= count
    }

    /// The rows moved left (each counted as often as its weight), and how
    /// many of them are of class 1 in each task.
    var rows = 0
    var state: (ones: SIMD8<Int32>, rows: Int) {
        get { (ones, rows) }
        set { (ones, rows) = newValue }
    }
    static var hasBounds: Bool { true }

    /// The criterion's least child term of each task over the box of counts
    /// between states `a` and `b` (``_EntropyCriterion/leastBinaryChildTerm(a0:a1:b0:b1:total0:total1:table:)``):
    /// `base − term` bounds the task's term at every cut between, and each
    /// member's λ-weighted sum bounds its score (λ ≥ 0).
    func bounds(
        from a: (ones: SIMD8<Int32>, rows: Int), to b: (ones: SIMD8<Int32>, rows: Int), into bounds: UnsafeMutableBufferPointer<Double>
    ) {
        bounds.initialize(repeating: 0)
        for j in 0 ..< n {
            let a1 = Int(a.ones[j])
            let b1 = Int(b.ones[j])
            let a0 = a.rows &- a1
            let b0 = b.rows &- b1
            let least = _EntropyCriterion.leastBinaryChildTerm(
                a0: a0, a1: a1, b0: b0, b1: b1, total0: Int(total0[j]), total1: Int(total1[j]), table: table)
            let d = base[j] - least
            for k in 0 ..< bounds.count { bounds[k] += scale[k &* n &+ j] * d }
        }
    }

    @inline(__always)
    func score(leftCount: Int, terms: UnsafeMutableBufferPointer<Double>) -> Double {
        let leftTotal = table[leftCount]
        let rightTotal = table[known &- leftCount]
        // Each side's class counts for all tasks, computed as vectors and stored once.
        let left0 = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: leftCount)) &- ones
        let sides = SIMD32<Int32>(
            lowHalf: SIMD16(lowHalf: left0, highHalf: ones), highHalf: SIMD16(lowHalf: total0 &- left0, highHalf: total1 &- ones))
        return withUnsafeBytes(of: sides) { raw in
            let count = raw.assumingMemoryBound(to: Int32.self)
            var score = 0.0
            for j in 0 ..< n {
                let l = _EntropyCriterion.binarySideTerm(xlxTotal: leftTotal, Int(count[j]), Int(count[8 &+ j]), table: table)
                let rr = _EntropyCriterion.binarySideTerm(xlxTotal: rightTotal, Int(count[16 &+ j]), Int(count[24 &+ j]), table: table)
                let d = base[j] - l - rr
                if !terms.isEmpty { terms[j] = d }
                score += scale[j] * d
            }
            return score
        }
    }
}

/// How often the whole-number scan counts each row: its weight, a whole
/// number (1 for every row of a tree's data without weights; a bootstrap
/// row's number of draws in a forest's tree).
protocol _RowCounts {
    /// Row `row`'s weight, a whole number ≥ 1.
    func count(_ row: Int) -> Int
}

/// Every row weighs 1.
struct _UnitRows: _RowCounts {
    @inline(__always)
    func count(_ row: Int) -> Int { 1 }
}

/// Each row's whole weight in a byte (a quarter of the cache lines a
/// weight as a number would take, read at random in value order).
struct _CountedRows: _RowCounts {
    let counts: UnsafeBufferPointer<UInt8>

    @inline(__always)
    func count(_ row: Int) -> Int { Int(counts[row]) }
}

/// Where the unit-weight scan reads a row's labels: through a code per row
/// (the row itself, or its label signature), read once per row.
protocol _LabelSource {
    /// What the labels of `row` are read through.
    func code(_ row: Int) -> Int
    /// The class for `task` (-1 unknown) of the row with this code.
    func label(code: Int, _ task: Int) -> Int
    /// A number that is the same for two codes whose labels on `tasks`
    /// agree, and differs where they do not (it may also differ where they
    /// agree: that only scores more thresholds).
    func key(_ code: Int, tasks: UnsafeBufferPointer<Int>, radix: UnsafeBufferPointer<UInt64>, classes: UnsafeBufferPointer<Int>) -> UInt64
}

/// Labels stored row by row, one integer per task.
struct _PackedLabels<Label: FixedWidthInteger>: _LabelSource {
    let labels: UnsafeBufferPointer<Label>
    let missing: Label
    let taskCount: Int

    @inline(__always)
    func code(_ row: Int) -> Int { row }

    @inline(__always)
    func label(code row: Int, _ task: Int) -> Int {
        let c = labels[row &* taskCount &+ task]
        return c == missing ? -1 : Int(c)
    }

    /// The classes on `tasks` in mixed radix (unknown as an extra digit).
    @inline(__always)
    func key(_ row: Int, tasks: UnsafeBufferPointer<Int>, radix: UnsafeBufferPointer<UInt64>, classes: UnsafeBufferPointer<Int>) -> UInt64 {
        var s: UInt64 = 0
        for j in 0 ..< tasks.count {
            let c = label(code: row, tasks[j])
            s &+= radix[j] &* (c < 0 ? UInt64(classes[j]) : UInt64(c))
        }
        return s
    }
}

/// Labels as one signature byte per row, decoded through a small table.
struct _SignatureLabels: _LabelSource {
    let signatures: UnsafeBufferPointer<UInt8>
    let classes: UnsafeBufferPointer<Int8>
    let taskCount: Int
    /// Each signature's key on the scanned tasks, when known; else the
    /// signature itself is the key (exact when every task is scanned).
    let keys: UnsafeBufferPointer<UInt8>?

    @inline(__always)
    func code(_ row: Int) -> Int { Int(signatures[row]) }

    @inline(__always)
    func label(code: Int, _ task: Int) -> Int { Int(classes[code &* taskCount &+ task]) }

    @inline(__always)
    func key(_ code: Int, tasks: UnsafeBufferPointer<Int>, radix: UnsafeBufferPointer<UInt64>, classes: UnsafeBufferPointer<Int>) -> UInt64 {
        UInt64(keys?[code] ?? UInt8(truncatingIfNeeded: code))
    }
}
