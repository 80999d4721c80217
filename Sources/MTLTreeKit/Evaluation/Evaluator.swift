/// Compares single-task and multitask trees on the same splits of a dataset.
///
/// On every split (a fold of cross-validation, stratified on a nominal main
/// task, or a time-ordered training/test division) it grows, from the
/// training rows only:
/// - **STL**: for each task, that task's own tree (it main, λ = 0); the main
///   task's STL tree is the tree MTL grows at λ = 0;
/// - **MTL**: the main task's tree with the extra tasks weighed by
///   ``configuration``'s λ;
/// - **all equal**: one tree with no main task, every task weighing 1;
/// - with ``shuffleTest``, **MTL shuffled**: MTL on the training rows after
///   each extra task's labels were permuted among them;
/// - with ``tuner``, **MTL tuned**: MTL with the λ that the tuner's inner
///   cross-validation picks on the training rows alone;
/// - **majority**, no tree: each task's most frequent class in the training
///   rows, the floor any tree should clear.
///
/// Each tree is measured on the split's test rows by ``metric`` (accuracy
/// by default), for every task, pruned by ``pruning`` and unpruned. Since
/// all learners see the same splits, their scores pair up split by split
/// for the t-tests of ``EvaluationReport``.
/// Splits run in parallel on ``InductionConfiguration/threads`` threads; the
/// report is the same whatever their number.
///
/// ```swift
/// let report = try Evaluator(resampling: .crossValidation(folds: 10, repeats: 3)).evaluate(dataset)
/// print(report.text)
/// ```
public struct Evaluator: Sendable {
    /// How trees are grown; its λ is MTL's.
    public var configuration: InductionConfiguration
    /// How rows are split.
    public var resampling: Resampling
    /// Fixes the splits, the shuffles and the inner folds of tuning.
    public var seed: UInt64
    /// How trees are pruned for the main results; `nil` measures unpruned trees only.
    public var pruning: PruningConfiguration?
    /// Whether to add Caruana's control, MTL on shuffled extra-task labels.
    public var shuffleTest: Bool
    /// When set, adds MTL with λ tuned inside each training part by this
    /// tuner (its seed is replaced by one drawn for each split).
    public var tuner: LambdaTuner?
    /// When set, adds forests grown with these options (their λ, seed and
    /// threads are set per learner and split): STL, MTL at ``configuration``'s
    /// λ, MTL with λ by out-of-bag error over ``LambdaTuner/defaultGrid``,
    /// all equal, and with ``shuffleTest`` the shuffled MTL forest.
    public var forest: ForestConfiguration?
    /// What every learner is measured by on a nominal task (a numeric task is
    /// measured by R² per split, and RMSE, MAE and R² over all test rows).
    public var metric: Metric = .accuracy

    /// Creates an evaluator.
    public init(
        configuration: InductionConfiguration = InductionConfiguration(),
        resampling: Resampling = .crossValidation(folds: 10, repeats: 1), seed: UInt64 = 1,
        pruning: PruningConfiguration? = .default, shuffleTest: Bool = false, tuner: LambdaTuner? = nil
    ) {
        self.configuration = configuration
        self.resampling = resampling
        self.seed = seed
        self.pruning = pruning
        self.shuffleTest = shuffleTest
        self.tuner = tuner
    }

