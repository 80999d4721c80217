/// What ``LambdaTuner`` found: the cross-validated main-task error of each
/// shared λ, the one its rule chose, and optionally one λ_i per extra task.
public struct LambdaTuning: Sendable, Equatable {
    /// One grid value and its main-task error on each fold.
    public struct Candidate: Sendable, Equatable {
        /// The λ shared by every extra task.
        public var lambda: Double
        /// The main-task error on each fold (NaN where a fold has no labelled test row).
        public var errors: [Double]
        /// The size of the main task's pruned tree on each fold (as measured:
        /// with pruning, grown for the main task alone).
        public var treeSizes: [EvaluationReport.TreeSize] = []
        /// Mean and standard error of ``errors``.
        public var error: SampleSummary { SampleSummary(errors) }
        /// The mean of ``treeSizes``, or `nil` if none were recorded.
        public var treeSize: EvaluationReport.TreeSize? { LearningCurve.Point.mean(treeSizes) }
    }

    /// How the shared grid was raced (``LambdaTuner/racingMargin``).
    public struct Racing: Sendable, Equatable {
        /// How far above the lowest mean error a λ could be and stay in the race.
        public var margin: Double
        /// The folds every λ was measured on before the race dropped any.
        public var checkpoint: Int
        /// The λ values dropped, measured on the first ``checkpoint`` folds only.
        public var dropped: [Double]
    }

    /// The dataset's name.
    public var dataset: String
    /// The number of rows tuned on.
    public var rows: Int
    /// The main task.
    public var mainTask: String
    /// The extra tasks, in the dataset's task order.
    public var extraTasks: [String]
    /// How the error was estimated.
    public var resampling: Resampling
    /// The folds' seed.
    public var seed: UInt64
    /// How trees were pruned before they were measured (`nil`: unpruned).
    public var pruning: PruningConfiguration?
    /// Each grid value, ascending.
    public var shared: [Candidate]
    /// The shared λ chosen by ``rule``.
    public var bestShared: Double
    /// The rule that chose ``bestShared``.
    public var rule: LambdaSelectionRule = .default
    /// The shared λ with the lowest mean error (ties to the smaller); the
    /// rule may choose a smaller one.
    public var lowestErrorShared: Double?
    /// With per-task search: λ_i of each of ``extraTasks``.
    public var perTask: [Double]?
    /// With per-task search: the main-task error per fold with the λ_i.
    public var perTaskErrors: [Double]?
    /// With per-task search: the rounds the coordinate search ran.
    public var rounds: Int = 0
    /// Set when the shared grid was raced, an approximation; `nil` when every
    /// λ was measured on every fold.
    public var racing: Racing?
    /// What a nominal main task's error is of.
    public var metric: Metric = .accuracy
    /// Whether the main task is numeric (its error is the mean squared error).
    public var numericMainTask = false

    /// What the error is: `error (1 − accuracy)`, `error (log-loss)`, or `mean squared error`.
    public var errorName: String { numericMainTask ? "mean squared error" : "error (\(metric.errorTitle))" }

    /// The λ to train with: the per-task λ_i if they were searched, else the chosen shared λ.
    public var specification: LambdaSpecification {
        guard let perTask else { return LambdaSpecification(shared: bestShared) }
        return LambdaSpecification(shared: bestShared, perTask: Dictionary(uniqueKeysWithValues: zip(extraTasks, perTask)))
    }

    /// The candidate of the chosen shared λ.
    public var best: Candidate { shared.first { $0.lambda == bestShared }! }

    /// Why ``bestShared`` was chosen, in one sentence: `λ = 0.5 had the
    /// lowest cross-validated error, 0.1234 ± 0.0056 (STL, λ = 0: 0.1450)`,
    /// or, where the rule preferred less transfer, `λ = 0 is the smallest
    /// within one standard error of the lowest error (λ = 1: 0.1200; λ = 0: 0.1234)`.
    public var reason: String {
        let chosen = "λ = \(formatNumber(bestShared))"
        var text: String
        if let lowest = lowestErrorShared, lowest != bestShared, let low = shared.first(where: { $0.lambda == lowest }) {
            let within = rule.standardErrors == 1 ? "one standard error" : "\(formatNumber(rule.standardErrors)) standard errors"
            text = "\(chosen) is the smallest within \(within) of the lowest error (λ = \(formatNumber(lowest)): "
                + "\(fixed(low.error.mean, 4)); \(chosen): \(fixed(best.error.mean, 4)))"
        } else {
            text = "\(chosen) had the lowest cross-validated error, \(Self.summaryText(best.error))"
            if bestShared != 0, let stl = shared.first(where: { $0.lambda == 0 }) {
                let partial = stl.errors.count < best.errors.count ? " over the first \(stl.errors.count) folds" : ""
                text += " (STL, λ = 0: \(fixed(stl.error.mean, 4))\(partial))"
            }
        }
        if let racing, !racing.dropped.isEmpty {
            text += "; raced: λ = \(racing.dropped.map(formatNumber).joined(separator: ", ")) dropped after \(racing.checkpoint) folds"
        }
        return text
    }

