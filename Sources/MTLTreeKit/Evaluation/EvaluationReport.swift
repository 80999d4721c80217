/// What ``Evaluator`` measured: each learner's ``metric`` on every task and
/// split, its mean tree size, and the paired comparisons between learners
/// on the same splits.
public struct EvaluationReport: Sendable, Equatable {
    /// A way of learning the tasks, compared on the same splits.
    public enum Learner: String, Sendable, CaseIterable {
        /// Single-task learning: each task's own tree, that task main and λ = 0.
        case stl
        /// The main task with the extra tasks weighed by the given λ.
        case mtl
        /// No main task: every task weighs 1 (a plain multi-output tree).
        case allEqual = "all-equal"
        /// MTL on training rows whose extra-task labels were shuffled (Caruana's control).
        case mtlShuffled = "mtl-shuffled"
        /// MTL with λ chosen by cross-validation inside each training part.
        case mtlTuned = "mtl-tuned"
        /// No tree: each task's most frequent class in the training part. The
        /// floor any tree should clear.
        case majority
        /// A forest of the main task alone (λ = 0 for every extra task).
        case stlForest = "stl-forest"
        /// A forest with the extra tasks weighed by the given λ.
        case mtlForest = "mtl-forest"
        /// A forest with λ chosen by the main task's out-of-bag error on the training part.
        case mtlForestOutOfBag = "mtl-forest-oob"
        /// A forest with no main task: every task weighs 1 (a multi-output forest).
        case allEqualForest = "all-equal-forest"
        /// The MTL forest on training rows whose extra-task labels were shuffled.
        case mtlForestShuffled = "mtl-forest-shuffled"

        /// Whether the learner is a forest (unpruned: measured once).
        public var isForest: Bool {
            switch self {
            case .stlForest, .mtlForest, .mtlForestOutOfBag, .allEqualForest, .mtlForestShuffled: true
            default: false
            }
        }
    }

    /// The mean size of a learner's trees over the splits.
    public struct TreeSize: Sendable, Equatable {
        /// The mean number of nodes, leaves included.
        public var nodes: Double
        /// The mean number of leaves.
        public var leaves: Double

        /// A size of `nodes` nodes and `leaves` leaves.
        public init(nodes: Double, leaves: Double) {
            self.nodes = nodes
            self.leaves = leaves
        }

        /// The size of `tree`.
        public init(_ tree: MultitaskTree) {
            self.init(nodes: Double(tree.nodeCount), leaves: Double(tree.leafCount))
        }
    }

    /// One learner's scores, pruned or not.
    public struct Result: Sendable, Equatable {
        /// The learner.
        public var learner: Learner
        /// Whether the trees were pruned before they were measured.
        public var pruned: Bool
        /// `stl`, `mtl`, …, with `-unpruned` for the unpruned trees when the
        /// main results are pruned (`majority` has no tree and appears once).
        public var id: String
        /// `scores[task][split]`: the report's ``EvaluationReport/metric``,
        /// tasks in ``EvaluationReport/tasks`` order; NaN where a split has no
        /// labelled test row for the task. For a numeric task, its R² on the
        /// split's test rows (higher is better, as for an accuracy).
        public var scores: [[Double]]
        /// Per task, a numeric task's errors over all splits' test rows
        /// (RMSE, MAE, R², relative RMSE); `nil` for a nominal task.
        public var errors: [RegressionErrors?] = []
        /// The mean size of the learner's main-task tree over the splits (for
        /// a forest, of its trees); `nil` for the majority, which has no tree.
        public var treeSize: TreeSize?

        /// Mean and standard error of task `task`'s score over the splits.
        public func summary(task: Int) -> SampleSummary { SampleSummary(scores[task]) }
    }

    /// One task's comparison of two learners.
    public struct TaskComparison: Sendable, Equatable {
        /// The task.
        public var task: String
        /// The paired t-test of a's scores against b's; its mean difference is a − b.
        public var test: PairedTTest
        /// For cross-validation, the same test with Nadeau & Bengio's
        /// correction for the overlap of the training sets
        /// (``Statistics/correctedPairedTTest(_:_:testToTrainingRatio:)``);
        /// `nil` for time-ordered splits.
        public var correctedTest: PairedTTest?
        /// Splits where a scored better (higher, or for log-loss lower).
        public var wins: Int
        /// Splits where they scored the same.
        public var ties: Int
        /// Splits where b scored better.
        public var losses: Int
    }

