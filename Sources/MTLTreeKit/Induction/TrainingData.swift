/// The dataset laid out for the split search: plain arrays, labels of all
/// tasks packed row by row, and each numeric attribute's known rows presorted
/// once, so that no node ever sorts.
struct _TrainingData: Sendable {
    enum Attribute: Sendable {
        /// Values (`.nan` missing).
        case numeric(values: [Double])
        /// Codes (-1 missing) and the number of values.
        case nominal(codes: [Int32], valueCount: Int)
    }

    let rowCount: Int
    let weights: [Double]
    let attributes: [Attribute]
    /// The numeric attributes, in order: the slots of the sorted lists.
    let numericAttributes: [Int]
    /// Each attribute's slot among the sorted lists (-1 for a nominal one).
    let listSlot: [Int]
    let taskCount: Int
    /// Row `r`'s class for task `t` at `r * taskCount + t`; -1 when unknown
    /// (always, for a numeric task).
    let labels: [Int32]
    /// Each task's slot among the numeric tasks (-1 for a nominal task).
    let numericSlot: [Int]
    /// The number of numeric tasks.
    let numericTaskCount: Int
    /// Row `r`'s value of the numeric task in slot `j` at `r * numericTaskCount + j`,
    /// less the task's training mean (``numericCenter``); `.nan` when unknown.
    let targets: [Double]
    /// Per task: the training mean subtracted from its values (0 for a nominal task).
    let numericCenter: [Double]
    /// Per task: its weighted variance over the training rows with a known
    /// value, the normaliser of its gain (0 for a nominal task).
    let rootVariance: [Double]
    /// The same labels in one byte each (255 unknown) when every task has
    /// fewer than 255 classes: a quarter of the cache for the threshold scan.
    let packedLabels: [UInt8]?
    /// All of a row's labels as one byte, when every combination fits (e.g. up
    /// to five binary tasks): the scan's random reads then stay in cache.
    /// `signatureClasses[s * taskCount + t]` is task t's class in signature s (-1 unknown).
    let rowSignatures: [UInt8]?
    let signatureClasses: [Int8]
    let classCounts: [Int]
    let classOffsets: [Int]
    let classStride: Int
    /// The λ vectors of the trees grown together (the members), one λ per task each.
    private(set) var memberLambdas: [[Double]]
    /// Per member, the tasks with λ > 0: only these steer its split search.
    private(set) var memberActiveTasks: [[Int]]
    /// Per member, when rows have signatures: each signature's labels on the
    /// member's tasks with λ > 0, as one number (the threshold scan's run key).
    private(set) var memberSignatureKeys: [[UInt8]]
    /// Per member, and for the tasks any member weighs: each signature's
    /// classes on those tasks as 0/1 lanes, when they are all binary (at most
    /// eight); else empty. The threshold scan counts a row with one add.
    private(set) var memberBinaryVectors: [[SIMD8<Int32>]]
    private(set) var unionTasks: [Int]
    private(set) var unionBinaryVectors: [SIMD8<Int32>]
    /// `n log2 n` for every whole count up to the number of rows.
    let xlxTable: [Double]

    /// Lays out `dataset` (whose schema is `schema`) for induction.
    ///
    /// - Complexity: O(rows × (attributes + tasks)), plus a radix sort per numeric attribute.
    init(_ dataset: Dataset, schema: TreeSchema, members: [[Double]]) {
        rowCount = dataset.rowCount
        weights = dataset.weights
        let inputColumns = dataset.inputIndices.map { dataset.columns[$0] }
        attributes = inputColumns.map { column in
            switch column.storage {
            case .numeric(let values): .numeric(values: values)
            case .nominal(let n): .nominal(codes: n.codes, valueCount: n.values.count)
            }
        }
        var numeric: [Int] = []
        var listSlot = [Int](repeating: -1, count: inputColumns.count)
        for (a, column) in inputColumns.enumerated() where column.nominal == nil {
            listSlot[a] = numeric.count
            numeric.append(a)
        }
        numericAttributes = numeric
        self.listSlot = listSlot
        let tasks = dataset.taskIndices
        taskCount = tasks.count
        var labels = [Int32](repeating: -1, count: rowCount * tasks.count)
        var numericSlot = [Int](repeating: -1, count: tasks.count)
        var numericColumns: [[Double]] = []
        for (t, column) in tasks.enumerated() {
            switch dataset.columns[column].storage {
            case .nominal(let n):
                let codes = n.codes
                for r in 0 ..< rowCount { labels[r * tasks.count + t] = codes[r] }
            case .numeric(let values):
                numericSlot[t] = numericColumns.count
                numericColumns.append(values)
            }
        }
        self.labels = labels
        self.numericSlot = numericSlot
        numericTaskCount = numericColumns.count
        (targets, numericCenter, rootVariance) = Self.centeredTargets(numericColumns, slots: numericSlot, weights: dataset.weights)
        packedLabels = schema.tasks.allSatisfy({ $0.classes.count < 255 }) ? labels.map { $0 < 0 ? 255 : UInt8($0) } : nil
        (rowSignatures, signatureClasses) = Self.signatures(labels: labels, classCounts: schema.tasks.map { $0.isNumeric ? 0 : $0.classes.count })
        classCounts = schema.tasks.map { $0.isNumeric ? 0 : $0.classes.count }
        classOffsets = schema.classOffsets
        classStride = schema.classStride
        memberLambdas = []
        memberActiveTasks = []
        memberSignatureKeys = []
        memberBinaryVectors = []
        unionTasks = []
        unionBinaryVectors = []
        xlxTable = MTLTreeKit.xlxTable(upTo: rowCount)
        setMembers(members)
    }
}

