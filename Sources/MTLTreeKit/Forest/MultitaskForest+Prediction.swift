extension MultitaskForest {
    /// Predicts every task for every row of `dataset`: each task's class
    /// probabilities averaged over the trees, and the most probable class
    /// (ties to the earlier class).
    ///
    /// Columns are matched by name, as ``MultitaskTree/predict(_:)`` does;
    /// each tree handles missing and unseen values as a single tree does.
    /// The sums run over the trees in order for every row, so the result is
    /// the same for any number of threads.
    ///
    /// - Parameter dataset: The rows to predict.
    /// - Returns: Each task's class and averaged probabilities per row.
    /// - Throws: ``MTLError`` (`.badData`) if a column the trees test is absent or has the wrong type.
    /// - Complexity: O(trees × rows × depth × tasks) when no tested value is missing.
    public func predict(_ dataset: Dataset) throws -> Predictions {
        let (sums, votes) = try probabilitySums(dataset, outOfBagOnly: false, threads: configuration.tree.threads)
        return Self.averaged(sums, votes: votes, schema: schema)
    }

    /// Predicts every task for every row of `dataset`, with the class
    /// probabilities estimated as `estimate` says.
    ///
    /// With `.raw`, each nominal task's probabilities are the average of
    /// the trees' plain leaf frequencies n_k / N (a leaf with no rows
    /// labelled for the task, N = 0, gives its Laplace-corrected ones, as a
    /// tree does); with `.laplace`, they are the forest's own, those of
    /// ``predict(_:)``. The predicted classes are always those of
    /// ``predict(_:)``: the estimate changes only the probabilities.
    ///
    /// - Parameters:
    ///   - dataset: The rows to predict.
    ///   - estimate: How leaf counts become the probabilities reported.
    /// - Returns: Each task's class and probabilities per row.
    /// - Throws: As ``predict(_:)``.
    /// - Complexity: As ``predict(_:)``; twice that for `.raw` when the
    ///   forest's leaves are Laplace-corrected.
    public func predict(_ dataset: Dataset, probabilities estimate: ProbabilityEstimate) throws -> Predictions {
        var predictions = try predict(dataset)
        guard estimate == .raw, configuration.leafProbabilities != .frequency else { return predictions }
        let (sums, votes) = try Self.probabilitySums(
            forests: [trees], seed: configuration.seed, leaves: .frequency, dataset: dataset, outOfBagOnly: false,
            threads: configuration.tree.threads)[0]
        let raw = Self.averaged(sums, votes: votes, schema: schema)
        for t in schema.tasks.indices where !schema.tasks[t].isNumeric { predictions.probabilities[t] = raw.probabilities[t] }
        return predictions
    }

    /// Turns per-row sums of the trees' predictions into averages and classes:
    /// the one place where the trees' predictions of a task are combined. A
    /// nominal task's probabilities are averaged (the class: the most probable,
    /// ties to the earlier); a numeric task's value is the mean of the trees'
    /// values (NaN for a row no tree predicted).
    static func averaged(_ sums: [[Double]], votes: [Int32], schema: TreeSchema) -> Predictions {
        let classes = schema.tasks.map(\.classes)
        var labels = [[Int]](repeating: [], count: classes.count)
        var probabilities = sums
        var values = [[Double]](repeating: [], count: classes.count)
        for t in classes.indices {
            if schema.tasks[t].isNumeric {
                values[t] = votes.indices.map { row in votes[row] > 0 ? sums[t][row] / Double(votes[row]) : .nan }
                probabilities[t] = []
                continue
            }
            let k = classes[t].count
            labels[t] = [Int](repeating: 0, count: votes.count)
            for row in votes.indices {
                let scale = votes[row] > 0 ? 1 / Double(votes[row]) : 0
                var best = 0
                for j in 0 ..< k {
                    probabilities[t][row * k + j] *= scale
                    if probabilities[t][row * k + j] > probabilities[t][row * k + best] { best = j }
                }
                labels[t][row] = best
            }
        }
        return Predictions(tasks: schema.tasks.map(\.name), classes: classes, labels: labels, probabilities: probabilities, values: values)
    }

    /// Each task's accuracy of `predictions` against `dataset`'s labels
    /// (matched by class name), over rows with a label and a prediction (`votes` > 0).
    static func scores(_ predictions: Predictions, votes: [Int32], dataset: Dataset) -> [OutOfBagScore] {
        predictions.tasks.enumerated().map { t, name in
            if predictions.isNumeric(task: t) || predictions.classes[t].isEmpty {
                return numericScore(task: name, values: predictions.values[t], votes: votes, labels: dataset[name]?.numeric)
            }
            guard let column = dataset[name]?.nominal else { return OutOfBagScore(task: name, correct: 0, labelled: 0) }
            let index = Dictionary(predictions.classes[t].enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let code = column.values.map { index[$0] ?? -1 }
            var correct = 0
            var labelled = 0
            for (row, c) in column.codes.enumerated() where c >= 0 && votes[row] > 0 {
                labelled += 1
                if code[Int(c)] == predictions.labels[t][row] { correct += 1 }
            }
            return OutOfBagScore(task: name, correct: correct, labelled: labelled)
        }
    }

    /// A numeric task's squared error and the labels' squared deviation
    /// from their mean, over rows with a label and a prediction (`votes` > 0).
    static func numericScore(task: String, values: [Double], votes: [Int32], labels: [Double]?) -> OutOfBagScore {
        guard let labels, values.count == labels.count else { return OutOfBagScore(task: task, labelled: 0, squaredError: 0, squaredDeviation: 0) }
        var count = 0
        var sum = 0.0
        for row in labels.indices where !labels[row].isNaN && votes[row] > 0 {
            count += 1
            sum += labels[row]
        }
        let mean = count > 0 ? sum / Double(count) : 0
        var squaredError = 0.0, squaredDeviation = 0.0
        for row in labels.indices where !labels[row].isNaN && votes[row] > 0 {
            squaredError += (labels[row] - values[row]) * (labels[row] - values[row])
            squaredDeviation += (labels[row] - mean) * (labels[row] - mean)
        }
        return OutOfBagScore(task: task, labelled: count, squaredError: squaredError, squaredDeviation: squaredDeviation)
    }

    /// Each task's out-of-bag accuracy of `trees`, grown from `seed` on `dataset`.
    static func outOfBagScores(
        trees: [MultitaskTree], seed: UInt64, leaves: ForestConfiguration.LeafProbabilities, dataset: Dataset, threads: Int
    ) throws -> [OutOfBagScore] {
        try outOfBagScores(forests: [trees], seed: seed, leaves: leaves, dataset: dataset, threads: threads)[0]
    }

    /// Each forest's ``outOfBagScores(trees:seed:leaves:dataset:threads:)``,
    /// for forests whose tree i grew on the same sample i (one per λ): one
    /// pass over the rows for all of them.
    static func outOfBagScores(
        forests: [[MultitaskTree]], seed: UInt64, leaves: ForestConfiguration.LeafProbabilities, dataset: Dataset, threads: Int
    ) throws -> [[OutOfBagScore]] {
        try outOfBagPredictions(forests: forests, seed: seed, leaves: leaves, dataset: dataset, threads: threads).map { predictions, votes in
            scores(predictions, votes: votes, dataset: dataset)
        }
    }

    /// Each forest's out-of-bag predictions of `dataset`'s rows (each row
    /// predicted by the trees whose sample left it out), and per row the
    /// number of those trees (0: no prediction).
    static func outOfBagPredictions(
        forests: [[MultitaskTree]], seed: UInt64, leaves: ForestConfiguration.LeafProbabilities, dataset: Dataset, threads: Int
    ) throws -> [(predictions: Predictions, votes: [Int32])] {
        let all = try probabilitySums(forests: forests, seed: seed, leaves: leaves, dataset: dataset, outOfBagOnly: true, threads: threads)
        return all.map { sums, votes in (averaged(sums, votes: votes, schema: forests[0][0].schema), votes) }
    }
}

extension MultitaskForest {
    /// The weighted accuracy of each of `tasks` (by name) on `dataset`'s
    /// labelled rows, matched to the forest's classes by name; NaN for a
    /// task with no labelled row, and for a numeric task.
    ///
    /// - Throws: ``MTLError`` (`.badData`) if the forest does not predict a
    ///   task, `dataset` lacks its labels, or an input the trees test.
    /// - Complexity: As ``predict(_:)``.
    public func accuracies(on dataset: Dataset, tasks: [String]) throws -> [Double] {
        let predictions = try predict(dataset)
        return try tasks.map { name in
            guard let t = schema.taskIndex(named: name) else { throw MTLError(.badData, "the forest does not predict a task '\(name)'") }
            if schema.tasks[t].isNumeric { return .nan }  // no accuracy: see outOfBag's RMSE and R²
            guard let column = dataset[name]?.nominal else {
                throw MTLError(.badData, "'\(dataset.name)' has no nominal column '\(name)' to score")
            }
            let classOf = column.values.map { value in schema.tasks[t].classes.firstIndex(of: value) ?? -1 }
            var right = 0.0, labelled = 0.0
            for (row, code) in column.codes.enumerated() where code >= 0 {
                let w = dataset.weights[row]
                labelled += w
                if classOf[Int(code)] == predictions.labels[t][row] { right += w }
            }
            return labelled > 0 ? right / labelled : .nan
        }
    }
}
