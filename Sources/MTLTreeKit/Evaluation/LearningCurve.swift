/// The main-task error of STL and MTL against the number of training rows.
///
/// On every split, the training rows are shuffled once (seeded by the split)
/// and the first n of them are learned from, for each size n, so the
/// subsets are nested; both trees are measured on the split's whole test
/// part. Each point is the mean ± standard error over the splits, with a
/// paired t-test of MTL against STL. The error is ``metric``'s
/// (``Metric/error(fromValue:)``: 1 − accuracy by default; a numeric main
/// task's mean squared error). The majority's error on each split (the
/// training part's most frequent class; a numeric task's training mean) is
/// the floor a tree should clear.
public struct LearningCurve: Sendable, Equatable {
    /// One training-set size.
    public struct Point: Sendable, Equatable {
        /// The number of training rows.
        public var size: Int
        /// STL's main-task error on each split.
        public var stlErrors: [Double]
        /// MTL's main-task error on each split.
        public var mtlErrors: [Double]
        /// STL's main-task tree size (nodes, leaves) on each split.
        public var stlSizes: [EvaluationReport.TreeSize] = []
        /// MTL's main-task tree size on each split.
        public var mtlSizes: [EvaluationReport.TreeSize] = []

        /// The mean tree size of `sizes`, or `nil` if empty.
        static func mean(_ sizes: [EvaluationReport.TreeSize]) -> EvaluationReport.TreeSize? {
            guard !sizes.isEmpty else { return nil }
            let n = Double(sizes.count)
            return EvaluationReport.TreeSize(nodes: sizes.reduce(0) { $0 + $1.nodes } / n, leaves: sizes.reduce(0) { $0 + $1.leaves } / n)
        }

        /// STL's mean error and its standard error.
        public var stl: SampleSummary { SampleSummary(stlErrors) }
        /// MTL's mean error and its standard error.
        public var mtl: SampleSummary { SampleSummary(mtlErrors) }
        /// MTL against STL on the same splits (negative: MTL errs less).
        public var test: PairedTTest { Statistics.pairedTTest(mtlErrors, stlErrors) }
    }

    /// The dataset's name.
    public var dataset: String
    /// The main task.
    public var mainTask: String
    /// MTL's λ.
    public var lambda: LambdaSpecification
    /// How rows were split.
    public var resampling: Resampling
    /// The seed of the splits and subsamples.
    public var seed: UInt64
    /// How trees were pruned (`nil`: unpruned).
    public var pruning: PruningConfiguration?
    /// The points, by increasing size.
    public var points: [Point]
    /// What the error is of (a nominal main task's).
    public var metric: Metric = .accuracy
    /// Whether the main task is numeric (its error is the mean squared error).
    public var numericMainTask = false
    /// The majority's main-task error on each split, learned from the whole
    /// training part (the largest size); the level drawn on the plot.
    public var majorityErrors: [Double] = []

