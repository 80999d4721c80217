/// How a leaf's class counts become class probabilities.
public enum ProbabilityEstimate: String, Sendable, CaseIterable {
    /// Laplace-corrected frequencies, (n_k + 1) / (N + K) over the task's K
    /// classes: what trees predict by default. A pure leaf of 3 rows among
    /// 19 classes gives its class 4/22 ≈ 0.18, not 1, since 3 rows are
    /// little evidence; no class gets probability 0.
    case laplace
    /// Plain frequencies, n_k / N: a pure leaf gives its class 1 and every
    /// other class 0 (log-loss then punishes any mistake without bound).
    case raw
}

extension MultitaskTree {
    /// Predicts every task for every row of `dataset`, with the class
    /// probabilities estimated as `estimate` says.
    ///
    /// The predicted classes are those of ``predict(_:)`` whatever the
    /// estimate (the most probable class by the Laplace-corrected
    /// frequencies); only the probabilities differ. A row with a missing
    /// tested value mixes the leaves' frequencies, weighted as in
    /// ``predict(_:)``.
    ///
    /// - Parameters:
    ///   - dataset: The rows to predict.
    ///   - estimate: How leaf counts become probabilities.
    /// - Returns: Each task's class and probabilities per row.
    /// - Throws: ``MTLError`` (`.badData`) if a column the tree tests is absent or has the wrong type.
    /// - Complexity: O(rows × depth × tasks) when no tested value is missing
    ///   (twice that for `.raw`).
    public func predict(_ dataset: Dataset, probabilities estimate: ProbabilityEstimate) throws -> Predictions {
        var predictions = try predict(dataset)
        guard estimate == .raw else { return predictions }
        var walk = _Walk(self, try _BoundInputs(schema, dataset, tested: testedAttributes))
        walk.rawFrequencies = true
        var probabilities = [[Double]](repeating: [], count: schema.tasks.count)
        forEachPrediction(walk, rows: 0 ..< walk.rowCount) { _, t, _, distribution in
            if !schema.tasks[t].isNumeric { probabilities[t] += distribution }
        }
        predictions.probabilities = probabilities
        return predictions
    }
}

extension TreeModel {
    /// Predicts every task for every row of `dataset`, each from its own tree,
    /// with the class probabilities estimated as `estimate` says (see
    /// ``MultitaskTree/predict(_:probabilities:)``).
    ///
    /// - Throws: As ``predict(_:)``.
    /// - Complexity: As ``MultitaskTree/predict(_:probabilities:)`` per tree.
    public func predict(_ dataset: Dataset, probabilities estimate: ProbabilityEstimate) throws -> Predictions {
        guard estimate == .raw else { return try predict(dataset) }
        var predictions = try predict(dataset)
        var cache: [Int: Predictions] = [:]
        for (t, name) in predictions.tasks.enumerated() where !predictions.isNumeric(task: t) {
            // The tree that answers task t, as predict(_:) chooses it: the one whose main task it is, else the first.
            let i = trees.firstIndex { $0.schema.mainTaskName == name } ?? 0
            if cache[i] == nil { cache[i] = try trees[i].predict(dataset, probabilities: .raw) }
            let own = cache[i]!
            guard let j = own.tasks.firstIndex(of: name) else { continue }
            predictions.probabilities[t] = own.probabilities[j]
        }
        return predictions
    }
}