extension _TrainingData {
    /// The numeric tasks' values row by row, each less its weighted mean
    /// over the rows where it is known; and per task (by `slots`) that mean
    /// and the weighted population variance.
    static func centeredTargets(_ columns: [[Double]], slots: [Int], weights: [Double]) -> ([Double], [Double], [Double]) {
        let N = columns.count
        var center = [Double](repeating: 0, count: slots.count)
        var variance = [Double](repeating: 0, count: slots.count)
        guard N > 0 else { return ([], center, variance) }
        let rows = weights.count
        var targets = [Double](repeating: .nan, count: rows * N)
        for (t, j) in slots.enumerated() where j >= 0 {
            let values = columns[j]
            var w = 0.0, s = 0.0
            for r in 0 ..< rows where !values[r].isNaN {
                w += weights[r]
                s += weights[r] * values[r]
            }
            let mean = w > 0 ? s / w : 0
            var q = 0.0
            for r in 0 ..< rows where !values[r].isNaN {
                let y = values[r] - mean
                targets[r * N + j] = y
                q += weights[r] * y * y
            }
            center[t] = mean
            variance[t] = w > 0 ? q / w : 0
        }
        return (targets, center, variance)
    }

    /// Turns every node's statistics of each numeric task, as grown (W, Σwy,
    /// Σwy² of the centred values), into what a tree keeps: weight, mean and
    /// (population) variance; a node with no labelled row keeps zeros.
    func summarizeNumericTasks(_ counts: inout [Double]) {
        guard numericTaskCount > 0, classStride > 0 else { return }
        for n in 0 ..< counts.count / classStride {
            for t in 0 ..< taskCount where isNumeric(t) {
                let o = n * classStride + classOffsets[t]
                let w = counts[o]
                guard w > 0 else {
                    counts[o + 1] = 0
                    counts[o + 2] = 0
                    continue
                }
                let mean = numericCenter[t] + counts[o + 1] / w
                counts[o + 2] = _VarianceCriterion.term(w, counts[o + 1], counts[o + 2]) / w
                // Adding back the centre leaves rounding (−5.6e−17 for a mean of 0): far below the data's scale, it is 0.
                let scale = max(abs(numericCenter[t]), rootVariance[t].squareRoot())
                counts[o + 1] = abs(mean) <= 1e-12 * scale ? 0 : mean
            }
        }
    }

    /// Whether task `t` is numeric.
    @inline(__always)
    func isNumeric(_ t: Int) -> Bool { numericSlot[t] >= 0 }

    /// Each row's labels as one byte: the number of its combination of
    /// labels (unknown included) among those present, in order of first
    /// appearance, when at most 256 are present; and the table back to classes.
    static func signatures(labels: [Int32], classCounts: [Int]) -> ([UInt8]?, [Int8]) {
        let T = classCounts.count
        guard T > 0, classCounts.allSatisfy({ $0 <= 127 }) else { return (nil, []) }
        // A row's labels in mixed radix (unknown as an extra digit), to look its combination up.
        var product: UInt64 = 1
        for k in classCounts {
            let (p, overflow) = product.multipliedReportingOverflow(by: UInt64(k + 1))
            if overflow { return (nil, []) }
            product = p
        }
        let rows = labels.count / T
        // Few combinations (e.g. up to eleven binary tasks) are looked up in
        // a table by number; more, in a dictionary.
        var table = [Int16](repeating: -1, count: product <= 1 << 16 ? Int(product) : 0)
        var code: [UInt64: UInt8] = [:]
        var present = 0
        var classes: [Int8] = []
        var signatures = [UInt8](repeating: 0, count: rows)
        for r in 0 ..< rows {
            var value: UInt64 = 0
            for t in 0 ..< T {
                let c = labels[r * T + t]
                value = value * UInt64(classCounts[t] + 1) + UInt64(c < 0 ? classCounts[t] : Int(c))
            }
            if let s = table.isEmpty ? code[value].map(Int16.init) : table[Int(value)], s >= 0 {
                signatures[r] = UInt8(s)
                continue
            }
            guard present < 256 else { return (nil, []) }
            let s = UInt8(present)
            present += 1
            if table.isEmpty { code[value] = s } else { table[Int(value)] = Int16(s) }
            classes += labels[r * T ..< (r + 1) * T].map { Int8($0) }
            signatures[r] = s
        }
        return (signatures, classes)
    }

