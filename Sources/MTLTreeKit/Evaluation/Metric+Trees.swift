/// A ``Metric`` measured on a tree's or forest's predictions: what
/// ``Evaluator``, ``LearningCurve`` and ``LambdaTuner`` compare learners by.
extension MultitaskTree {
    /// The value of `metric` for each of `tasks` on `dataset`'s labelled rows.
    ///
    /// Accuracy is counted without keeping the predictions
    /// (``accuracies(on:tasks:)``); the other metrics score the predicted
    /// classes and probabilities as ``TaskScore`` does.
    ///
    /// - Parameters:
    ///   - metric: The figure of merit.
    ///   - dataset: Rows with the tree's inputs and the tasks' labels.
    ///   - tasks: Task names the tree predicts, in the order wanted.
    /// - Returns: One value per name in `tasks` (NaN for a numeric task, or
    ///   a task with no labelled row).
    /// - Throws: ``MTLError`` (`.badData`) if an input the tree tests or a
    ///   task's column is absent, or a name is not one of the tree's tasks.
    /// - Complexity: O(rows × depth × tasks + classes²), as ``predict(_:)``.
    public func values(of metric: Metric, on dataset: Dataset, tasks: [String]) throws -> [Double] {
        if metric == .accuracy { return try accuracies(on: dataset, tasks: tasks) }
        for name in tasks where schema.taskIndex(named: name) == nil {
            throw MTLError(.badData, "the tree does not predict a task '\(name)'")
        }
        return try predict(dataset).values(of: metric, against: dataset, tasks: tasks)
    }

    /// The main task's error on `dataset` by `metric`
    /// (``Metric/error(fromValue:)``: 1 − accuracy, …, or the log-loss); for
    /// a numeric main task its mean squared error, whatever `metric`.
    ///
    /// - Throws: As ``values(of:on:tasks:)``.
    /// - Complexity: O(rows × depth + classes²).
    public func mainTaskError(on dataset: Dataset, metric: Metric) throws -> Double {
        try mainTaskError(on: dataset, bound: _BoundInputs(schema, dataset), metric: metric)
    }

    /// ``mainTaskError(on:metric:)`` with `dataset`'s inputs already bound to
    /// this tree's schema; only the main task is predicted.
    func mainTaskError(on dataset: Dataset, bound: _BoundInputs, metric: Metric) throws -> Double {
        if metric == .accuracy || schema.tasks[0].isNumeric { return try mainTaskError(on: dataset, bound: bound) }
        let main = schema.tasks[0]
        var labels: [Int] = []
        var probabilities: [Double] = []
        labels.reserveCapacity(bound.rowCount)
        probabilities.reserveCapacity(bound.rowCount * main.classes.count)
        forEachPrediction(_Walk(self, bound), rows: 0 ..< bound.rowCount, tasks: 1) { _, _, best, distribution in
            labels.append(best)
            probabilities += distribution
        }
        let predictions = Predictions(tasks: [main.name], classes: [main.classes], labels: [labels], probabilities: [probabilities])
        return metric.error(fromValue: try predictions.values(of: metric, against: dataset, tasks: [main.name])[0])
    }
}

extension MultitaskForest {
    /// The value of `metric` for each of `tasks` on `dataset`'s labelled
    /// rows, from the forest's averaged probabilities.
    ///
    /// - Throws: As ``accuracies(on:tasks:)``.
    /// - Complexity: As ``predict(_:)``.
    public func values(of metric: Metric, on dataset: Dataset, tasks: [String]) throws -> [Double] {
        if metric == .accuracy { return try accuracies(on: dataset, tasks: tasks) }
        return try predict(dataset).values(of: metric, against: dataset, tasks: tasks)
    }
}

extension Evaluator {
    /// The test rows' `metric` when every row is predicted the training rows'
    /// most frequent class (by weight; ties to the first class), with the
    /// training rows' Laplace-corrected class frequencies as probabilities
    /// (what a tree of one leaf predicts).
    ///
    /// `training` and `test` share their value codes (subsets of one dataset).
    static func majorityValue(
        _ metric: Metric, task: String, _ training: NominalColumn, _ trainingWeights: [Double], _ test: NominalColumn,
        _ testWeights: [Double]
    ) -> Double {
        if metric == .accuracy { return majorityAccuracy(training, trainingWeights, test, testWeights) }
        let k = training.values.count
        var counts = [Double](repeating: 0, count: k)
        for (row, code) in training.codes.enumerated() where code >= 0 { counts[Int(code)] += trainingWeights[row] }
        var majority = 0
        for c in counts.indices where counts[c] > counts[majority] { majority = c }
        let total = counts.reduce(0, +)
        let laplace = counts.map { ($0 + 1) / (total + Double(k)) }
        let rows = test.codes.count
        let score = TaskScore(
            task: task, classes: training.values, modelClasses: k, truth: test.codes.map { Int($0) },
            predicted: [Int](repeating: majority, count: rows),
            probabilities: Array([[Double]](repeating: laplace, count: rows).joined()), weights: testWeights)
        return score.value(of: metric)
    }
}