    /// Measures the curve.
    ///
    /// - Parameters:
    ///   - dataset: Data with a main task.
    ///   - configuration: How trees are grown; its λ is MTL's.
    ///   - sizes: Training-set sizes; `nil` for ``defaultSizes(trainingRows:)``.
    ///   - resampling: How rows are split into training and test parts.
    ///   - seed: Fixes the splits and the subsamples.
    ///   - pruning: How trees are pruned before they are measured.
    ///   - metric: What a nominal main task's error is of.
    ///   - progress: Told after each split.
    /// - Throws: ``MTLError`` (`.usage`) without a main task, for a size below
    ///   1 or above the smallest training part, or a resampling that does not fit.
    /// - Complexity: Two trees per size per split; splits run in parallel.
    public init(
        measuring dataset: Dataset, configuration: InductionConfiguration = InductionConfiguration(), sizes: [Int]? = nil,
        resampling: Resampling = .crossValidation(folds: 10, repeats: 1), seed: UInt64 = 1,
        pruning: PruningConfiguration? = .default, metric: Metric = .accuracy, progress: ProgressHandler? = nil
    ) throws {
        guard let main = dataset.mainTask else {
            throw MTLError(.usage, "a learning curve compares STL and MTL on a main task", hint: .nameMainTask)
        }
        let pruning = pruning.flatMap { $0.isEnabled ? $0 : nil }
        try pruning?.validate()
        let splits = try resampling.splits(labels: try Evaluator.mainTaskCodes(dataset, main: main, what: "curve"), seed: seed)
        let smallest = splits.map(\.training.count).min() ?? 0
        let sizes = Array(Set(sizes ?? Self.defaultSizes(trainingRows: smallest))).sorted()
        guard let first = sizes.first, let last = sizes.last else { throw MTLError(.usage, "no training-set sizes given") }
        guard first >= 1 else { throw MTLError(.usage, "a training-set size must be at least 1, not \(first)") }
        guard last <= smallest else {
            throw MTLError(.usage, "a training-set size of \(last) is more than the \(smallest) training rows of the smallest split")
        }
        let runner = _SplitRunner(threads: configuration.threads, progress: progress, total: splits.count)
        let inducer = TreeInducer(configuration: runner.perSplit(configuration, splits: splits.count))
        let lambdas = [LambdaSpecification(shared: 0), configuration.lambda]
        let mainName = dataset.columns[main].name
        // errors[split]: per size (STL, MTL) errors and tree sizes, and the majority's error.
        let errors = try runner.map(splits.count) { s in
            let test = dataset.subset(rows: splits[s].test)
            var order = splits[s].training
            var rng = SplitMix64(seed: splits[s].seed)
            rng.shuffle(&order)
            let perSize = try sizes.map { size in
                // Sorted, so a subset reads in the data's order whatever the shuffle.
                let trees = try inducer.fit(dataset.subset(rows: order[..<size].sorted()), lambdas: lambdas)
                let (stl, mtl) = try (trees[0].pruned(ifGiven: pruning), trees[1].pruned(ifGiven: pruning))
                return (
                    stl: try stl.mainTaskError(on: test, metric: metric), mtl: try mtl.mainTaskError(on: test, metric: metric),
                    stlSize: EvaluationReport.TreeSize(stl), mtlSize: EvaluationReport.TreeSize(mtl))
            }
            let training = dataset.subset(rows: splits[s].training)
            return (perSize: perSize, majority: Self.majorityError(metric, task: mainName, training, test))
        }
        self.dataset = dataset.name
        mainTask = dataset.columns[main].name
        lambda = configuration.lambda
        self.resampling = resampling
        self.seed = seed
        self.pruning = pruning
        self.metric = metric
        numericMainTask = dataset.columns[main].nominal == nil
        majorityErrors = errors.map(\.majority)
        points = sizes.indices.map { i in
            Point(
                size: sizes[i], stlErrors: errors.map { $0.perSize[i].stl }, mtlErrors: errors.map { $0.perSize[i].mtl },
                stlSizes: errors.map { $0.perSize[i].stlSize }, mtlSizes: errors.map { $0.perSize[i].mtlSize })
        }
    }

    /// The main-task error, by `metric`, of predicting every test row the
    /// training rows' majority class (a numeric task: their mean, by squared error).
    static func majorityError(_ metric: Metric, task: String, _ training: Dataset, _ test: Dataset) -> Double {
        if let trainingLabels = training[task]?.nominal, let testLabels = test[task]?.nominal {
            return metric.error(fromValue: Evaluator.majorityValue(
                metric, task: task, trainingLabels, training.weights, testLabels, test.weights))
        }
        guard let errors = Evaluator.meanPredictorErrors(training[task]?.numeric, training.weights, test[task]?.numeric),
              errors.count > 0 else { return .nan }
        return errors.squaredError / Double(errors.count)
    }

    /// What the error is: `error (1 − accuracy)`, `error (log-loss)`, or `mean squared error`.
    public var errorName: String { numericMainTask ? "mean squared error" : "error (\(metric.errorTitle))" }

