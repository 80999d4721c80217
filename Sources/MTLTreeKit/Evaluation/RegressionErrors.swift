/// How far a numeric task's predictions fall from the truth, over some rows:
/// the sums from which RMSE, MAE, R² and the relative RMSE follow, so that
/// folds and repeats add up before any ratio is taken.
public struct RegressionErrors: Sendable, Equatable {
    /// The labelled rows counted.
    public var count = 0
    /// Σ (y − ŷ)².
    public var squaredError = 0.0
    /// Σ |y − ŷ|.
    public var absoluteError = 0.0
    /// Σ y of the true values (for R²).
    public var sum = 0.0
    /// Σ y² of the true values (for R²).
    public var sumOfSquares = 0.0
    /// Σ (y − ȳ_train)²: the squared error of predicting the training mean
    /// (the root's mean) for every row, the relative RMSE's denominator.
    public var baselineSquaredError = 0.0

    /// No rows yet.
    public init() {}

    /// Counts one row with true value `truth`, predicted `predicted`, where
    /// the training mean was `trainingMean`.
    public mutating func add(truth: Double, predicted: Double, trainingMean: Double) {
        let e = truth - predicted
        count += 1
        squaredError += e * e
        absoluteError += abs(e)
        sum += truth
        sumOfSquares += truth * truth
        baselineSquaredError += (truth - trainingMean) * (truth - trainingMean)
    }

    /// Adds another set of rows' sums.
    public mutating func add(_ other: RegressionErrors) {
        count += other.count
        squaredError += other.squaredError
        absoluteError += other.absoluteError
        sum += other.sum
        sumOfSquares += other.sumOfSquares
        baselineSquaredError += other.baselineSquaredError
    }

    /// Root mean squared error (`nan` with no rows).
    public var rmse: Double { count > 0 ? (squaredError / Double(count)).squareRoot() : .nan }
    /// Mean absolute error (`nan` with no rows).
    public var mae: Double { count > 0 ? absoluteError / Double(count) : .nan }
    /// The coefficient of determination, 1 − SSE / Σ (y − ȳ)² with ȳ the
    /// rows' own mean (`nan` when their values are all equal).
    public var r2: Double {
        let total = sumOfSquares - sum * sum / Double(max(count, 1))
        return count > 0 && total > 0 ? 1 - squaredError / total : .nan
    }
    /// RMSE over the RMSE of predicting the training mean: below 1, the tree beats the mean.
    public var relativeRMSE: Double {
        baselineSquaredError > 0 ? (squaredError / baselineSquaredError).squareRoot() : .nan
    }
}

extension MultitaskTree {
    /// Each numeric task's errors on `dataset`'s rows labelled for it (`nil`
    /// for a nominal task, or a task whose column the data lack).
    ///
    /// The training mean, for the relative RMSE, is the task's mean at the root.
    ///
    /// - Throws: ``MTLError`` (`.badData`) if a column the tree tests is absent
    ///   or has the wrong type, or a numeric task's column holds text.
    /// - Complexity: O(rows × depth × tasks) when no tested value is missing.
    public func numericErrors(on dataset: Dataset) throws -> [RegressionErrors?] {
        let T = schema.tasks.count
        guard schema.tasks.contains(where: \.isNumeric) else { return [RegressionErrors?](repeating: nil, count: T) }
        let truths = try schema.tasks.map { task -> [Double]? in
            guard task.isNumeric, let column = dataset[task.name] else { return nil }
            return try Dataset.numericTaskStorage(column).numericValues
        }
        let predictions = try predict(dataset)
        return (0 ..< T).map { t in
            guard let truth = truths[t] else { return nil }
            let mean = summary(node: 0, task: t).mean
            var errors = RegressionErrors()
            for (r, y) in truth.enumerated() where !y.isNaN {
                errors.add(truth: y, predicted: predictions.values[t][r], trainingMean: mean)
            }
            return errors
        }
    }
}

extension Column.Storage {
    /// The values of numeric storage (`nil` for nominal).
    var numericValues: [Double]? {
        if case .numeric(let values) = self { return values }
        return nil
    }
}
