/// Each task's prediction for every row of a dataset: a nominal task's
/// class and class probabilities, a numeric task's number.
public struct Predictions: Sendable, Equatable {
    /// The task names, in the tree's task order (main task first).
    public var tasks: [String]
    /// Each task's class names (empty for a numeric task).
    public var classes: [[String]]
    /// `labels[t][row]`: the predicted class index of nominal task `t` (empty for a numeric task).
    public var labels: [[Int]]
    /// `probabilities[t][row * classes[t].count + k]`: the probability of class `k` (empty for a numeric task).
    public var probabilities: [[Double]]
    /// `values[t][row]`: numeric task `t`'s predicted value, the mean of the
    /// leaf (or leaves, weighted) the row reaches; empty for a nominal task.
    public var values: [[Double]] = []

    /// The number of rows predicted.
    public var rowCount: Int {
        for t in tasks.indices {
            if isNumeric(task: t) { return values[t].count }
            if t < labels.count { return labels[t].count }
        }
        return 0
    }

    /// Whether task `task` is numeric (its predictions are in ``values``).
    public func isNumeric(task: Int) -> Bool { task < values.count && !values[task].isEmpty }

    /// The predicted class name of task `task` for row `row`, or a numeric task's value as text.
    public func label(task: Int, row: Int) -> String {
        isNumeric(task: task) ? formatPrediction(values[task][row]) : classes[task][labels[task][row]]
    }

    /// Task `task`'s class probabilities for row `row`, in the order of `classes[task]`.
    public func probabilities(task: Int, row: Int) -> ArraySlice<Double> {
        let k = classes[task].count
        return probabilities[task][row * k ..< (row + 1) * k]
    }

    /// The position of the task named `name` in ``tasks``.
    ///
    /// - Throws: ``MTLError`` (`.usage`) if no task is so named; the message
    ///   lists the tasks and suggests the closest name.
    public func taskIndex(named name: String) throws(MTLError) -> Int {
        guard let t = tasks.firstIndex(of: name) else {
            var message = "no task named '\(name)' in the predictions"
            message += closestMatch(to: name, in: tasks).map { "; did you mean '\($0)'?" } ?? "."
            throw MTLError(.usage, message + " Tasks: " + tasks.joined(separator: ", "))
        }
        return t
    }

    /// The predicted class name of the task named `task` for row `row`.
    ///
    /// - Throws: ``MTLError`` (`.usage`) if no task is so named.
    public func label(task: String, row: Int) throws(MTLError) -> String {
        label(task: try taskIndex(named: task), row: row)
    }

    /// The class probabilities of the task named `task` for row `row`, as
    /// (class, probability) pairs in the task's class order.
    ///
    /// - Throws: ``MTLError`` (`.usage`) if no task is so named.
    public func probabilities(task: String, row: Int) throws(MTLError) -> [(class: String, probability: Double)] {
        let t = try taskIndex(named: task)
        return Array(zip(classes[t], probabilities(task: t, row: row)))
    }
}

/// A dataset's columns matched to a tree's attributes by name, with nominal
/// values recoded to the tree's codes (unseen values become missing).
struct _BoundInputs {
    enum Column {
        case numeric([Double])
        case nominal([Int32])
    }

    var columns: [Column]
    var rowCount: Int