    /// 25, 50, 100, … doubling while below ¾ of `trainingRows` (so the last
    /// two points do not crowd), then `trainingRows` itself.
    ///
    /// - Complexity: O(log trainingRows).
    public static func defaultSizes(trainingRows: Int) -> [Int] {
        var sizes: [Int] = []
        var n = 25
        while 4 * n < 3 * trainingRows {
            sizes.append(n)
            n *= 2
        }
        return trainingRows > 0 ? sizes + [trainingRows] : []
    }

    /// A readable table: size, STL and MTL error (mean ± standard error),
    /// difference, p-value, and both trees' mean size; then the majority's error.
    public var text: String {
        var out = "learning curve of \(mainTask) on \(dataset): \(resampling.description(stratified: !numericMainTask)), seed \(seed); "
        out += "trees \(LambdaTuning.pruningText(pruning)); MTL λ = \(formatNumber(lambda.shared))\n"
        out += "main-task \(errorName), mean ± standard error over \(points.first?.stl.count ?? 0) splits;\n"
        out += "tree size: mean nodes / leaves\n"
        out += "  size  " + "STL".padded(16) + "  " + "MTL".padded(16) + "  MTL − STL  p-value  " + "STL size".padded(13)
        out += "  MTL size\n"
        for p in points {
            out += String(p.size).leftPadded(6) + "  " + LambdaTuning.summaryText(p.stl).padded(16) + "  "
            out += LambdaTuning.summaryText(p.mtl).padded(16) + "  " + signed(p.test.meanDifference).leftPadded(9)
            out += "  " + pText(p.test.pValue).padded(7) + "  " + EvaluationReport.sizeText(Point.mean(p.stlSizes)).padded(13)
            out += "  " + EvaluationReport.sizeText(Point.mean(p.mtlSizes)) + "\n"
        }
        if !majorityErrors.isEmpty {
            let floor = numericMainTask ? "the training mean" : "the training part's most frequent class"
            out += "majority (\(floor)): \(LambdaTuning.summaryText(SampleSummary(majorityErrors)))\n"
        }
        return out.split(separator: "\n", omittingEmptySubsequences: false).map(withoutTrailingSpaces).joined(separator: "\n")
    }

    /// The curve as JSON: `dataset`, `main_task`, `metric` (`squared_error`
    /// for a numeric main task), `lambda`, `resampling`, `seed`, `pruning`,
    /// `majority` (`error`, `standard_error`, `per_split`), and `points`
    /// (objects with `size`, `stl` and `mtl` (each `error`,
    /// `standard_error`, `per_split`, `tree_size`: `nodes`, `leaves`),
    /// `mean_difference` (MTL − STL) and `p_value`).
    package var json: JSONValue {
        func errors(_ values: [Double], size: EvaluationReport.TreeSize?) -> JSONValue {
            let s = SampleSummary(values)
            var members: [(String, JSONValue)] = [
                ("error", .measure(s.mean)), ("standard_error", .measure(s.standardError)),
                ("per_split", .array(values.map(JSONValue.measure))),
            ]
            if let size { members.append(("tree_size", .object([("nodes", .measure(size.nodes)), ("leaves", .measure(size.leaves))]))) }
            return .object(members)
        }
        return .object([
            ("dataset", .string(dataset)), ("main_task", .string(mainTask)),
            ("metric", .string(numericMainTask ? "squared_error" : metric.key)), ("lambda", EvaluationReport.lambdaJSON(lambda)),
            ("resampling", resampling.json(stratified: !numericMainTask)), ("seed", .number(Double(seed))), ("pruning", LambdaTuning.pruningJSON(pruning)),
            ("majority", errors(majorityErrors, size: nil)),
            ("points", .array(points.map { p in
                let test = p.test
                return .object([
                    ("size", .number(Double(p.size))), ("stl", errors(p.stlErrors, size: Point.mean(p.stlSizes))),
                    ("mtl", errors(p.mtlErrors, size: Point.mean(p.mtlSizes))),
                    ("mean_difference", .measure(test.meanDifference)), ("p_value", .measure(test.pValue)),
                ])
            })),
        ])
    }
}
