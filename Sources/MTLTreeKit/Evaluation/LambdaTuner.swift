/// Chooses the extra tasks' weight λ by cross-validated main-task error.
///
/// Every λ in ``grid`` is shared by all extra tasks; ``rule`` picks one from
/// their errors on the folds: by default the smallest λ within one standard
/// error of the lowest error (``LambdaSelectionRule/oneStandardError``), so
/// that transfer is used only where it clearly pays. With ``perTask``, a
/// bounded coordinate search then gives each extra task its own λ_i: from
/// the chosen shared λ, each round tries, for every extra task at once, at
/// most three values of its λ_i with the others held (the grid's next value
/// down, next value up, and its smallest value), all in one lockstep pass;
/// each task's move is chosen by the same rule, and the moves of several
/// tasks are combined if together they do no worse than the best one alone.
/// It stops after ``maxRounds`` rounds or when a round changes nothing. The
/// λ_i found measure how much each task's information helps the main task on
/// these data.
///
/// With ``racingMargin``, the shared grid is raced, an approximation: every
/// λ is grown on the first folds (``racingCheckpoint(folds:)``), and a λ whose
/// mean error there exceeds the lowest by more than the margin is not grown
/// on the other folds and cannot be chosen. Without it (the default) every λ
/// is measured on every fold.
///
/// Each fold is cut from the data once; on each fold
/// ``TreeInducer/fit(_:lambdas:)`` grows the trees for all candidate λ of a
/// step together: the fold's numeric attributes are sorted once, and every
/// node the trees share is expanded once (each task's gain terms computed
/// once, each λ's score a weighted sum of them). Folds run in parallel on
/// ``InductionConfiguration/threads`` threads, and no λ vector is evaluated
/// twice.
///
/// ```swift
/// let tuning = try LambdaTuner(perTask: true).tune(dataset)
/// var configuration = InductionConfiguration()
/// configuration.lambda = tuning.specification
/// ```
public struct LambdaTuner: Sendable {
    /// 0 (STL), then doubling from 1/8 to 4.
    public static let defaultGrid: [Double] = [0, 0.125, 0.25, 0.5, 1, 2, 4]

    /// How trees are grown; its λ is ignored.
    public var configuration: InductionConfiguration
    /// The λ values to try, each ≥ 0.
    public var grid: [Double]
    /// Whether to search a λ_i per extra task after the shared λ.
    public var perTask: Bool
    /// How the error is estimated.
    public var resampling: Resampling
    /// Fixes the folds.
    public var seed: UInt64
    /// How each tree is pruned before it is measured; `nil` for unpruned
    /// trees. By default ``PruningConfiguration/default``, as `train` prunes
    /// the final tree (and as ``TreeInducer/tuneLambda(_:grid:perTask:folds:seed:pruning:rule:)`` measures).
    public var pruning: PruningConfiguration?
    /// How a λ is picked from the candidates' errors.
    public var rule: LambdaSelectionRule = .default
    /// The most rounds of the per-task coordinate search.
    public var maxRounds: Int = 2
    /// Racing the shared grid: how much higher than the lowest mean error a
    /// λ's mean error over the first folds may be for it to stay in the race,
    /// in the error's units (for accuracy an error rate, so 0.02 is 2
    /// points); `nil` (the default) measures every λ on every fold.
    public var racingMargin: Double?

    /// The margin `mtltree train --lambda auto` races by on data too large
    /// for ``isCheap(rows:inputs:tasks:folds:)``, where the error is a rate
    /// (not a log-loss or squared error): 2 points.
    public static let defaultRacingMargin = 0.02

    /// What a nominal main task's error is of (``Metric/error(fromValue:)``:
    /// 1 − accuracy by default); a numeric main task's error is its mean squared error.
    public var metric: Metric = .accuracy

    /// Creates a tuner.
    public init(
        configuration: InductionConfiguration = InductionConfiguration(), grid: [Double] = LambdaTuner.defaultGrid,
        perTask: Bool = false, resampling: Resampling = .crossValidation(folds: 10, repeats: 1), seed: UInt64 = 1,
        pruning: PruningConfiguration? = .default, rule: LambdaSelectionRule = .default
    ) {
        self.configuration = configuration
        self.grid = grid
        self.perTask = perTask
        self.resampling = resampling
        self.seed = seed
        self.pruning = pruning
        self.rule = rule
    }

