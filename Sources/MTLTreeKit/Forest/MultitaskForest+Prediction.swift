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

    /// Per task, the sum over trees of each row's class probabilities
    /// (`sums[t][row * classes + k]`; a numeric task's values, `sums[t][row]`), and per row the number of trees
    /// summed: all, or with `outOfBagOnly` the trees whose bootstrap sample
    /// left the row out (``trees`` must then be the forest grown on `dataset`).
    func probabilitySums(_ dataset: Dataset, outOfBagOnly: Bool, threads: Int) throws -> (sums: [[Double]], votes: [Int32]) {
        try Self.probabilitySums(
            trees: trees, seed: configuration.seed, leaves: configuration.leafProbabilities, dataset: dataset, outOfBagOnly: outOfBagOnly, threads: threads)
    }

    /// ``probabilitySums(_:outOfBagOnly:threads:)`` for `trees` grown from `seed`, their leaves estimating probabilities as `leaves` says.
    ///
    /// - Complexity: O(trees × rows × depth × tasks), on up to `threads`
    ///   threads (blocks of rows; within a block, tree by tree in order).
    static func probabilitySums(
        trees: [MultitaskTree], seed: UInt64, leaves: ForestConfiguration.LeafProbabilities, dataset: Dataset, outOfBagOnly: Bool,
        threads: Int
    ) throws -> (sums: [[Double]], votes: [Int32]) {
        let schema = trees[0].schema
        // Only the inputs some tree tests need be in the data.
        var tested = [Bool](repeating: false, count: schema.attributes.count)
        for tree in trees {
            for (a, isTested) in tree.testedAttributes.enumerated() where isTested { tested[a] = true }
        }
        let bound = try _BoundInputs(schema, dataset, tested: tested)
        let n = dataset.rowCount
        let walks = trees.map { tree in
            var walk = _Walk(tree, bound)
            walk.rawFrequencies = leaves == .frequency
            return walk
        }
        // Each tree's out-of-bag rows as bits (drawn again from the seed).
        let outOfBag: [[UInt64]] = outOfBagOnly ? parallelMap(trees.count, threads: threads) { i in
            let sample = _BootstrapSample(rows: n, seed: seed, tree: i)
            var bits = [UInt64](repeating: 0, count: (n + 63) / 64)
            for r in 0 ..< n where sample.isOutOfBag(r) { bits[r >> 6] |= 1 << UInt64(r & 63) }
            return bits
        } : []
        // A numeric task sums one value per row.
        let classCounts = schema.tasks.map { $0.isNumeric ? 1 : $0.classes.count }
        let block = 4096
        let blocks = stride(from: 0, to: n, by: block).map { $0 ..< min(n, $0 + block) }
        let parts = parallelMap(blocks.count, threads: max(1, threads)) { b -> ([[Double]], [Int32]) in
            let rows = blocks[b]
            var sums = classCounts.map { [Double](repeating: 0, count: rows.count * $0) }
            var votes = [Int32](repeating: 0, count: rows.count)
            for (i, tree) in trees.enumerated() {
                let bits = outOfBagOnly ? outOfBag[i] : []
                tree.forEachPrediction(walks[i], rows: rows) { row, t, _, distribution in
                    if outOfBagOnly && bits[row >> 6] >> UInt64(row & 63) & 1 == 0 { return }
                    let k = classCounts[t]
                    let at = (row - rows.lowerBound) * k
                    let o = distribution.startIndex
                    for j in 0 ..< k { sums[t][at + j] += distribution[o + j] }
                    if t == 0 { votes[row - rows.lowerBound] += 1 }
                }
            }
            return (sums, votes)
        }
        var sums = classCounts.map { k -> [Double] in
            var all: [Double] = []
            all.reserveCapacity(n * k)
            return all
        }
        var votes: [Int32] = []
        votes.reserveCapacity(n)
        for part in parts {
            for t in sums.indices { sums[t] += part.0[t] }
            votes += part.1
        }
        return (sums, votes)
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
        let (sums, votes) = try probabilitySums(trees: trees, seed: seed, leaves: leaves, dataset: dataset, outOfBagOnly: true, threads: threads)
        return scores(averaged(sums, votes: votes, schema: trees[0].schema), votes: votes, dataset: dataset)
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