    /// Binds the attributes `tested` marks (all if `nil`); the others get an
    /// empty column, and the data need not have them.
    ///
    /// - Throws: ``MTLError`` (`.badData`, without a file: the caller knows it) for a
    ///   missing column, or a numeric attribute's column holding text.
    /// - Complexity: O(columns + rows × bound attributes): columns are found by
    ///   name through one dictionary, not one search per attribute.
    init(_ schema: TreeSchema, _ dataset: Dataset, tested: [Bool]? = nil) throws {
        rowCount = dataset.rowCount
        var byName = [String: Int](minimumCapacity: dataset.columns.count)
        for (i, column) in dataset.columns.enumerated() where byName[column.name] == nil { byName[column.name] = i }
        columns = try schema.attributes.enumerated().map { a, attribute in
            guard tested?[a] ?? true else {
                return attribute.type == .numeric ? .numeric([]) : .nominal([])
            }
            guard let index = byName[attribute.name] else {
                let names = dataset.columns.prefix(20).map(\.name).joined(separator: ", ") + (dataset.columns.count > 20 ? ", …" : "")
                throw MTLError(.badData, "the data have no column '\(attribute.name)', an input the model tests (their columns: \(names))")
            }
            let column = dataset.columns[index]
            switch (attribute.type, column.storage) {
            case (.numeric, .numeric(let values)):
                return .numeric(values)
            case (.numeric, .nominal(let n)):
                // All cells missing or text: numbers only where the text is one.
                var values = [Double](repeating: .nan, count: n.codes.count)
                for (r, c) in n.codes.enumerated() where c >= 0 {
                    guard let x = Double(n.values[Int(c)]), x.isFinite else {
                        var error = MTLError(.badData, "column '\(attribute.name)' is numeric in the model, but data row \(r + 1) has the value '\(n.values[Int(c)])'")
                        error.cell = MTLError.DataCell(row: r, column: attribute.name)
                        throw error
                    }
                    values[r] = x
                }
                return .numeric(values)
            case (.nominal, .nominal(let n)):
                // By the data's value codes, not row by row: one lookup per distinct value.
                var code = [String: Int32]()
                for (i, v) in attribute.values.enumerated() { code[v] = Int32(i) }
                let codeOf = n.values.map { code[$0] ?? -1 }
                return .nominal(n.codes.map { $0 < 0 ? -1 : codeOf[Int($0)] })
            case (.nominal, .numeric):
                var code = [String: Int32]()
                for (i, v) in attribute.values.enumerated() { code[v] = Int32(i) }
                var codes = [Int32](repeating: -1, count: column.count)
                for r in 0 ..< column.count {
                    if let text = column.text(atRow: r) { codes[r] = code[text] ?? -1 }
                }
                return .nominal(codes)
            }
        }
    }
}

extension MultitaskTree {
    /// Predicts every task for every row of `dataset`.
    ///
    /// Columns are matched by name; extra columns (task labels included) are
    /// ignored. A row whose tested value is missing, or a nominal value the
    /// tree never saw at that node, follows every branch, and the branches'
    /// predictions are combined weighted by their training weight (C4.5).
    /// Probabilities are Laplace-corrected class frequencies; a node with no
    /// labelled rows for a task predicts it from its nearest ancestor that has some.
    ///
    /// - Parameter dataset: The rows to predict.
    /// - Returns: Each task's class and probabilities per row.
    /// - Throws: ``MTLError`` (`.badData`) if a column the tree tests is absent or has the wrong type.
    /// - Complexity: O(rows × depth × tasks) when no tested value is missing.
    public func predict(_ dataset: Dataset) throws -> Predictions {
        let T = schema.tasks.count
        var labels = [[Int]](repeating: [], count: T)
        var probabilities = [[Double]](repeating: [], count: T)
        for t in 0 ..< T {
            labels[t].reserveCapacity(dataset.rowCount)
            probabilities[t].reserveCapacity(dataset.rowCount * schema.tasks[t].classes.count)
        }
        var values = [[Double]](repeating: [], count: T)
        for t in 0 ..< T where schema.tasks[t].isNumeric { values[t].reserveCapacity(dataset.rowCount) }
        try forEachPrediction(dataset) { _, t, best, distribution in
            if schema.tasks[t].isNumeric {
                values[t].append(distribution[distribution.startIndex])
            } else {
                labels[t].append(best)
                probabilities[t] += distribution
            }
        }
        return Predictions(
            tasks: schema.tasks.map(\.name), classes: schema.tasks.map(\.classes), labels: labels,
            probabilities: probabilities, values: values)
    }