    /// The most rows × inputs × tasks for which ``isCheap(rows:inputs:tasks:folds:)`` holds.
    public static let cheapWork = 2_000_000

    /// Whether choosing λ by cross-validation costs seconds, not minutes, on
    /// data of this size: what `mtltree train` goes by to choose λ by default.
    ///
    /// The bound on rows × inputs × tasks comes from timing `train --lambda
    /// auto` on the bundled datasets and on wide synthetic data
    /// (Benchmarks/lambda_wide.sh); fewer than 10 rows per fold are too few
    /// to choose by. The work is not the whole cost (numeric inputs and deep
    /// trees cost more than nominal ones), so this is a rule of thumb that
    /// keeps the default fast, not a promise about any one dataset.
    ///
    /// - Parameters:
    ///   - rows: The rows.
    ///   - inputs: The input attributes.
    ///   - tasks: The tasks (times the trees to grow, for one tree per task).
    ///   - folds: The cross-validation's folds.
    public static func isCheap(rows: Int, inputs: Int, tasks: Int, folds: Int) -> Bool {
        rows >= 10 * folds && Double(rows) * Double(max(1, inputs)) * Double(max(1, tasks)) <= Double(cheapWork)
    }

    /// The folds every λ is measured on before racing drops any: the first
    /// 40% of them, at least 2 (2 of 5 folds, 4 of 10).
    ///
    /// - Parameter folds: The folds (splits) of the resampling.
    public static func racingCheckpoint(folds: Int) -> Int {
        min(folds, max(2, (2 * folds + 4) / 5))
    }

    /// The most trees grown per fold: one per grid value, and with
    /// ``perTask`` up to 3 per extra task and 1 more each round.
    ///
    /// - Parameter extraTasks: The number of extra tasks.
    public func maximumTreesPerFold(extraTasks: Int) -> Int {
        grid.count + (perTask ? maxRounds * (3 * extraTasks + 1) : 0)
    }