    /// Learner `a` against learner `b` (by ``Result/id``) on the same splits.
    public struct Comparison: Sendable, Equatable {
        /// The first learner's id.
        public var a: String
        /// The second learner's id.
        public var b: String
        /// One entry per task compared (the main task only, for the controls).
        public var tasks: [TaskComparison]
    }

    /// The dataset's name.
    public var dataset: String
    /// Its number of rows.
    public var rows: Int
    /// The tasks, the main task first.
    public var tasks: [String]
    /// How rows were split.
    public var resampling: Resampling
    /// The seed of the splits and shuffles.
    public var seed: UInt64
    /// MTL's λ.
    public var lambda: LambdaSpecification
    /// How trees were pruned, or `nil` if only unpruned trees were measured.
    public var pruning: PruningConfiguration?
    /// The number of splits (folds × repeats, or walk-forward steps).
    public var splitCount: Int
    /// Every learner measured, main results first, then the unpruned ones.
    public var results: [Result]
    /// The λ the tuned learner chose in each split (empty without it).
    public var tunedLambdas: [LambdaSpecification]
    /// What the nominal tasks were measured by.
    public var metric: Metric = .accuracy

    /// The main task.
    public var mainTask: String { tasks[0] }

    /// The result with id `id`, if measured.
    public func result(_ id: String) -> Result? { results.first { $0.id == id } }

    /// The comparisons that the measured learners allow: MTL and all-equal
    /// against STL on every task; on the main task, tuned MTL against STL and
    /// MTL, shuffled MTL against STL and MTL against shuffled MTL, and each
    /// pruned learner against its unpruned trees.
    ///
    /// - Complexity: O(comparisons × tasks × splits).
    public var comparisons: [Comparison] {
        var pairs: [(String, String, Bool)] = [
            ("mtl", "stl", false), ("all-equal", "stl", false), ("mtl-tuned", "stl", true), ("mtl-tuned", "mtl", true),
            ("mtl-shuffled", "stl", true), ("mtl", "mtl-shuffled", true),
            ("mtl-forest", "stl-forest", true), ("all-equal-forest", "stl-forest", true),
            ("mtl-forest-oob", "stl-forest", true), ("mtl-forest", "mtl-forest-shuffled", true), ("stl-forest", "stl", true),
        ]
        pairs += results.filter { !$0.pruned }.compactMap { r in
            r.id.hasSuffix("-unpruned") ? (String(r.id.dropLast("-unpruned".count)), r.id, true) : nil
        }
        return pairs.compactMap { a, b, mainOnly in
            guard let x = result(a), let y = result(b) else { return nil }
            let compared = mainOnly ? [0] : Array(tasks.indices)
            return Comparison(a: a, b: b, tasks: compared.map { t in
                // A lower log-loss wins (a numeric task's R² is higher-is-better whatever the metric).
                let lowerWins = !metric.higherIsBetter && !isNumeric(task: t)
                let record = lowerWins
                    ? Statistics.winTieLoss(y.scores[t], x.scores[t]) : Statistics.winTieLoss(x.scores[t], y.scores[t])
                var corrected: PairedTTest?
                if case .crossValidation(let folds, _) = resampling {
                    // Each fold tests on 1/k of the rows and trains on (k − 1)/k.
                    corrected = Statistics.correctedPairedTTest(
                        x.scores[t], y.scores[t], testToTrainingRatio: 1 / Double(folds - 1))
                }
                return TaskComparison(
                    task: tasks[t], test: Statistics.pairedTTest(x.scores[t], y.scores[t]), correctedTest: corrected,
                    wins: record.wins, ties: record.ties, losses: record.losses)
            })
        }
    }

    /// Whether task `t` is numeric (some learner has its regression errors).
    public func isNumeric(task t: Int) -> Bool {
        results.contains { t < $0.errors.count && $0.errors[t] != nil }
    }