    /// Each task's accuracy on `dataset`'s labelled rows, as the weight of
    /// the rows predicted right and of the rows labelled, predicted row by
    /// row without keeping the predictions.
    ///
    /// Each row counts with its weight (``Dataset/weights``: 1 unless the
    /// data weigh their rows, as an ARFF file may), so `correct / labelled`
    /// is the accuracy that ``accuracies(on:tasks:)`` gives, and what
    /// evaluation and λ tuning measure; with every row weighing 1 the two
    /// figures are whole numbers of rows, what `train` reports as
    /// "(right/labelled)". A numeric task has no accuracy: its entry is
    /// (0, 0); see ``numericErrors(on:)``.
    ///
    /// - Returns: Per task (in the tree's order), the weight of the labelled
    ///   rows predicted right and the weight of the labelled rows.
    /// - Throws: ``MTLError`` if a column the tree tests is absent or has the wrong type.
    /// - Complexity: O(rows × depth × tasks) when no tested value is missing.
    public func accuracy(on dataset: Dataset) throws -> [(correct: Double, labelled: Double)] {
        let T = schema.tasks.count
        let inputs = _Walk(self, try _BoundInputs(schema, dataset, tested: testedAttributes))
        let n = inputs.rowCount
        // Each row's class for each task (row-major), recoded to the tree's
        // class indices by name: -1 unlabelled, -2 a class the tree has not seen.
        var truth = [Int32](repeating: -1, count: n * T)
        for (t, task) in schema.tasks.enumerated() where !task.isNumeric {
            guard let column = dataset[task.name]?.nominal else { continue }
            let index = Dictionary(task.classes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let code = column.values.map { Int32(index[$0] ?? -2) }
            for (row, c) in column.codes.enumerated() where c >= 0 { truth[row * T + t] = code[Int(c)] }
        }
        let classAt = singlePathClasses(tasks: T)
        // Blocks of rows on all cores, summed in block order, so the total is the same for any number of threads.
        let blocks = stride(from: 0, to: n, by: 16_384).map { $0 ..< min(n, $0 + 16_384) }
        let weights = dataset.weights
        let counts = truth.withUnsafeBufferPointer { truth in
            let truth = _SendableBox(truth)
            return parallelMap(blocks.count, threads: defaultThreadCount) { b in
                // Per task: weight right at 2t, weight labelled at 2t + 1.
                var tally = [Double](repeating: 0, count: 2 * T)
                forEachPredictedClass(inputs, rows: blocks[b], classAt: classAt) { row, t, best in
                    let label = Int(truth.value[row &* T &+ t])
                    guard label != -1 else { return }
                    let w = weights[row]
                    tally[2 &* t &+ 1] += w
                    if label == best { tally[2 &* t] += w }
                }
                return tally
            }
        }
        return (0 ..< T).map { t in
            (correct: counts.reduce(0) { $0 + $1[2 * t] }, labelled: counts.reduce(0) { $0 + $1[2 * t + 1] })
        }
    }

    /// Whether some node tests each attribute: the inputs prediction needs.
    var testedAttributes: [Bool] {
        var tested = [Bool](repeating: false, count: schema.attributes.count)
        for node in nodes { if let a = node.test?.attribute { tested[a] = true } }
        return tested
    }

    /// Calls `body(row, task, predicted class, probabilities)` for every row and task, in order.
    private func forEachPrediction(
        _ dataset: Dataset, _ body: (Int, Int, Int, ArraySlice<Double>) -> Void
    ) throws {
        let inputs = _Walk(self, try _BoundInputs(schema, dataset, tested: testedAttributes))
        forEachPrediction(inputs, rows: 0 ..< inputs.rowCount, body)
    }

    /// ``forEachPrediction(_:_:)`` for some of the rows, and the first
    /// `tasks` tasks (all by default; 1: the main task alone).
    func forEachPrediction(
        _ inputs: _Walk, rows: Range<Int>, tasks: Int? = nil, _ body: (Int, Int, Int, ArraySlice<Double>) -> Void
    ) {
        let T = tasks ?? schema.tasks.count
        var distribution = [Double](repeating: 0, count: schema.classStride)
        var current = [Int](repeating: 0, count: T)
        var descending = [Bool](repeating: true, count: T)
        let predicted = _Walk.taskBits(T)
        for row in rows {
            for i in distribution.indices { distribution[i] = 0 }
            if !inputs.going.isEmpty, let end = singlePath(row: row, inputs: inputs, tasks: predicted) {
                for t in 0 ..< T {
                    addLaplace(node: inputs.source[end &* inputs.taskCount &+ t], task: t, weight: 1, raw: inputs.rawFrequencies, into: &distribution)
                }
            } else {
                for t in 0 ..< T {
                    current[t] = 0
                    descending[t] = true
                }
                descend(row: row, inputs: inputs, current: &current, descending: &descending, into: &distribution)
            }
            for t in 0 ..< T {
                let o = schema.classOffsets[t]
                let k = schema.tasks[t].statisticsWidth
                body(row, t, Self.firstHighest(distribution[o ..< o + k]), distribution[o ..< o + k])
            }
        }
    }

    /// Calls `body(row, task, predicted class)` for `rows` and the first
    /// `tasks` tasks (all by default), in order: ``forEachPrediction(_:rows:tasks:_:)``
    /// without the probabilities. A row whose tested values are all known
    /// takes its classes from a table of each node's (the same arithmetic).
    ///
    /// `classAt`, when given, is ``singlePathClasses(tasks:)`` for the same tasks
    /// (for a caller that walks its rows in blocks).
    func forEachPredictedClass(
        _ inputs: _Walk, rows: Range<Int>, tasks: Int? = nil, classAt table: [Int]? = nil, _ body: (Int, Int, Int) -> Void
    ) {
        let T = tasks ?? schema.tasks.count
        guard !inputs.going.isEmpty else {
            forEachPrediction(inputs, rows: rows, tasks: T) { row, t, best, _ in body(row, t, best) }
            return
        }
        let classAt = table ?? singlePathClasses(tasks: T)
        let predicted = _Walk.taskBits(T)
        for row in rows {
            if let end = singlePath(row: row, inputs: inputs, tasks: predicted) {
                for t in 0 ..< T { body(row, t, classAt[inputs.source[end &* inputs.taskCount &+ t] &* T &+ t]) }
            } else {
                forEachPrediction(inputs, rows: row ..< row + 1, tasks: T) { row, t, best, _ in body(row, t, best) }
            }
        }
    }

    /// At `node * tasks + t`: the class a row predicts for task t when node
    /// is where its walk takes t's counts (Laplace-corrected, first of the
    /// highest, computed as the walk computes it).
    func singlePathClasses(tasks T: Int) -> [Int] {
        var classes = [Int](repeating: 0, count: nodes.count * T)
        var distribution = [Double](repeating: 0, count: schema.classStride)
        for n in nodes.indices {
            for t in 0 ..< T {
                let o = schema.classOffsets[t]
                let k = schema.tasks[t].statisticsWidth
                for j in 0 ..< k { distribution[o + j] = 0 }
                addLaplace(node: n, task: t, weight: 1, raw: false, into: &distribution)
                classes[n * T + t] = Self.firstHighest(distribution[o ..< o + k])
            }
        }
        return classes
    }

    /// The index (from 0) of the first of the highest probabilities: the predicted class.
    @inline(__always)
    private static func firstHighest(_ probabilities: ArraySlice<Double>) -> Int {
        let o = probabilities.startIndex
        var best = 0
        for j in 0 ..< probabilities.count where probabilities[o + j] > probabilities[o + best] { best = j }
        return best
    }

    /// The node where `row`'s walk ends for `tasks` (bits), when every value
    /// it tests on the way is known: the walk ``descend(row:inputs:current:descending:into:)``
    /// takes, read off the walk's per-node tables. `nil` at a missing or unseen value.
    @inline(__always)
    private func singlePath(row: Int, inputs: _Walk, tasks: UInt64) -> Int? {
        var n = 0
        while inputs.going[n] & tasks != 0 {
            guard let child = branch(of: n, row: row, inputs: inputs) else { return nil }
            n = child
        }
        return n
    }

    /// Follows `row` down its single path while its tested values are known,
    /// then, at a missing or unseen value, combines the branches below.
    private func descend(
        row: Int, inputs: _Walk, current: inout [Int], descending: inout [Bool], into distribution: inout [Double]
    ) {
        var n = 0
        while true {
            // A leaf stops every task, so this also ends the walk at a leaf.
            guard advance(node: n, inputs: inputs, current: &current, descending: &descending) else {
                for t in current.indices { addLaplace(node: current[t], task: t, weight: 1, raw: inputs.rawFrequencies, into: &distribution) }
                return
            }
            guard let child = branch(of: n, row: row, inputs: inputs) else {
                combineChildren(of: n, row: row, inputs: inputs, weight: 1, current: &current, descending: &descending, into: &distribution)
                return
            }
            n = child
        }
    }

    /// Moves each still-descending task's prediction source to `node` if it has
    /// labelled rows there, and stops tasks whose predictions end at `node`.
    /// Returns whether any task goes on below.
    private func advance(node n: Int, inputs: _Walk, current: inout [Int], descending: inout [Bool]) -> Bool {
        var anyDescending = false
        let T = schema.tasks.count
        // `current` holds the tasks predicted: all, or the first few.
        for t in 0 ..< current.count where descending[t] {
            if inputs.labelled[n &* T &+ t] { current[t] = n }
            if inputs.stops[n &* T &+ t] { descending[t] = false } else { anyDescending = true }
        }
        return anyDescending
    }

    /// Adds each child's distribution, weighted by its share of the training weight.
    private func combineChildren(
        of n: Int, row: Int, inputs: _Walk, weight: Double, current: inout [Int], descending: inout [Bool],
        into distribution: inout [Double]
    ) {
        let node = nodes[n]
        let total = node.children.reduce(0.0) { $0 + nodes[$1].weight }
        for c in node.children where total > 0 && nodes[c].weight > 0 {
            accumulate(
                node: c, row: row, inputs: inputs, weight: weight * nodes[c].weight / total, current: &current,
                descending: &descending, into: &distribution)
        }
    }

    /// Adds `weight` × each task's distribution below `node` for `row`:
    /// down its single path while its tested values are known (a loop, so
    /// only a missing value, where the branches are combined, adds a frame),
    /// leaving `current` and `descending` as they were.
    private func accumulate(
        node start: Int, row: Int, inputs: _Walk, weight: Double, current: inout [Int], descending: inout [Bool],
        into distribution: inout [Double]
    ) {
        let saved = (current, descending)
        defer { (current, descending) = saved }
        var n = start
        while advance(node: n, inputs: inputs, current: &current, descending: &descending) {
            guard let child = branch(of: n, row: row, inputs: inputs) else {
                combineChildren(of: n, row: row, inputs: inputs, weight: weight, current: &current, descending: &descending, into: &distribution)
                return
            }
            n = child
        }
        for t in current.indices { addLaplace(node: current[t], task: t, weight: weight, raw: inputs.rawFrequencies, into: &distribution) }
    }

    /// The child a row goes to, or `nil` when its value is missing or unseen at this node.
    @inline(__always)
    private func branch(of n: Int, row: Int, inputs: _Walk) -> Int? {
        let a = inputs.numericAttribute[n]
        if a >= 0 {
            let x = inputs.numericValues[a][row]
            return x.isNaN ? nil : inputs.firstChild[n] &+ (x <= inputs.threshold[n] ? 0 : 1)
        }
        let node = nodes[n]
        switch (node.test, inputs.bound.columns[node.test?.attribute ?? 0]) {
        case (.numeric(_, let threshold)?, .numeric(let values)):
            let x = values[row]
            return x.isNaN ? nil : node.firstChild + (x <= threshold ? 0 : 1)
        case (.nominal(_, let branches)?, .nominal(let codes)):
            let v = codes[row]
            guard v >= 0, let i = branches.firstIndex(of: v) else { return nil }
            return node.firstChild + i
        default:
            return nil
        }
    }

    /// Adds `weight` × the Laplace-corrected class frequencies of `task` at
    /// `node` (with `raw`, the plain frequencies n_k / N); for a numeric
    /// task, `weight` × its mean there, at the task's first place.
    private func addLaplace(node: Int, task: Int, weight: Double, raw: Bool, into distribution: inout [Double]) {
        if schema.tasks[task].isNumeric {
            distribution[schema.classOffsets[task]] += weight * summary(node: node, task: task).mean
            return
        }
        let counts = counts(node: node, task: task)
        let total = counts.reduce(0, +)
        let k = Double(counts.count)
        let o = schema.classOffsets[task]
        if raw, total > 0 {
            for (j, c) in counts.enumerated() { distribution[o + j] += weight * c / total }
            return
        }
        for (j, c) in counts.enumerated() { distribution[o + j] += weight * (c + 1) / (total + k) }
    }
}

/// The tree's tests and each task's stops laid out flat, with the data's
/// columns: what a row's walk down the tree reads at each node, without
/// copying nodes or columns.
struct _Walk {
    let bound: _BoundInputs
    /// Per node: the attribute of its numeric test (-1: a leaf or a nominal test), its threshold and first child.
    let numericAttribute: [Int]
    let threshold: [Double]
    let firstChild: [Int]
    /// Per attribute, its values if numeric (else empty).
    let numericValues: [[Double]]
    /// At `node * tasks + task`: whether any row labelled for the task
    /// reached the node, and whether the task's predictions stop there.
    let labelled: [Bool]
    let stops: [Bool]
    /// For a row that reaches node n by known values (trees of at most 64
    /// tasks; else empty): the tasks still descending below n, as bits, and
    /// at `n * taskCount + t` the node whose counts predict task t there (the
    /// deepest node on the way, before t stops, with rows labelled for t).
    let going: [UInt64]
    let source: [Int]
    let taskCount: Int
    /// Whether a walk adds plain class frequencies instead of Laplace-corrected ones.
    var rawFrequencies = false