    /// Estimates the main-task error of every λ in the grid and picks one by ``rule``.
    ///
    /// - Parameters:
    ///   - dataset: Data with a main task and at least one extra task.
    ///   - progress: Told at the start (0 completed) and after each fold of each step.
    /// - Returns: The error of each λ, the one chosen, and the per-task λ_i if asked for.
    /// - Throws: ``MTLError`` (`.usage`) for a dataset without a main task or
    ///   extra task, an empty grid or a negative λ, or a resampling that does
    ///   not fit the rows; what ``TreeInducer/fit(_:lambdas:)`` throws.
    /// - Complexity: Per fold, one sort per numeric attribute and one tree per
    ///   grid value, grown in lockstep; with ``perTask``, up to
    ///   `maxRounds × (3 × extra tasks + 1)` more trees (``maximumTreesPerFold(extraTasks:)``).
    public func tune(_ dataset: Dataset, progress: ProgressHandler? = nil) throws -> LambdaTuning {
        guard let main = dataset.mainTask else { throw MTLError(.usage, "tuning λ needs a main task", hint: .nameMainTask) }
        let extras = dataset.taskIndices.dropFirst().map { dataset.columns[$0].name }
        guard !extras.isEmpty else {
            throw MTLError(.usage, "λ weighs extra tasks, and '\(dataset.columns[main].name)' is the only task", hint: .nameExtraTasks)
        }
        let grid = try Self.checkedGrid(grid)
        guard maxRounds >= 1 else { throw MTLError(.usage, "the coordinate search needs at least 1 round, not \(maxRounds)") }
        guard rule.standardErrors.isFinite, rule.standardErrors >= 0 else {
            throw MTLError(.usage, "the selection rule's standard errors must be a finite number ≥ 0, not \(rule.standardErrors)")
        }
        if let racingMargin, !(racingMargin.isFinite && racingMargin >= 0) {
            throw MTLError(.usage, "the racing margin must be a finite error rate ≥ 0, not \(racingMargin)")
        }
        let splits = try resampling.splits(labels: try Evaluator.mainTaskCodes(dataset, main: main, what: "tune"), seed: seed)
        let folds = splits.map { (training: dataset.subset(rows: $0.training), test: dataset.subset(rows: $0.test)) }
        // Passes over the folds: the grid, then per round the moves and their combination.
        let stages = 1 + (perTask ? 2 * maxRounds : 0)
        var completed = 0
        var errors: [[Double]: [Double]] = [:]
        var sizes: [[Double]: [EvaluationReport.TreeSize]] = [:]  // each fold's main-task tree, for the report
        progress?(0, folds.count * stages)

        // Measures every λ vector (one λ per extra task) on the folds before `end` it has not been measured on.
        // The vectors of one call are all measured up to the same fold.
        func measure(_ vectors: [[Double]], upTo end: Int? = nil) throws {
            let end = end ?? folds.count
            let fresh = vectors.reduce(into: [[Double]]()) {
                if errors[$1, default: []].count < end && !$0.contains($1) { $0.append($1) }
            }
            guard let first = fresh.first else { return }
            let start = errors[first, default: []].count
            let specifications = fresh.map { LambdaSpecification(shared: 0, perTask: Dictionary(uniqueKeysWithValues: zip(extras, $0))) }
            let runner = _SplitRunner(
                threads: configuration.threads, progress: progress, completedBefore: completed, total: folds.count * stages)
            let inducer = TreeInducer(configuration: runner.perSplit(configuration, splits: end - start))
            let perFold = try runner.map(end - start) { i in
                let f = start + i
                // Only the main task's error of trees pruned as C4.5 does is read: its pure nodes are not split.
                let trees = try inducer.fit(folds[f].training, lambdas: specifications, mainTaskOnly: pruning?.confidence != nil)
                // The trees share one schema: the test rows are bound to it once.
                let bound = try _BoundInputs(trees[0].schema, folds[f].test)
                return try trees.map { tree -> (Double, EvaluationReport.TreeSize) in
                    let pruned = try tree.pruned(ifGiven: pruning)
                    return (try pruned.mainTaskError(on: folds[f].test, bound: bound, metric: metric), EvaluationReport.TreeSize(pruned))
                }
            }
            completed += end - start
            for (k, vector) in fresh.enumerated() {
                errors[vector, default: []] += perFold.map { $0[k].0 }
                sizes[vector, default: []] += perFold.map { $0[k].1 }
            }
        }
        func mean(_ vector: [Double]) -> Double { SampleSummary(errors[vector]!).mean }

        let sharedVectors = grid.map { [Double](repeating: $0, count: extras.count) }
        // The grid values still in the race (all of them when not racing).
        var racing = Array(grid.indices)
        let checkpoint = Self.racingCheckpoint(folds: folds.count)
        if let racingMargin, checkpoint < folds.count, grid.count > 1 {
            try measure(sharedVectors, upTo: checkpoint)
            let means = sharedVectors.map { mean($0) }
            let lowest = means.filter { !$0.isNaN }.min() ?? .nan
            racing = grid.indices.filter { !(means[$0] > lowest + racingMargin) }
        }
        try measure(racing.map { sharedVectors[$0] })
        let (lowest, chosen) = rule.select(racing.map { errors[sharedVectors[$0]]! })
        var tuning = LambdaTuning(
            dataset: dataset.name, rows: dataset.rowCount, mainTask: dataset.columns[main].name, extraTasks: extras,
            resampling: resampling, seed: seed, pruning: pruning,
            shared: grid.indices.map {
                LambdaTuning.Candidate(lambda: grid[$0], errors: errors[sharedVectors[$0]]!, treeSizes: sizes[sharedVectors[$0]]!)
            },
            bestShared: grid[racing[chosen]])
        tuning.rule = rule
        tuning.lowestErrorShared = grid[racing[lowest]]
        if let racingMargin {
            tuning.racing = LambdaTuning.Racing(
                margin: racingMargin, checkpoint: min(checkpoint, folds.count),
                dropped: grid.indices.filter { !racing.contains($0) }.map { grid[$0] })
        }
        tuning.metric = metric
        tuning.numericMainTask = dataset.columns[main].nominal == nil

        if perTask {
            var current = sharedVectors[racing[chosen]]
            var rounds = 0
            while rounds < maxRounds {
                rounds += 1
                // Each extra task's options, from least to most transfer: its λ_i moved, the others held.
                let options = extras.indices.map { i in
                    Self.moves(of: current[i], in: grid).map { value -> [Double] in
                        var v = current
                        v[i] = value
                        return v
                    }
                }
                try measure(options.flatMap { $0 })
                let moved = options.compactMap { vectors -> [Double]? in
                    let choice = vectors[rule.select(vectors.map { errors[$0]! }).chosen]
                    return choice == current ? nil : choice
                }
                guard let bestMove = moved.min(by: { mean($0) < mean($1) - 1e-12 }) else { break }
                if moved.count == 1 {
                    current = bestMove
                    continue
                }
                // Every task's move at once, kept if it does no worse than the best move alone.
                var combined = current
                for move in moved { for i in move.indices where move[i] != current[i] { combined[i] = move[i] } }
                try measure([combined])
                current = mean(combined) <= mean(bestMove) + 1e-12 ? combined : bestMove
            }
            tuning.perTask = current
            tuning.perTaskErrors = errors[current]
            tuning.rounds = rounds
        }
        progress?(folds.count * stages, folds.count * stages)
        return tuning
    }