    /// A warning when the chosen shared λ is the largest value of the grid
    /// (more transfer might do better still), or its smallest but not 0;
    /// `nil` otherwise.
    public var edgeNote: String? {
        guard shared.count > 1 else { return nil }
        if bestShared == shared.last!.lambda {
            return "λ = \(formatNumber(bestShared)), the largest tried: consider a wider grid"
        }
        if bestShared == shared.first!.lambda, bestShared > 0 {
            return "λ = \(formatNumber(bestShared)), the smallest tried: consider a grid with smaller values, or 0"
        }
        return nil
    }

    /// A readable report: the error and mean main-task tree size per λ, the
    /// one chosen, and the λ_i per task.
    public var text: String {
        var out = "λ for main task \(mainTask) on \(dataset) (\(rows) rows): \(resampling.description(stratified: !numericMainTask)), seed \(seed)\n"
        out += "extra tasks: \(extraTasks.joined(separator: ", ")); trees \(Self.pruningText(pruning))\n\n"
        let width = max(6, shared.map { formatNumber($0.lambda).count }.max() ?? 6)
        let errorWidth = max(5, shared.map { Self.summaryText($0.error).count }.max() ?? 5)
        out += "main-task \(errorName), mean ± standard error over \(best.error.count) folds;\n"
        out += "tree size: mean nodes / leaves of the main task's tree\n"
        let sizeWidth = max(9, shared.map { EvaluationReport.sizeText($0.treeSize).count }.max() ?? 9)
        out += "λ".leftPadded(width) + "  " + "error".padded(errorWidth) + "  tree size\n"
        for candidate in shared {
            var line = formatNumber(candidate.lambda).leftPadded(width) + "  " + Self.summaryText(candidate.error).padded(errorWidth)
            line += "  " + EvaluationReport.sizeText(candidate.treeSize).padded(sizeWidth)
            if candidate.lambda == bestShared {
                line += "  ← chosen"
            } else if candidate.lambda == lowestErrorShared {
                line += "  ← lowest error"
            } else if let racing, racing.dropped.contains(candidate.lambda) {
                line += "  (dropped after \(racing.checkpoint) folds)"
            }
            out += withoutTrailingSpaces(Substring(line)) + "\n"
        }
        if let racing {
            out += "(raced, an approximation: after \(racing.checkpoint) folds, λ more than \(formatNumber(racing.margin)) "
            out += "above the lowest mean error were dropped)\n"
        }
        out += "\nchosen shared λ: \(formatNumber(bestShared)), error \(Self.summaryText(best.error)) (rule: \(rule.explanation))"
        if let stl = shared.first(where: { $0.lambda == 0 }), bestShared != 0, stl.errors.count == best.errors.count {
            let test = Statistics.pairedTTest(best.errors, stl.errors)
            out += "; STL (λ = 0): \(fixed(stl.error.mean, 4)), difference \(signed(test.meanDifference)), p = \(pText(test.pValue))"
        }
        out += "\n"
        if let edgeNote { out += edgeNote + "\n" }
        if let perTask, let perTaskErrors {
            let search = "coordinate search from λ = \(formatNumber(bestShared)), \(rounds) round\(rounds == 1 ? "" : "s"), \(rule)"
            out += "\nλ_i per extra task (\(search)): "
            out += "error \(Self.summaryText(SampleSummary(perTaskErrors)))\n"
            let nameWidth = max(4, extraTasks.map(\.count).max() ?? 4)
            out += "  " + "task".padded(nameWidth) + "  λ_i\n"
            for (task, lambda) in zip(extraTasks, perTask) {
                out += "  " + task.padded(nameWidth) + "  " + formatNumber(lambda) + "\n"
            }
            out += "A larger λ_i means task i's labels helped the main task more on these data; 0 means they did not help.\n"
            out += "(The search chose among many settings on the same folds, so its error is optimistic.)\n"
        }
        return out
    }