    /// Runs the comparison.
    ///
    /// - Parameters:
    ///   - dataset: Data with a main task.
    ///   - progress: Told after each split.
    /// - Returns: Every learner's ``metric`` per task and split, and their comparisons.
    /// - Throws: ``MTLError`` (`.usage`) without a main task, for a resampling
    ///   that does not fit the rows, or for invalid induction options.
    /// - Complexity: Per split, tasks + 2 trees (one more for the shuffle
    ///   test; with tuning, what the tuner costs on the training rows, plus one).
    public func evaluate(_ dataset: Dataset, progress: ProgressHandler? = nil) throws -> EvaluationReport {
        guard let main = dataset.mainTask else {
            throw MTLError(.usage, "evaluate compares learners on a main task", hint: .nameMainTask)
        }
        let pruning = pruning.flatMap { $0.isEnabled ? $0 : nil }
        try pruning?.validate()
        let tasks = dataset.taskIndices.map { dataset.columns[$0].name }
        let splits = try resampling.splits(labels: try Self.mainTaskCodes(dataset, main: main, what: "evaluate"), seed: seed)
        var learners: [EvaluationReport.Learner] = [.stl, .mtl, .allEqual]
        if shuffleTest { learners.append(.mtlShuffled) }
        if tuner != nil { learners.append(.mtlTuned) }
        learners.append(.majority)
        if forest != nil {
            learners += [.stlForest, .mtlForest, .mtlForestOutOfBag, .allEqualForest]
            if shuffleTest { learners.append(.mtlForestShuffled) }
        }
        let runner = _SplitRunner(threads: configuration.threads, progress: progress, total: splits.count)
        let inducer = TreeInducer(configuration: runner.perSplit(configuration, splits: splits.count))
        let measured = try runner.map(splits.count) { s in
            try measure(split: splits[s], of: dataset, tasks: tasks, learners: learners, inducer: inducer, pruning: pruning)
        }

        // scores[task][split] of `learner`, pruned or not.
        func scores(_ learner: EvaluationReport.Learner, pruned: Bool) -> [[Double]] {
            tasks.indices.map { t in measured.map { (pruned ? $0.pruned : $0.unpruned)[learner]![t] } }
        }
        // A numeric task's errors of `learner` summed over the splits.
        func errors(_ learner: EvaluationReport.Learner, pruned: Bool) -> [RegressionErrors?] {
            tasks.indices.map { t in
                var total: RegressionErrors?
                for m in measured {
                    guard let e = (pruned ? m.prunedErrors : m.unprunedErrors)[learner]![t] else { continue }
                    total = total ?? RegressionErrors()
                    total!.add(e)
                }
                return total
            }
        }
        // The mean size of `learner`'s main-task tree over the splits (per tree, for a forest).
        func size(_ learner: EvaluationReport.Learner, pruned: Bool) -> EvaluationReport.TreeSize? {
            let sizes = measured.compactMap { (pruned ? $0.prunedSizes : $0.unprunedSizes)[learner] }
            guard !sizes.isEmpty else { return nil }
            let n = Double(sizes.count)
            return EvaluationReport.TreeSize(
                nodes: sizes.reduce(0) { $0 + $1.nodes } / n, leaves: sizes.reduce(0) { $0 + $1.leaves } / n)
        }
        var results = learners.map { l in
            EvaluationReport.Result(
                learner: l, pruned: pruning != nil && l != .majority && !l.isForest, id: l.rawValue, scores: scores(l, pruned: true),
                errors: errors(l, pruned: true), treeSize: size(l, pruned: true))
        }
        if pruning != nil {
            results += learners.filter { $0 != .majority && !$0.isForest }.map { l in
                EvaluationReport.Result(
                    learner: l, pruned: false, id: l.rawValue + "-unpruned", scores: scores(l, pruned: false),
                    errors: errors(l, pruned: false), treeSize: size(l, pruned: false))
            }
        }
        return EvaluationReport(
            dataset: dataset.name, rows: dataset.rowCount, tasks: tasks, resampling: resampling, seed: seed,
            lambda: configuration.lambda, pruning: pruning, splitCount: splits.count, results: results,
            tunedLambdas: measured.compactMap(\.tunedLambda), metric: metric)
    }

