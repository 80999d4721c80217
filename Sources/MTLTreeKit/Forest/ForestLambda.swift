/// λ chosen for a forest by the main task's out-of-bag error (by a metric:
/// 1 − accuracy by default; a numeric main task's mean squared error), and
/// the error of every λ tried.
public struct ForestLambdaChoice: Sendable {
    /// The λ values tried (shared by every extra task), in the grid's order.
    public var grid: [Double]
    /// The metric whose out-of-bag error chose λ (see ``Metric/error(fromValue:)``;
    /// a numeric main task's errors are mean squared errors whatever it is).
    public var metric: Metric = .accuracy
    /// The main task's out-of-bag error of each grid value's forest (`nil`: no row to judge).
    public var errors: [Double?]
    /// The index in ``grid`` of the λ chosen: the smallest λ whose error is
    /// within one standard error of the least (see ``chosenIndex(grid:errors:labelled:leastOnly:)``).
    public var best: Int
    /// The forests grown, one per grid value, tree i of each on the same sample.
    public var forests: [MultitaskForest]

    /// The forest of the λ chosen.
    public var chosen: MultitaskForest { forests[best] }
}

extension ForestInducer {
    /// Chooses the shared λ of the extra tasks by the main task's
    /// out-of-bag error, with no inner cross-validation: one forest per grid
    /// value, all grown together on the same bootstrap samples and attribute
    /// draws (``fit(_:lambdas:)``), so they differ only by λ. The λ kept is
    /// the smallest within one standard error of the least error (λ = 0
    /// unless the extra tasks' help is larger than the out-of-bag estimate's
    /// noise; see ``ForestLambdaChoice/chosenIndex(grid:errors:labelled:leastOnly:)``;
    /// by accuracy only: another metric's least error is kept).
    ///
    /// The error is `metric`'s (``Metric/error(fromValue:)``) over the rows
    /// some tree left out, each predicted by the average of those trees:
    /// 1 − accuracy (rows counted, as ``OutOfBagScore`` counts them), or
    /// 1 − balanced accuracy, 1 − macro-F1, or log-loss (rows weighed by
    /// their weights). A numeric main task's error is its out-of-bag mean
    /// squared error whatever `metric` is.
    ///
    /// - Parameters:
    ///   - dataset: Data with a main task.
    ///   - grid: The λ values to try (each finite and ≥ 0).
    ///   - metric: What the main task's out-of-bag predictions are judged by.
    /// - Returns: Every λ's error and forest, and the choice.
    /// - Throws: ``MTLError`` (`.usage`) without a main task or with an empty
    ///   grid; as ``fit(_:)`` otherwise.
    /// - Complexity: As ``fit(_:lambdas:)`` with the grid's λ values.
    public func chooseLambda(_ dataset: Dataset, grid: [Double] = LambdaTuner.defaultGrid, metric: Metric = .accuracy) throws -> ForestLambdaChoice {
        guard dataset.mainTask != nil else { throw MTLError(.usage, "choosing λ needs a main task") }
        guard !grid.isEmpty else { throw MTLError(.usage, "the λ grid is empty") }
        let measured = try fitMeasured(dataset, lambdas: grid.map { LambdaSpecification(shared: $0) })
        let errors = try measured.map { forest, outOfBag, votes -> Double? in
            let score = forest.outOfBag[0]
            guard metric != .accuracy, !score.isNumeric else { return score.error }
            return try Self.outOfBagError(metric, outOfBag, votes: votes, dataset: dataset)
        }
        // The binomial standard error is accuracy's: other metrics (and mean squared errors) take the least.
        let best = ForestLambdaChoice.chosenIndex(
            grid: grid, errors: errors, labelled: measured.map { $0.forest.outOfBag[0].labelled },
            leastOnly: measured[0].forest.outOfBag[0].isNumeric || metric != .accuracy)
        return ForestLambdaChoice(grid: grid, metric: metric, errors: errors, best: best, forests: measured.map(\.forest))
    }