    /// Reuses the laid-out data for other trees' task weights (at most
    /// ``_Members/capacity`` λ vectors).
    mutating func setMembers(_ members: [[Double]]) {
        precondition(members.count <= _Members.capacity)
        memberLambdas = members
        memberActiveTasks = members.map { lambdas in lambdas.indices.filter { lambdas[$0] > 0 } }
        unionTasks = (0 ..< taskCount).filter { t in members.contains { $0[t] > 0 } }
        memberBinaryVectors = memberActiveTasks.map(binaryVectors)
        unionBinaryVectors = binaryVectors(unionTasks)
        guard rowSignatures != nil else { return memberSignatureKeys = [] }
        // A signature's key for a member: the first signature with the same labels on its tasks.
        // (Those labels as one number in mixed radix, unknown as an extra digit: it fits, as the signatures' did.)
        let combinations = signatureClasses.count / max(1, taskCount)
        memberSignatureKeys = memberActiveTasks.map { tasks in
            var first: [UInt64: UInt8] = [:]
            return (0 ..< combinations).map { s in
                var labels: UInt64 = 0
                for t in tasks {
                    let c = signatureClasses[s * taskCount + t]
                    labels = labels * UInt64(classCounts[t] + 1) + UInt64(c < 0 ? classCounts[t] : Int(c))
                }
                if let key = first[labels] { return key }
                first[labels] = UInt8(s)
                return UInt8(s)
            }
        }
    }

    /// Each signature's classes on `tasks` as 0/1 lanes (unknown as 0), if
    /// rows have signatures and `tasks` are one to eight binary tasks.
    func binaryVectors(_ tasks: [Int]) -> [SIMD8<Int32>] {
        guard rowSignatures != nil, (1 ... 8).contains(tasks.count), tasks.allSatisfy({ classCounts[$0] == 2 }) else { return [] }
        return (0 ..< signatureClasses.count / taskCount).map { s in
            var lanes = SIMD8<Int32>()
            for (j, t) in tasks.enumerated() { lanes[j] = max(0, Int32(signatureClasses[s * taskCount + t])) }
            return lanes
        }
    }

    /// The tasks with λ > 0 for any of `members`, in task order: the tasks
    /// whose labels a split search shared by these members must count.
    func activeTasks(_ members: _Members) -> [Int] {
        if members.count == 1 { return memberActiveTasks[members.first] }
        if members.count == memberLambdas.count { return unionTasks }
        return (0 ..< taskCount).filter { t in members.contains { memberLambdas[$0][t] > 0 } }
    }
}

/// A row in a numeric attribute's value order, and whether its value differs
/// from the previous entry's: all the threshold scan needs, in four bytes, so
/// a node's lists cost four bytes per row and attribute.
struct _SortedEntry: Equatable {
    private var bits: UInt32

    /// The most rows a dataset may have (row numbers use 31 bits).
    static let maximumRows = 1 << 31

    init(row: Int32, startsValue: Bool) {
        bits = UInt32(bitPattern: row) | (startsValue ? 1 << 31 : 0)
    }

    /// The row.
    var row: Int32 { Int32(bitPattern: bits & 0x7FFF_FFFF) }

    /// Whether this entry's value is larger than the previous entry's (true
    /// for a list's first): a threshold may go just before it. Set when the
    /// entry is written, from what precedes it, so a list is cut in one pass.
    var startsValue: Bool { bits >> 31 != 0 }

    /// This entry with `startsValue` set to `starts`.
    @inline(__always)
    func starting(_ starts: Bool) -> _SortedEntry { starting(bit: starts ? 1 << 31 : 0) }

    /// `startsValue` as its bit in the entry (for cutting lists without branches).
    @inline(__always)
    var startBit: UInt32 { bits & 1 << 31 }

    /// This entry with `startsValue` given as its bit.
    @inline(__always)
    func starting(bit: UInt32) -> _SortedEntry {
        var entry = self
        entry.bits = bits & 0x7FFF_FFFF | bit
        return entry
    }
}
