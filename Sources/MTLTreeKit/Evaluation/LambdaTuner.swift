/// Chooses the extra tasks' weight λ by cross-validated main-task error.
///
/// Every λ in ``grid`` is shared by all extra tasks; the best is the one with
/// the lowest mean error over the folds, ties going to the smaller λ (closer
/// to single-task learning). With ``perTask``, a coordinate search then gives
/// each extra task its own λ_i: starting from the best shared λ, each extra
/// task in turn tries every grid value with the others held, keeping the
/// best, for up to ``maxRounds`` rounds or until a round changes nothing.
/// The λ_i found measure how much each task's information helps the main
/// task on these data.
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
    /// How each tree is pruned before it is measured; `nil` for unpruned trees.
    public var pruning: PruningConfiguration?
    /// The most rounds of the per-task coordinate search.
    public var maxRounds: Int = 3

    /// Creates a tuner.
    public init(
        configuration: InductionConfiguration = InductionConfiguration(), grid: [Double] = LambdaTuner.defaultGrid,
        perTask: Bool = false, resampling: Resampling = .crossValidation(folds: 10, repeats: 1), seed: UInt64 = 1,
        pruning: PruningConfiguration? = nil
    ) {
        self.configuration = configuration
        self.grid = grid
        self.perTask = perTask
        self.resampling = resampling
        self.seed = seed
        self.pruning = pruning
    }

    /// Estimates the main-task error of every λ in the grid and picks the best.
    ///
    /// - Parameters:
    ///   - dataset: Data with a main task and at least one extra task.
    ///   - progress: Told after each fold of each step.
    /// - Returns: The error of each λ, the best, and the per-task λ_i if asked for.
    /// - Throws: ``MTLError`` (`.usage`) for a dataset without a main task or
    ///   extra task, an empty grid or a negative λ, or a resampling that does
    ///   not fit the rows; what ``TreeInducer/fit(_:lambdas:)`` throws.
    /// - Complexity: Per fold, one sort per numeric attribute and one tree per
    ///   grid value; with ``perTask``, up to `maxRounds × extra tasks × grid` more trees.
    public func tune(_ dataset: Dataset, progress: ProgressHandler? = nil) throws -> LambdaTuning {
        guard let main = dataset.mainTask else { throw MTLError(.usage, "tuning λ needs a main task: name it with --main") }
        let extras = dataset.taskIndices.dropFirst().map { dataset.columns[$0].name }
        guard !extras.isEmpty else {
            throw MTLError(.usage, "λ weighs extra tasks, and '\(dataset.columns[main].name)' is the only task: name others with --tasks")
        }
        let grid = try Self.checkedGrid(grid)
        guard maxRounds >= 1 else { throw MTLError(.usage, "the coordinate search needs at least 1 round, not \(maxRounds)") }
        let splits = try resampling.splits(labels: try Evaluator.mainTaskCodes(dataset, main: main, what: "tune"), seed: seed)
        let folds = splits.map { (training: dataset.subset(rows: $0.training), test: dataset.subset(rows: $0.test)) }
        let stages = 1 + (perTask ? extras.count * maxRounds : 0)
        var completed = 0
        var errors: [[Double]: [Double]] = [:]

        // Measures every λ vector (one λ per extra task) not measured yet, all folds.
        func measure(_ vectors: [[Double]]) throws {
            let fresh = vectors.reduce(into: [[Double]]()) { if errors[$1] == nil && !$0.contains($1) { $0.append($1) } }
            guard !fresh.isEmpty else { return }
            let specifications = fresh.map { LambdaSpecification(shared: 0, perTask: Dictionary(uniqueKeysWithValues: zip(extras, $0))) }
            let runner = _SplitRunner(
                threads: configuration.threads, progress: progress, completedBefore: completed, total: folds.count * stages)
            let inducer = TreeInducer(configuration: runner.perSplit(configuration, splits: folds.count))
            let perFold = try runner.map(folds.count) { f in
                // Only the main task's error of trees pruned as C4.5 does is read: its pure nodes are not split.
                let trees = try inducer.fit(folds[f].training, lambdas: specifications, mainTaskOnly: pruning?.confidence != nil)
                // The trees share one schema: the test rows are bound to it once.
                let bound = try _BoundInputs(trees[0].schema, folds[f].test)
                return try trees.map { try $0.pruned(ifGiven: pruning).mainTaskError(on: folds[f].test, bound: bound) }
            }
            completed += folds.count
            for (k, vector) in fresh.enumerated() { errors[vector] = perFold.map { $0[k] } }
        }
        func mean(_ vector: [Double]) -> Double { SampleSummary(errors[vector]!).mean }

        let sharedVectors = grid.map { [Double](repeating: $0, count: extras.count) }
        try measure(sharedVectors)
        // Lowest mean error; ties (to rounding) go to the earlier, smaller λ.
        var best = 0
        for i in grid.indices where mean(sharedVectors[i]) < mean(sharedVectors[best]) - 1e-12 { best = i }
        var tuning = LambdaTuning(
            dataset: dataset.name, rows: dataset.rowCount, mainTask: dataset.columns[main].name, extraTasks: extras,
            resampling: resampling, seed: seed, pruning: pruning,
            shared: grid.indices.map { LambdaTuning.Candidate(lambda: grid[$0], errors: errors[sharedVectors[$0]]!) },
            bestShared: grid[best])

        if perTask {
            var current = sharedVectors[best]
            var rounds = 0
            while rounds < maxRounds {
                rounds += 1
                var changed = false
                for i in extras.indices {
                    let candidates = grid.map { value -> [Double] in
                        var v = current
                        v[i] = value
                        return v
                    }
                    try measure(candidates)
                    var choice = current
                    for candidate in candidates {
                        let (c, b) = (mean(candidate), mean(choice))
                        if c < b - 1e-12 || (abs(c - b) <= 1e-12 && candidate[i] < choice[i]) { choice = candidate }
                    }
                    if choice != current {
                        current = choice
                        changed = true
                    }
                }
                if !changed { break }
            }
            tuning.perTask = current
            tuning.perTaskErrors = errors[current]
            tuning.rounds = rounds
        }
        progress?(folds.count * stages, folds.count * stages)
        return tuning
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
    /// - Returns: The best shared λ, or the per-task λ_i with `perTask`.
    /// - Throws: As ``LambdaTuner/tune(_:progress:)``.
    /// - Complexity: As ``LambdaTuner/tune(_:progress:)``.
    public func tuneLambda(
        _ dataset: Dataset, grid: [Double] = LambdaTuner.defaultGrid, perTask: Bool = false, folds: Int = 10,
        seed: UInt64 = 1, pruning: PruningConfiguration? = .default
    ) throws -> LambdaSpecification {
        let tuner = LambdaTuner(
            configuration: configuration, grid: grid, perTask: perTask, resampling: .crossValidation(folds: folds, repeats: 1),
            seed: seed, pruning: pruning)
        return try tuner.tune(dataset).specification
    }
}