    init(_ tree: MultitaskTree, _ bound: _BoundInputs) {
        self.bound = bound
        let T = tree.schema.tasks.count
        numericAttribute = tree.nodes.map { node in
            if case .numeric(let a, _)? = node.test { a } else { -1 }
        }
        threshold = tree.nodes.map { node in
            if case .numeric(_, let threshold)? = node.test { threshold } else { 0 }
        }
        firstChild = tree.nodes.map(\.firstChild)
        numericValues = bound.columns.map { column in
            if case .numeric(let values) = column { values } else { [] }
        }
        // Filled in place: flatMap would build an array per node.
        var labelledAt = [Bool](repeating: false, count: tree.nodes.count * T)
        var stopsAt = labelledAt
        for n in tree.nodes.indices {
            for t in 0 ..< T {
                let start = n * tree.schema.classStride + tree.schema.classOffsets[t]
                labelledAt[n * T + t] = tree.schema.tasks[t].isNumeric
                    ? tree.classCounts[start] > 0
                    : tree.classCounts[start ..< start + tree.schema.tasks[t].classes.count].contains { $0 > 0 }
                stopsAt[n * T + t] = tree.isLeaf(node: n, task: t)
            }
        }
        labelled = labelledAt
        stops = stopsAt
        taskCount = T
        guard T <= 64, !tree.nodes.isEmpty else {
            going = []
            source = []
            return
        }
        // Top down (children follow their parent): what `advance` does at each node of the path.
        var going = [UInt64](repeating: 0, count: tree.nodes.count)
        var source = [Int](repeating: 0, count: tree.nodes.count * T)
        let labelled = self.labelled
        let stops = self.stops
        // Node n entered with `parentGoing` still descending; `source` holds the parent's.
        func enter(_ n: Int, from parentGoing: UInt64) {
            var mask = parentGoing
            for t in 0 ..< T where parentGoing & (1 << UInt64(t)) != 0 {
                if labelled[n * T + t] { source[n * T + t] = n }
                if stops[n * T + t] { mask &= ~(1 << UInt64(t)) }
            }
            going[n] = mask
        }
        enter(0, from: Self.taskBits(T))
        var pending = [0]
        while let n = pending.popLast() {
            let node = tree.nodes[n]
            for c in node.firstChild ..< node.firstChild + node.childCount where !node.isLeaf {
                // A task that stopped above, or has no labelled rows here, keeps its source.
                for t in 0 ..< T { source[c * T + t] = source[n * T + t] }
                enter(c, from: going[n])
                pending.append(c)
            }
        }
        self.going = going
        self.source = source
    }