    /// The values a task's λ_i may move to from `value` (which is in the
    /// sorted `grid`), in ascending order with `value` itself: the grid's
    /// smallest value, the next one down and the next one up.
    static func moves(of value: Double, in grid: [Double]) -> [Double] {
        let g = grid.firstIndex(of: value)!
        return Array(Set([grid[0], grid[max(0, g - 1)], value, grid[min(grid.count - 1, g + 1)]])).sorted()
    }

    /// The grid sorted, without repeats.
    ///
    /// - Throws: ``MTLError`` (`.usage`) for an empty grid or a λ that is negative or not finite.
    static func checkedGrid(_ grid: [Double]) throws -> [Double] {
        guard !grid.isEmpty else { throw MTLError(.usage, "the λ grid is empty") }
        if let bad = grid.first(where: { !($0.isFinite && $0 >= 0) }) {
            throw MTLError(.usage, "λ must be a finite number ≥ 0, not \(bad)")
        }
        return Array(Set(grid)).sorted()
    }
}

extension TreeInducer {
    /// Chooses λ for this inducer by cross-validation on `dataset` (what
    /// `mtltree train --lambda auto` does), ready for
    /// ``InductionConfiguration/lambda``.
    ///
    /// - Parameters:
    ///   - dataset: Data with a main task and at least one extra task.
    ///   - grid: The λ values to try.
    ///   - perTask: Whether to give each extra task its own λ_i (coordinate search).
    ///   - folds: The number of cross-validation folds.
    ///   - seed: Fixes the folds.
    ///   - pruning: How trees are pruned before their error is measured, as
    ///     the final tree will be; `nil` for unpruned.
    ///   - rule: How a λ is picked from the errors.
    ///   - metric: What a nominal main task's error is of.
    /// - Returns: The chosen shared λ, or the per-task λ_i with `perTask`.
    /// - Throws: As ``LambdaTuner/tune(_:progress:)``.
    /// - Complexity: As ``LambdaTuner/tune(_:progress:)``.
    public func tuneLambda(
        _ dataset: Dataset, grid: [Double] = LambdaTuner.defaultGrid, perTask: Bool = false, folds: Int = 10,
        seed: UInt64 = 1, pruning: PruningConfiguration? = .default, rule: LambdaSelectionRule = .default,
        metric: Metric = .accuracy
    ) throws -> LambdaSpecification {
        var tuner = LambdaTuner(
            configuration: configuration, grid: grid, perTask: perTask, resampling: .crossValidation(folds: folds, repeats: 1),
            seed: seed, pruning: pruning, rule: rule)
        tuner.metric = metric
        return try tuner.tune(dataset).specification
    }
}