    /// The report as JSON: `dataset`, `rows`, `main_task`, `tasks`,
    /// `resampling`, `seed`, `splits`, `metric`, `lambda` (`shared`, `per_task`),
    /// `pruning` (`null` or `confidence`, `per_task`), `learners` (objects
    /// with `id`, `learner`, `pruned`, `tree_size` (`nodes`, `leaves`: the
    /// mean over the splits; `null` for the majority) and `tasks`: `task`, the
    /// metric's mean under its name (`accuracy`, `balanced_accuracy`,
    /// `macro_f1`, `log_loss`; `r2` for a numeric task), `standard_error`,
    /// `splits`, `per_split`, and for a numeric task `all_rows`: `rmse`,
    /// `mae`, `r2`, `relative_rmse` over all the splits' test rows), `comparisons`
    /// (objects with `a`, `b` and `tasks`: `task`, `mean_difference`, `t`,
    /// `degrees_of_freedom`, `p_value`, `p_value_corrected` (Nadeau & Bengio's,
    /// `null` for time-ordered splits), `wins`, `ties`, `losses`), and
    /// `tuned_lambdas` when MTL was tuned. Missing numbers are `null`.
    package var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("dataset", .string(dataset)), ("rows", .number(Double(rows))), ("main_task", .string(mainTask)),
            ("tasks", .array(tasks.map(JSONValue.string))), ("resampling", resampling.json(stratified: !isNumeric(task: 0))),
            ("seed", .number(Double(seed))), ("splits", .number(Double(splitCount))), ("metric", .string(metric.key)),
            ("lambda", Self.lambdaJSON(lambda)), ("pruning", LambdaTuning.pruningJSON(pruning)),
            ("learners", .array(results.map { r in
                .object([
                    ("id", .string(r.id)), ("learner", .string(r.learner.rawValue)), ("pruned", .bool(r.pruned)),
                    ("tree_size", r.treeSize.map { .object([("nodes", .measure($0.nodes)), ("leaves", .measure($0.leaves))]) } ?? .null),
                    ("tasks", .array(tasks.indices.map { t in
                        let s = r.summary(task: t)
                        let numeric = t < r.errors.count ? r.errors[t] : nil
                        var members: [(String, JSONValue)] = [
                            ("task", .string(tasks[t])), (numeric == nil ? metric.key : "r2", .measure(s.mean)),
                            ("standard_error", .measure(s.standardError)), ("splits", .number(Double(s.count))),
                            ("per_split", .array(r.scores[t].map(JSONValue.measure))),
                        ]
                        if let e = numeric {
                            members.append(("all_rows", .object([
                                ("rmse", .measure(e.rmse)), ("mae", .measure(e.mae)), ("r2", .measure(e.r2)),
                                ("relative_rmse", .measure(e.relativeRMSE)),
                            ])))
                        }
                        return .object(members)
                    })),
                ])
            })),
            ("comparisons", .array(comparisons.map { c in
                .object([
                    ("a", .string(c.a)), ("b", .string(c.b)),
                    ("tasks", .array(c.tasks.map { tc in
                        .object([
                            ("task", .string(tc.task)), ("mean_difference", .measure(tc.test.meanDifference)),
                            ("t", .measure(tc.test.t)), ("degrees_of_freedom", .number(Double(tc.test.degreesOfFreedom))),
                            ("p_value", .measure(tc.test.pValue)),
                            ("p_value_corrected", tc.correctedTest.map { .measure($0.pValue) } ?? .null),
                            ("wins", .number(Double(tc.wins))),
                            ("ties", .number(Double(tc.ties))), ("losses", .number(Double(tc.losses))),
                        ])
                    })),
                ])
            })),
        ]
        if !tunedLambdas.isEmpty { members.append(("tuned_lambdas", .array(tunedLambdas.map(Self.lambdaJSON)))) }
        return .object(members)
    }

    /// `shared` and `per_task` (by task name, sorted).
    static func lambdaJSON(_ lambda: LambdaSpecification) -> JSONValue {
        .object([
            ("shared", .number(lambda.shared)),
            ("per_task", .object(lambda.perTask.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })),
        ])
    }
}