    var rowCount: Int { bound.rowCount }

    /// The first `count` tasks (at most 64) as the bits of a `going` mask.
    static func taskBits(_ count: Int) -> UInt64 { count >= 64 ? ~0 : (1 << UInt64(count)) - 1 }
}

extension MultitaskTree {
    /// Each task's accuracy on `dataset`, the data this tree was grown on
    /// (pruned since or not), as ``accuracy(on:)`` gives it: read off the
    /// tree's counts when that is exact, else by walking the rows.
    ///
    /// A training row whose tested values are all known reaches, for each
    /// task, exactly the nodes it was counted in while growing, down to the
    /// one where the task's predictions stop; that node predicts the class of
    /// its own counts (or, with no rows labelled for the task, reaches no
    /// labelled row). So the rows right for a task are, summed over the nodes
    /// where it stops, each node's count of the class it predicts. That
    /// holds when every row weighs 1 (counts are rows) and no value the tree
    /// tests is missing (such a row is spread over branches); otherwise, or
    /// if the root's counts are not the data's labels, the rows are walked.
    ///
    /// - Precondition: The tree was grown on `dataset`.
    package func trainingAccuracy(grownOn dataset: Dataset) throws -> [(correct: Double, labelled: Double)] {
        let T = schema.tasks.count
        guard !nodes.isEmpty, T <= 64, dataset.rowCount == Int(exactly: nodes[0].weight), dataset.weights.allSatisfy({ $0 == 1 })
        else { return try accuracy(on: dataset) }
        // Each tested column read through for a missing value, on all cores.
        let tested = Array(Set(nodes.compactMap { $0.test?.attribute }))
        let missing = parallelMap(tested.count, threads: defaultThreadCount) { i in
            dataset[schema.attributes[tested[i]].name]?.missingCount ?? 1
        }
        guard missing.allSatisfy({ $0 == 0 }) else { return try accuracy(on: dataset) }
        var labelled = [Int](repeating: 0, count: T)
        for (t, task) in schema.tasks.enumerated() where !task.isNumeric {
            guard let column = dataset[task.name]?.nominal else { return try accuracy(on: dataset) }
            labelled[t] = column.codes.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
            guard counts(node: 0, task: t).reduce(0, +) == Double(labelled[t]) else { return try accuracy(on: dataset) }
        }
        let classAt = singlePathClasses(tasks: T)
        var correct = [Double](repeating: 0, count: T)
        // Top down, with the tasks whose predictions have not stopped above.
        var pending: [(node: Int, going: UInt64)] = [(0, _Walk.taskBits(T))]
        while let (n, going) = pending.popLast() {
            var below = going
            for t in 0 ..< T where going & (1 << UInt64(t)) != 0 && isLeaf(node: n, task: t) {
                let counts = counts(node: n, task: t)
                if !schema.tasks[t].isNumeric { correct[t] += counts[counts.startIndex + classAt[n * T + t]] }
                below &= ~(1 << UInt64(t))
            }
            guard below != 0 else { continue }
            for c in nodes[n].firstChild ..< nodes[n].firstChild + nodes[n].childCount { pending.append((c, below)) }
        }
        return (0 ..< T).map { (correct: correct[$0], labelled: Double(labelled[$0])) }
    }
}