    /// The tuning as JSON: `dataset`, `rows`, `main_task`, `extra_tasks`,
    /// `resampling`, `seed`, `metric` (`squared_error` for a numeric main
    /// task), `pruning`, `grid` (objects with `lambda`,
    /// `error`, `standard_error`, `per_split`, `tree_size`: the main task's
    /// mean pruned tree `nodes` and `leaves`), `best_lambda` (the chosen
    /// shared λ), `rule`, `lowest_error_lambda`, `racing` (`null`, or
    /// `margin`, `checkpoint_folds`, `dropped`), and with
    /// per-task search `per_task` (`lambdas` by task, `error`,
    /// `standard_error`, `rounds`); `specification` is what to train with.
    package var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("dataset", .string(dataset)), ("rows", .number(Double(rows))), ("main_task", .string(mainTask)),
            ("extra_tasks", .array(extraTasks.map(JSONValue.string))), ("resampling", resampling.json(stratified: !numericMainTask)),
            ("seed", .number(Double(seed))), ("metric", .string(numericMainTask ? "squared_error" : metric.key)),
            ("pruning", Self.pruningJSON(pruning)),
            ("grid", .array(shared.map { c in
                .object([
                    ("lambda", .number(c.lambda)), ("error", .measure(c.error.mean)),
                    ("standard_error", .measure(c.error.standardError)), ("per_split", .array(c.errors.map(JSONValue.measure))),
                    ("tree_size", c.treeSize.map { .object([("nodes", .measure($0.nodes)), ("leaves", .measure($0.leaves))]) } ?? .null),
                ])
            })),
            ("best_lambda", .number(bestShared)), ("rule", .string(rule.description)),
            ("lowest_error_lambda", lowestErrorShared.map(JSONValue.number) ?? .null),
            ("racing", racing.map { r in
                .object([
                    ("margin", .number(r.margin)), ("checkpoint_folds", .number(Double(r.checkpoint))),
                    ("dropped", .array(r.dropped.map(JSONValue.number))),
                ])
            } ?? .null),
        ]
        if let perTask, let perTaskErrors {
            let summary = SampleSummary(perTaskErrors)
            members.append(("per_task", .object([
                ("lambdas", .object(zip(extraTasks, perTask).map { ($0, .number($1)) })),
                ("error", .measure(summary.mean)), ("standard_error", .measure(summary.standardError)),
                ("rounds", .number(Double(rounds))),
            ])))
        }
        let specification = specification
        members.append(("specification", .object([
            ("shared", .number(specification.shared)),
            ("per_task", .object(extraTasks.compactMap { t in specification.perTask[t].map { (t, .number($0)) } })),
        ])))
        return .object(members)
    }

    /// `0.2290 ± 0.0093`, or `0.2290` alone when there is no standard error (one value).
    static func summaryText(_ s: SampleSummary) -> String {
        fixed(s.mean, 4) + (s.standardError.isNaN ? "" : " ± " + fixed(s.standardError, 4))
    }

    /// `pruned (confidence 0.25, per task)` or `unpruned`.
    static func pruningText(_ pruning: PruningConfiguration?) -> String {
        guard let pruning, pruning.isEnabled else { return "unpruned" }
        var parts: [String] = []
        if let c = pruning.confidence { parts.append("confidence \(formatNumber(c))") }
        if pruning.perTask { parts.append("per task") }
        return "pruned (\(parts.joined(separator: ", ")))"
    }

    /// `null`, or `confidence` and `per_task`.
    static func pruningJSON(_ pruning: PruningConfiguration?) -> JSONValue {
        guard let pruning, pruning.isEnabled else { return .null }
        return .object([("confidence", pruning.confidence.map(JSONValue.number) ?? .null), ("per_task", .bool(pruning.perTask))])
    }
}

/// `+0.0123` or `-0.0045`: a difference with its sign.
func signed(_ x: Double, _ digits: Int = 4) -> String {
    guard !x.isNaN else { return "n/a" }
    let text = fixed(x, digits)
    return text.hasPrefix("-") ? text : "+" + text
}

/// A p-value: `0.0123`, `<0.0001`, or `n/a`.
func pText(_ p: Double) -> String {
    if p.isNaN { return "n/a" }
    return p < 0.0001 ? "<0.0001" : fixed(p, 4)
}
