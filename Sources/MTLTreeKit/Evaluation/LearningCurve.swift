/// The main-task error of STL and MTL against the number of training rows.
///
/// On every split, the training rows are shuffled once (seeded by the split)
/// and the first n of them are learned from, for each size n, so the
/// subsets are nested; both trees are measured on the split's whole test
/// part. Each point is the mean ± standard error over the splits, with a
/// paired t-test of MTL against STL.
public struct LearningCurve: Sendable, Equatable {
    /// One training-set size.
    public struct Point: Sendable, Equatable {
        /// The number of training rows.
        public var size: Int
        /// STL's main-task error on each split.
        public var stlErrors: [Double]
        /// MTL's main-task error on each split.
        public var mtlErrors: [Double]

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

    /// Measures the curve.
    ///
    /// - Parameters:
    ///   - dataset: Data with a main task.
    ///   - configuration: How trees are grown; its λ is MTL's.
    ///   - sizes: Training-set sizes; `nil` for ``defaultSizes(trainingRows:)``.
    ///   - resampling: How rows are split into training and test parts.
    ///   - seed: Fixes the splits and the subsamples.
    ///   - pruning: How trees are pruned before they are measured.
    ///   - progress: Told after each split.
    /// - Throws: ``MTLError`` (`.usage`) without a main task, for a size below
    ///   1 or above the smallest training part, or a resampling that does not fit.
    /// - Complexity: Two trees per size per split; splits run in parallel.
    public init(
        measuring dataset: Dataset, configuration: InductionConfiguration = InductionConfiguration(), sizes: [Int]? = nil,
        resampling: Resampling = .crossValidation(folds: 10, repeats: 1), seed: UInt64 = 1,
        pruning: PruningConfiguration? = .default, progress: ProgressHandler? = nil
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
        // errors[split][size] = (STL, MTL)
        let errors = try runner.map(splits.count) { s in
            let test = dataset.subset(rows: splits[s].test)
            var order = splits[s].training
            var rng = SplitMix64(seed: splits[s].seed)
            rng.shuffle(&order)
            return try sizes.map { size in
                // Sorted, so a subset reads in the data's order whatever the shuffle.
                let trees = try inducer.fit(dataset.subset(rows: order[..<size].sorted()), lambdas: lambdas)
                return (
                    try trees[0].pruned(ifGiven: pruning).mainTaskError(on: test),
                    try trees[1].pruned(ifGiven: pruning).mainTaskError(on: test))
            }
        }
        self.dataset = dataset.name
        mainTask = dataset.columns[main].name
        lambda = configuration.lambda
        self.resampling = resampling
        self.seed = seed
        self.pruning = pruning
        points = sizes.indices.map { i in
            Point(size: sizes[i], stlErrors: errors.map { $0[i].0 }, mtlErrors: errors.map { $0[i].1 })
        }
    }

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

    /// A readable table: size, STL and MTL error (mean ± standard error), difference, p-value.
    public var text: String {
        var out = "learning curve of \(mainTask) on \(dataset): \(resampling.description), seed \(seed); "
        out += "trees \(LambdaTuning.pruningText(pruning)); MTL λ = \(formatNumber(lambda.shared))\n"
        out += "main-task error, mean ± standard error over \(points.first?.stl.count ?? 0) splits\n"
        out += "  size  " + "STL".padded(16) + "  " + "MTL".padded(16) + "  MTL − STL  p-value\n"
        for p in points {
            out += String(p.size).leftPadded(6) + "  " + LambdaTuning.summaryText(p.stl).padded(16) + "  "
            out += LambdaTuning.summaryText(p.mtl).padded(16) + "  " + signed(p.test.meanDifference).leftPadded(9)
            out += "  " + pText(p.test.pValue) + "\n"
        }
        return out
    }

    /// The curve as JSON: `dataset`, `main_task`, `lambda`, `resampling`,
    /// `seed`, `pruning`, and `points` (objects with `size`, `stl_error`,
    /// `stl_standard_error`, `mtl_error`, `mtl_standard_error`,
    /// `mean_difference`, `p_value`, `stl_split_errors`, `mtl_split_errors`).
    package var json: JSONValue {
        .object([
            ("dataset", .string(dataset)), ("main_task", .string(mainTask)), ("lambda", EvaluationReport.lambdaJSON(lambda)),
            ("resampling", resampling.json), ("seed", .number(Double(seed))), ("pruning", LambdaTuning.pruningJSON(pruning)),
            ("points", .array(points.map { p in
                let (stl, mtl, test) = (p.stl, p.mtl, p.test)
                return .object([
                    ("size", .number(Double(p.size))), ("stl_error", .finite(stl.mean)),
                    ("stl_standard_error", .finite(stl.standardError)), ("mtl_error", .finite(mtl.mean)),
                    ("mtl_standard_error", .finite(mtl.standardError)), ("mean_difference", .finite(test.meanDifference)),
                    ("p_value", .finite(test.pValue)), ("stl_split_errors", .array(p.stlErrors.map(JSONValue.finite))),
                    ("mtl_split_errors", .array(p.mtlErrors.map(JSONValue.finite))),
                ])
            })),
        ])
    }
}
