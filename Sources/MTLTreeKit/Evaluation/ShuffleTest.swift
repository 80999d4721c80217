extension Dataset {
    /// The same data with `name` as the main task, or with no main task
    /// (every task weighs 1) when `name` is `nil`.
    ///
    /// - Throws: ``MTLError`` (`.usage`) if `name` is not a task column.
    /// - Complexity: O(columns); the columns' storage is shared, not copied.
    public func withMainTask(_ name: String?) throws -> Dataset {
        var copy = self
        try copy.setMainTask(name)
        return copy
    }

    /// Caruana's shuffle control: the same rows with each extra task's labels
    /// permuted among them, each task by its own shuffle.
    ///
    /// A permutation keeps every extra task's class counts (and its number of
    /// missing labels) but breaks its relation to the inputs and to the main
    /// task. If MTL's gain over STL comes from what the extra tasks know, it
    /// disappears when MTL learns from the shuffled data. Apply it to the
    /// training rows only; test rows keep their labels.
    ///
    /// - Parameter rng: The shuffles' source; the same state gives the same shuffles.
    /// - Returns: The dataset with permuted extra-task columns; inputs, main
    ///   task and weights unchanged.
    /// - Throws: ``MTLError`` (`.usage`) if there is no main task.
    /// - Complexity: O(rows × extra tasks).
    public func shufflingExtraTaskLabels(using rng: inout SplitMix64) throws -> Dataset {
        guard mainTask != nil else {
            throw MTLError(.usage, "the shuffle test needs a main task", hint: .nameMainTask)
        }
        var copy = self
        for index in taskIndices.dropFirst() {
            var column = columns[index]
            switch column.storage {
            case .nominal(var labels):
                rng.shuffle(&labels.codes)
                column.storage = .nominal(labels)
            case .numeric(var values):
                // A numeric extra task's values are permuted the same way (missing ones too).
                rng.shuffle(&values)
                column.storage = .numeric(values)
            }
            try copy.replaceColumn(at: index, with: column)
        }
        return copy
    }
}

extension MultitaskTree {
    /// The accuracy of each of `tasks` on `dataset`: the weight of the rows
    /// labelled for that task whose label the tree predicts, over the weight
    /// of the rows labelled for it (NaN when none are).
    ///
    /// Rows are weighed, as in training (each weighs 1 unless the data weigh
    /// them); ``accuracy(on:)`` gives the same weights right and labelled
    /// for every task.
    ///
    /// Labels are matched by their text, so `dataset` need not share the
    /// training data's codes.
    ///
    /// - Parameters:
    ///   - dataset: Rows with the tree's inputs and the tasks' labels.
    ///   - tasks: Task names the tree predicts, in the order wanted.
    /// - Returns: One accuracy per name in `tasks` (NaN for a numeric task).
    /// - Throws: ``MTLError`` (`.badData`) if an input the tree tests or a
    ///   task's column is absent, or a name is not one of the tree's tasks.
    /// - Complexity: O(rows × depth × tasks), as ``predict(_:)``.
    public func accuracies(on dataset: Dataset, tasks: [String]) throws -> [Double] {
        try accuracies(on: dataset, bound: _BoundInputs(schema, dataset), tasks: tasks)
    }

    /// The main task's error on `dataset`: 1 − its ``accuracies(on:tasks:)``;
    /// for a numeric main task, its mean squared error.
    ///
    /// - Throws: As ``accuracies(on:tasks:)``.
    /// - Complexity: As ``predict(_:)``.
    public func mainTaskError(on dataset: Dataset) throws -> Double {
        try mainTaskError(on: dataset, bound: _BoundInputs(schema, dataset))
    }

    /// ``mainTaskError(on:)`` with `dataset`'s inputs already bound to this
    /// tree's schema (once for all the trees grown on the same data).
    ///
    /// A numeric main task's error is its mean squared error, which ``LambdaTuner`` then minimises.
    func mainTaskError(on dataset: Dataset, bound: _BoundInputs) throws -> Double {
        if schema.tasks[0].isNumeric {
            guard let errors = try numericErrors(on: dataset)[0], errors.count > 0 else { return .nan }
            return errors.squaredError / Double(errors.count)
        }
        return 1 - (try accuracies(on: dataset, bound: bound, tasks: [schema.tasks[0].name])[0])
    }

    /// ``accuracies(on:tasks:)`` with `dataset`'s inputs already bound; only
    /// the tasks up to the last one asked for are predicted (the main task
    /// alone for ``mainTaskError(on:)``).
    private func accuracies(on dataset: Dataset, bound: _BoundInputs, tasks: [String]) throws -> [Double] {
        let scored = try tasks.map { name -> (t: Int, column: NominalColumn) in
            guard let t = schema.taskIndex(named: name) else {
                throw MTLError(.badData, "the tree does not predict a task '\(name)'")
            }
            // A numeric task has no accuracy (NaN below); its errors are ``numericErrors(on:)``.
            if schema.tasks[t].isNumeric { return (t, NominalColumn(codes: [], values: [])) }
            guard let column = dataset[name]?.nominal else {
                throw MTLError(.badData, "'\(dataset.name)' has no nominal column '\(name)' to score")
            }
            return (t, column)
        }
        let predicted = (scored.map(\.t).max() ?? -1) + 1
        var labels = [[Int]](repeating: [], count: predicted)
        for t in labels.indices { labels[t].reserveCapacity(bound.rowCount) }
        if predicted > 0 {
            forEachPredictedClass(_Walk(self, bound), rows: 0 ..< bound.rowCount, tasks: predicted) { _, t, best in labels[t].append(best) }
        }
        return scored.map { t, column in
            if schema.tasks[t].isNumeric { return .nan }
            // The class index of each code, by text (codes may differ from the tree's).
            let classes = schema.tasks[t].classes
            let classOf = column.values.map { value in classes.firstIndex(of: value) ?? -1 }
            var right = 0.0, labelled = 0.0
            for (row, code) in column.codes.enumerated() where code >= 0 {
                let w = dataset.weights[row]
                labelled += w
                if classOf[Int(code)] == labels[t][row] { right += w }
            }
            return labelled > 0 ? right / labelled : .nan
        }
    }

    /// This tree pruned by `pruning`, or itself when `pruning` is `nil`.
    func pruned(ifGiven pruning: PruningConfiguration?) throws(MTLError) -> MultitaskTree {
        guard let pruning else { return self }
        return try pruned(pruning)
    }
}