    /// One split's ``metric`` values (R² for a numeric task): per learner, per task
    /// (NaN where not measured); and the numeric tasks' errors.
    private struct _SplitAccuracies {
        var pruned: [EvaluationReport.Learner: [Double]] = [:]
        var unpruned: [EvaluationReport.Learner: [Double]] = [:]
        var prunedErrors: [EvaluationReport.Learner: [RegressionErrors?]] = [:]
        var unprunedErrors: [EvaluationReport.Learner: [RegressionErrors?]] = [:]
        var tunedLambda: LambdaSpecification?
        /// The size of each learner's main-task tree (a forest's mean per tree).
        var prunedSizes: [EvaluationReport.Learner: EvaluationReport.TreeSize] = [:]
        var unprunedSizes: [EvaluationReport.Learner: EvaluationReport.TreeSize] = [:]
    }

    /// Grows every learner's trees on `split`'s training rows and measures them on its test rows.
    private func measure(
        split: DataSplit, of dataset: Dataset, tasks: [String], learners: [EvaluationReport.Learner], inducer: TreeInducer,
        pruning: PruningConfiguration?
    ) throws -> _SplitAccuracies {
        let training = dataset.subset(rows: split.training)
        let test = dataset.subset(rows: split.test)
        var result = _SplitAccuracies()
        for learner in learners {
            result.pruned[learner] = [Double](repeating: .nan, count: tasks.count)
            result.unpruned[learner] = result.pruned[learner]
            result.prunedErrors[learner] = [RegressionErrors?](repeating: nil, count: tasks.count)
            result.unprunedErrors[learner] = result.prunedErrors[learner]
        }
        // Records `tree`'s metric on `only` (default: every task), pruned and not;
        // for a numeric task its errors, and R² in place of the metric.
        func record(_ learner: EvaluationReport.Learner, _ tree: MultitaskTree, only: [Int]? = nil) throws {
            let indices = only ?? Array(tasks.indices)
            let names = indices.map { tasks[$0] }
            let plain = try tree.values(of: metric, on: test, tasks: names)
            let prunedTree = try pruning.map { try tree.pruned($0) }
            let pruned = try prunedTree.map { try $0.values(of: metric, on: test, tasks: names) } ?? plain
            for (k, t) in indices.enumerated() {
                result.pruned[learner]![t] = pruned[k]
                result.unpruned[learner]![t] = plain[k]
            }
            if indices.contains(0) {
                result.unprunedSizes[learner] = EvaluationReport.TreeSize(tree)
                result.prunedSizes[learner] = EvaluationReport.TreeSize(prunedTree ?? tree)
            }
            guard indices.contains(where: { tree.schema.tasks[tree.schema.taskIndex(named: tasks[$0])!].isNumeric }) else { return }
            let plainErrors = try tree.numericErrors(on: test)
            let prunedErrors = try prunedTree.map { try $0.numericErrors(on: test) } ?? plainErrors
            for t in indices {
                let i = tree.schema.taskIndex(named: tasks[t])!
                guard let p = prunedErrors[i], let u = plainErrors[i] else { continue }
                result.prunedErrors[learner]![t] = p
                result.unprunedErrors[learner]![t] = u
                result.pruned[learner]![t] = p.r2
                result.unpruned[learner]![t] = u.r2
            }
        }
        let pair = try inducer.fit(training, lambdas: [LambdaSpecification(shared: 0), configuration.lambda])
        try record(.stl, pair[0], only: [0])
        try record(.mtl, pair[1])
        for t in tasks.indices.dropFirst() {
            try record(.stl, try Self.singleTaskTree(training, task: tasks[t], inducer: inducer), only: [t])
        }
        try record(.allEqual, try inducer.fit(training.withMainTask(nil)))
        // Separate streams, so that turning one option on does not change another's draws.
        var seeds = SplitMix64(seed: split.seed)
        var shuffles = SplitMix64(seed: seeds.next())
        let tuningSeed = seeds.next()
        let forestSeed = seeds.next() >> 11  // at most 2^53, as a forest's seed must be
        var forestShuffles = SplitMix64(seed: seeds.next())
        if var forest, learners.contains(.mtlForest) {
            forest.seed = forestSeed
            forest.tree.threads = inducer.configuration.threads
            try measureForests(forest, training: training, test: test, tasks: tasks, shuffles: &forestShuffles, into: &result)
        }
        if learners.contains(.mtlShuffled) {
            try record(.mtlShuffled, try inducer.fit(training.shufflingExtraTaskLabels(using: &shuffles)))
        }
        for (t, name) in tasks.enumerated() {
            guard let trainingLabels = training[name]?.nominal, let testLabels = test[name]?.nominal else {
                // A numeric task's floor: the training mean, predicted for every test row.
                guard let errors = Self.meanPredictorErrors(training[name]?.numeric, training.weights, test[name]?.numeric) else { continue }
                result.prunedErrors[.majority]![t] = errors
                result.unprunedErrors[.majority]![t] = errors
                result.pruned[.majority]![t] = errors.r2
                result.unpruned[.majority]![t] = errors.r2
                continue
            }
            let accuracy = Self.majorityValue(metric, task: name, trainingLabels, training.weights, testLabels, test.weights)
            result.pruned[.majority]![t] = accuracy
            result.unpruned[.majority]![t] = accuracy
        }
        if var tuner, learners.contains(.mtlTuned) {
            tuner.configuration = inducer.configuration
            tuner.seed = tuningSeed
            let lambda = try tuner.tune(training).specification
            var tuned = inducer
            tuned.configuration.lambda = lambda
            try record(.mtlTuned, try tuned.fit(training))
            result.tunedLambda = lambda
        }
        return result
    }

