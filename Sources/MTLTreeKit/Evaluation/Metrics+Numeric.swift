import Foundation

/// One numeric task's predictions scored against its true values: RMSE,
/// MAE and R², weighted by the rows' weights.
///
/// Over the rows whose true value is known, with weights w, true values y
/// and predictions ŷ, as scikit-learn's `mean_squared_error`,
/// `mean_absolute_error` and `r2_score` compute them with `sample_weight`:
///
/// - RMSE = √(Σ w (y − ŷ)² / Σ w);
/// - MAE = Σ w |y − ŷ| / Σ w;
/// - R² = 1 − Σ w (y − ŷ)² / Σ w (y − ȳ)², ȳ the weighted mean of the true
///   values (NaN when they are all equal, where scikit-learn returns 1 or 0).
public struct NumericTaskScore: Sendable, Equatable {
    /// The task's name.
    public var task: String
    /// The number of rows with a known true value.
    public var labelledRows: Int
    /// Their total weight.
    public var labelledWeight: Double
    /// Root mean squared error.
    public var rmse: Double
    /// Mean absolute error.
    public var mae: Double
    /// The coefficient of determination.
    public var r2: Double

    /// Scores one numeric task's predictions.
    ///
    /// - Parameters:
    ///   - task: The task's name.
    ///   - truth: Each row's true value, NaN when unknown.
    ///   - predicted: Each row's predicted value.
    ///   - weights: Each row's weight.
    /// - Complexity: O(rows).
    public init(task: String, truth: [Double], predicted: [Double], weights: [Double]) {
        precondition(truth.count == predicted.count && truth.count == weights.count, "one entry per row")
        var rows = 0
        var weight = 0.0, sum = 0.0, squared = 0.0, absolute = 0.0
        for r in truth.indices where !truth[r].isNaN {
            let (w, e) = (weights[r], truth[r] - predicted[r])
            rows += 1
            weight += w
            sum += w * truth[r]
            squared += w * e * e
            absolute += w * abs(e)
        }
        var total = 0.0  // Σ w (y − ȳ)², from the mean first (no cancellation)
        if weight > 0 {
            let mean = sum / weight
            for r in truth.indices where !truth[r].isNaN { total += weights[r] * (truth[r] - mean) * (truth[r] - mean) }
        }
        self.task = task
        labelledRows = rows
        labelledWeight = weight
        rmse = weight > 0 ? (squared / weight).squareRoot() : .nan
        mae = weight > 0 ? absolute / weight : .nan
        r2 = total > 0 ? 1 - squared / total : .nan
    }
}

extension Predictions {
    /// Scores every predicted numeric task that `dataset` labels, matched by column name.
    ///
    /// - Parameter dataset: The rows predicted, in the same order, with the
    ///   true values in columns named after the tasks (numbers, or text that
    ///   reads as numbers).
    /// - Returns: One score per numeric task the data label, in the predictions' task order.
    /// - Throws: ``MTLError`` (`.badData`) if the row counts differ or a value is not a number.
    /// - Complexity: O(rows) per task.
    public func numericScores(against dataset: Dataset) throws(MTLError) -> [NumericTaskScore] {
        var scores: [NumericTaskScore] = []
        for (t, task) in tasks.enumerated() where isNumeric(task: t) {
            guard let column = dataset[task] else { continue }
            guard values[t].count == column.count else {
                throw MTLError(.badData, "\(values[t].count) predictions for \(column.count) rows")
            }
            let truth: [Double]
            do {
                guard case .numeric(let numbers) = try Dataset.numericTaskStorage(column) else { continue }
                truth = numbers
            } catch let error as MTLError {
                throw error
            } catch {
                throw MTLError(.badData, "\(error)")
            }
            scores.append(NumericTaskScore(task: task, truth: truth, predicted: values[t], weights: dataset.weights))
        }
        return scores
    }
}