    /// The main task's `metric` error of out-of-bag `predictions`, over the
    /// rows with a prediction (`votes` > 0) and a label; `nil` with none.
    static func outOfBagError(_ metric: Metric, _ predictions: Predictions, votes: [Int32], dataset: Dataset) throws -> Double? {
        let main = predictions.tasks[0]
        guard let column = dataset[main] else { return nil }
        // A row no tree predicted weighs nothing.
        let weights = votes.indices.map { votes[$0] > 0 ? dataset.weights[$0] : 0 }
        let score = try predictions.score(task: 0, labels: column, weights: weights)
        guard score.labelledWeight > 0 else { return nil }
        return metric.error(fromValue: score.value(of: metric))
    }
}

extension ForestLambdaChoice {
    /// The one-standard-error rule on out-of-bag errors: the smallest λ whose
    /// error is at most the least error e plus its binomial standard error
    /// √(e(1 − e)/n), n the least-error forest's out-of-bag rows (for a
    /// numeric main task, whose errors are mean squared errors, no margin:
    /// the least error, the smaller λ on ties).
    ///
    /// The out-of-bag errors of the grid's forests differ by a few rows on
    /// small data, and the least of seven noisy estimates favours a λ by
    /// chance; the margin keeps the smaller λ unless the larger one's lead is
    /// larger than that noise, as the single tree's cross-validated choice
    /// does with its folds' standard error.
    ///
    /// - Parameters:
    ///   - grid: The λ values tried.
    ///   - errors: Each λ's out-of-bag error (`nil`: no row to judge, skipped).
    ///   - labelled: Each λ's out-of-bag rows (the error's denominator).
    ///   - leastOnly: Whether to keep the least error with no margin: the
    ///     binomial standard error is 1 − accuracy's, so for a numeric task's
    ///     mean squared errors, or any other metric's errors, pass `true`.
    /// - Returns: The index in `grid` of the λ chosen (0 when no λ has an error).
    /// - Complexity: O(grid).
    public static func chosenIndex(grid: [Double], errors: [Double?], labelled: [Int], leastOnly: Bool) -> Int {
        var least: Int?
        for i in grid.indices {
            guard let e = errors[i] else { continue }
            if let l = least, let b = errors[l], !(e < b || (e == b && grid[i] < grid[l])) { continue }
            least = i
        }
        guard let l = least, let lowest = errors[l] else { return 0 }
        let margin = leastOnly || labelled[l] == 0 ? 0 : (lowest * (1 - lowest) / Double(labelled[l])).squareRoot()
        var best = l
        for i in grid.indices {
            if let e = errors[i], e <= lowest + margin, grid[i] < grid[best] { best = i }
        }
        return best
    }
}

extension ForestLambdaChoice {
    /// The main task's out-of-bag error against λ (λ values without a row to judge are left out).
    package var plot: SVGPlot {
        let forest = chosen
        let mainTask = forest.schema.mainTaskName ?? forest.schema.tasks[0].name
        let measure = forest.schema.tasks[0].isNumeric
            ? "out-of-bag mean squared error" : "out-of-bag error" + (metric == .accuracy ? "" : " (\(metric.errorTitle))")
        let points = grid.indices.compactMap { i in errors[i].map { SVGPlot.Point(x: Double(i), y: $0) } }
        let perNode = forest.configuration.attributesPerNode
        let subtitle = "forests of \(forest.trees.count) trees (\(perNode) inputs per node, seed \(forest.configuration.seed)) on the same samples; "
            + "\(measure); chosen λ = \(formatNumber(grid[best]))"
        return SVGPlot(
            title: "\(forest.trainingData.name): \(mainTask) \(measure) against λ", subtitle: subtitle,
            xLabel: "λ (weight of every extra task; 0 = STL)", yLabel: "\(mainTask) \(measure)",
            xScale: .categorical(grid.map(formatNumber)), series: [SVGPlot.Series(name: "forest", points: points)])
    }
}