    /// The main task's class codes, to stratify the folds by.
    ///
    /// - Throws: ``MTLError`` (`.usage`) for a numeric main task: `what`
    ///   (evaluate, tune, curve) measures a main task's accuracy.
    static func mainTaskCodes(_ dataset: Dataset, main: Int, what: String) throws -> [Int32] {
        switch dataset.columns[main].storage {
        case .nominal(let labels): return labels.codes
        // A numeric main task: one stratum (labelled rows), the missing ones apart.
        case .numeric(let values): return values.map { $0.isNaN ? -1 : 0 }
        }
    }

    /// The test errors of always predicting the training rows' (weighted) mean.
    static func meanPredictorErrors(_ training: [Double]?, _ trainingWeights: [Double], _ test: [Double]?) -> RegressionErrors? {
        guard let mean = trainingMean(training, trainingWeights), let test else { return nil }
        return regressionErrors(test, predicted: [Double](repeating: mean, count: test.count), trainingMean: mean)
    }

    /// The weighted mean of a numeric task's labelled training values (`nil`
    /// for a nominal task, or none labelled).
    static func trainingMean(_ training: [Double]?, _ weights: [Double]) -> Double? {
        guard let training else { return nil }
        var w = 0.0, s = 0.0
        for (r, y) in training.enumerated() where !y.isNaN {
            w += weights[r]
            s += weights[r] * y
        }
        return w > 0 ? s / w : nil
    }

    /// The errors of `predicted` on the test rows whose true value is known
    /// (`nil` for a nominal task's column); `trainingMean` for the relative RMSE.
    static func regressionErrors(_ truth: [Double]?, predicted: [Double], trainingMean: Double) -> RegressionErrors? {
        guard let truth else { return nil }
        var errors = RegressionErrors()
        for (r, y) in truth.enumerated() where !y.isNaN { errors.add(truth: y, predicted: predicted[r], trainingMean: trainingMean) }
        return errors
    }

    /// Grows the forests on `training` and records their ``metric`` on `test`
    /// (for a numeric task its errors and R², as for trees, the relative RMSE
    /// against the training part's mean): STL, MTL and the out-of-bag choice
    /// come from one run over the λ grid (with MTL's λ added), every λ's trees
    /// on the same samples.
    private func measureForests(
        _ forest: ForestConfiguration, training: Dataset, test: Dataset, tasks: [String], shuffles: inout SplitMix64,
        into result: inout _SplitAccuracies
    ) throws {
        // As the trees' record: a numeric task's errors, and R² in place of the metric.
        func record(_ learner: EvaluationReport.Learner, _ forest: MultitaskForest, only: [Int]? = nil) throws {
            let indices = only ?? Array(tasks.indices)
            let accuracies = try forest.values(of: metric, on: test, tasks: indices.map { tasks[$0] })
            for (k, t) in indices.enumerated() {
                result.pruned[learner]![t] = accuracies[k]
                result.unpruned[learner]![t] = accuracies[k]
            }
            let numeric = indices.filter { forest.schema.tasks[forest.schema.taskIndex(named: tasks[$0])!].isNumeric }
            if !numeric.isEmpty {
                let predictions = try forest.predict(test)
                for t in numeric {
                    guard let mean = Self.trainingMean(training[tasks[t]]?.numeric, training.weights),
                        let errors = Self.regressionErrors(
                            test[tasks[t]]?.numeric, predicted: predictions.values[forest.schema.taskIndex(named: tasks[t])!],
                            trainingMean: mean)
                    else { continue }
                    result.prunedErrors[learner]![t] = errors
                    result.unprunedErrors[learner]![t] = errors
                    result.pruned[learner]![t] = errors.r2
                    result.unpruned[learner]![t] = errors.r2
                }
            }
            if indices.contains(0) {
                let sizes = forest.trees.map(EvaluationReport.TreeSize.init)
                let n = Double(max(1, sizes.count))
                let size = EvaluationReport.TreeSize(
                    nodes: sizes.reduce(0) { $0 + $1.nodes } / n, leaves: sizes.reduce(0) { $0 + $1.leaves } / n)
                result.prunedSizes[learner] = size
                result.unprunedSizes[learner] = size
            }
        }
        var inducer = ForestInducer(configuration: forest)
        inducer.configuration.tree.lambda = configuration.lambda
        let grid = LambdaTuner.defaultGrid
        let choice = try inducer.chooseLambda(training, grid: grid, metric: metric)
        try record(.stlForest, choice.forests[grid.firstIndex(of: 0)!], only: [0])
        if configuration.lambda.perTask.isEmpty, let i = grid.firstIndex(of: configuration.lambda.shared) {
            try record(.mtlForest, choice.forests[i])
        } else {
            try record(.mtlForest, try inducer.fit(training))
        }
        try record(.mtlForestOutOfBag, choice.chosen)
        try record(.allEqualForest, try inducer.fit(training.withMainTask(nil)))
        if shuffleTest {
            try record(.mtlForestShuffled, try inducer.fit(training.shufflingExtraTaskLabels(using: &shuffles)))
        }
    }

    /// The test accuracy of always predicting the training rows' most
    /// frequent class (by weight; ties to the first class).
    static func majorityAccuracy(
        _ training: NominalColumn, _ trainingWeights: [Double], _ test: NominalColumn, _ testWeights: [Double]
    ) -> Double {
        var counts = [Double](repeating: 0, count: training.values.count)
        for (row, code) in training.codes.enumerated() where code >= 0 { counts[Int(code)] += trainingWeights[row] }
        var majority = 0
        for k in counts.indices where counts[k] > counts[majority] { majority = k }
        var right = 0.0, labelled = 0.0
        for (row, code) in test.codes.enumerated() where code >= 0 {
            labelled += testWeights[row]
            if code == majority { right += testWeights[row] }
        }
        return labelled > 0 ? right / labelled : .nan
    }

    /// Task `task`'s single-task tree: it main, every other task at λ = 0.
    static func singleTaskTree(_ training: Dataset, task: String, inducer: TreeInducer) throws -> MultitaskTree {
        var stl = inducer
        stl.configuration.lambda = LambdaSpecification(shared: 0)
        return try stl.fit(training.withMainTask(task))
    }
}
