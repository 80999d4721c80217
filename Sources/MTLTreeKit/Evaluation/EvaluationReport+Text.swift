extension EvaluationReport.Learner {
    /// A column heading: `STL`, `MTL λ=1`, `all equal`, `MTL shuffled`, `MTL tuned`.
    func title(lambda: LambdaSpecification) -> String {
        switch self {
        case .stl: "STL"
        case .mtl: "MTL λ=" + formatNumber(lambda.shared) + (lambda.perTask.isEmpty ? "" : "+")
        case .allEqual: "all equal"
        case .mtlShuffled: "MTL shuffled"
        case .mtlTuned: "MTL tuned"
        case .majority: "majority"
        case .stlForest: "STL forest"
        case .mtlForest: "MTL forest λ=" + formatNumber(lambda.shared) + (lambda.perTask.isEmpty ? "" : "+")
        case .mtlForestOutOfBag: "MTL forest OOB λ"
        case .allEqualForest: "all-equal forest"
        case .mtlForestShuffled: "MTL forest shuf."
        }
    }
}

extension EvaluationReport {
    /// A readable report: what was compared and how, each learner's
    /// ``metric`` per task (mean ± standard error over the splits) and mean
    /// tree size, the unpruned trees' main-task score, and the paired
    /// differences with their p-values and win/tie/loss counts.
    public var text: String {
        var out = "evaluate \(dataset) (\(rows) rows), main task \(mainTask)\n"
        out += "\(resampling.description(stratified: !isNumeric(task: 0))), seed \(seed): \(splitCount) split\(splitCount == 1 ? "" : "s"); "
        out += "trees \(LambdaTuning.pruningText(pruning))\n"
        out += "STL: each task's own tree (λ = 0). MTL: extra tasks weigh λ = \(formatNumber(lambda.shared))"
        if !lambda.perTask.isEmpty {
            out += ", " + lambda.perTask.sorted { $0.key < $1.key }.map { "\($0.key) \(formatNumber($0.value))" }.joined(separator: ", ")
        }
        out += ". all equal: no main task, every task weighs 1."
        if result("mtl-shuffled") != nil { out += "\nMTL shuffled: MTL after permuting each extra task's labels among the training rows." }
        if result("mtl-tuned") != nil { out += "\nMTL tuned: λ chosen by cross-validation within each training part." }
        if result("stl-forest") != nil {
            out += "\nforests (unpruned trees on bootstrap samples): STL, MTL at λ, MTL with λ by the main task's out-of-bag error, all equal."
        }
        out += "\nmajority: no tree, each task's most frequent training class (the floor to beat)."
        let numeric = tasks.indices.filter(isNumeric(task:))
        if !numeric.isEmpty { out += "\nA numeric task's majority is its training mean, and its \(metric.title) below is R²." }
        out += "\n\n"

        let main = results.filter { $0.id == $0.learner.rawValue }
        let nameWidth = max(6, tasks.map { $0.count + 2 }.max() ?? 6)
        let cell = 16
        out += "\(metric.title) (mean ± standard error over the splits\(metric.higherIsBetter ? "" : "; lower is better"))\n"
        out += "task".padded(nameWidth) + main.map { "  " + $0.learner.title(lambda: lambda).padded(cell) }.joined() + "\n"
        for t in tasks.indices {
            out += (tasks[t] + (t == 0 ? " *" : "")).padded(nameWidth)
            out += main.map { "  " + Self.cellText($0.summary(task: t)).padded(cell) }.joined() + "\n"
        }
        out += "tree size".padded(nameWidth) + main.map { "  " + Self.sizeText($0.treeSize).padded(cell) }.joined() + "\n"
        out += "(* main task; tree size: mean nodes / leaves of the main task's tree, per tree for a forest)\n"
        if !numeric.isEmpty {
            out += "\nnumeric tasks, over all the splits' test rows\n"
            out += "task".padded(nameWidth) + "  " + "metric".padded(9) + main.map { "  " + $0.learner.title(lambda: lambda).padded(cell) }.joined() + "\n"
            let metrics: [(String, (RegressionErrors) -> String)] = [
                ("RMSE", { significant($0.rmse) }), ("MAE", { significant($0.mae) }), ("R²", { fixed($0.r2, 3) }),
                ("rel. RMSE", { fixed($0.relativeRMSE, 3) }),
            ]
            for t in numeric {
                for (i, (name, value)) in metrics.enumerated() {
                    out += (i == 0 ? tasks[t] + (t == 0 ? " *" : "") : "").padded(nameWidth) + "  " + name.padded(9)
                    out += main.map { r in "  " + (t < r.errors.count ? r.errors[t].map(value) ?? "n/a" : "n/a").padded(cell) }.joined() + "\n"
                }
            }
            out += "(rel. RMSE: RMSE over that of predicting the training mean; below 1 beats the mean)\n"
        }

        let plain = results.filter { $0.id != $0.learner.rawValue }
        if !plain.isEmpty {
            out += "\nunpruned trees, main task\n"
            out += "".padded(nameWidth) + plain.map { "  " + $0.learner.title(lambda: lambda).padded(cell) }.joined() + "\n"
            out += (tasks[0] + " *").padded(nameWidth)
            out += plain.map { "  " + Self.cellText($0.summary(task: 0)).padded(cell) }.joined() + "\n"
            out += "tree size".padded(nameWidth) + plain.map { "  " + Self.sizeText($0.treeSize).padded(cell) }.joined() + "\n"
        }

        let corrects = comparisons.contains { c in c.tasks.contains { $0.correctedTest != nil } }
        out += "\ndifferences on the same splits (a − b): mean and paired t-test p-value"
        out += corrects ? "\n(plain, and corrected for the overlap of the folds' training sets);\n" : ";\n"
        out += "W/T/L: the splits where a scored better than b, the same, or worse\n"
        let comparisons = comparisons
        let labels = comparisons.map { c in
            c.b == c.a + "-unpruned" ? title(c.a) + ": pruned − unpruned" : title(c.a) + " − " + title(c.b)
        }
        let labelWidth = max(10, labels.map(\.count).max() ?? 10)
        out += "comparison".padded(labelWidth) + "  " + "task".padded(nameWidth) + "  difference  p-value   "
        out += (corrects ? "corrected  " : "") + "W/T/L\n"
        for (c, label) in zip(comparisons, labels) {
            for (i, tc) in c.tasks.enumerated() {
                out += (i == 0 ? label : "").padded(labelWidth) + "  " + (tc.task + (tc.task == mainTask ? " *" : "")).padded(nameWidth)
                out += "  " + signed(tc.test.meanDifference).leftPadded(10) + "  " + pText(tc.test.pValue).padded(8)
                if corrects { out += "  " + (tc.correctedTest.map { pText($0.pValue) } ?? "n/a").padded(9) }
                out += "  \(tc.wins)/\(tc.ties)/\(tc.losses)\n"
            }
        }
        if splitCount == 1 {
            out += "(One split: no standard error or t-test. Walk-forward splits or cross-validation give several.)\n"
        }
        if corrects {
            out += "(The folds' training sets overlap, which makes the plain p-values optimistic; the corrected\n"
            out += "test (Nadeau & Bengio, 2003) widens the variance by the overlap and is the one to trust.)\n"
        }

        if !tunedLambdas.isEmpty {
            out += "\nλ chosen by MTL tuned, per split: " + tunedLambdaText + "\n"
        }
        return out.split(separator: "\n", omittingEmptySubsequences: false)
            .map(withoutTrailingSpaces).joined(separator: "\n")
    }

    /// `0.8123 ± 0.0100`, or `-` where the learner did not measure the task
    /// (a single-task forest's extra tasks).
    static func cellText(_ summary: SampleSummary) -> String {
        summary.mean.isNaN ? "-" : LambdaTuning.summaryText(summary)
    }

    /// `12.3 / 6.7` (mean nodes / leaves), or `-` without a tree.
    static func sizeText(_ size: TreeSize?) -> String {
        guard let size else { return "-" }
        return fixed(size.nodes, 1) + " / " + fixed(size.leaves, 1)
    }

    /// A result's column title, `(unpruned)` added for the unpruned trees.
    private func title(_ id: String) -> String {
        guard let r = result(id) else { return id }
        return r.learner.title(lambda: lambda) + (r.id == r.learner.rawValue ? "" : " (unpruned)")
    }

    /// `0.5 ×3, 1 ×7`, or for per-task λ the distinct settings, by shared λ.
    private var tunedLambdaText: String {
        var counts: [(shared: Double, text: String, count: Int)] = []
        for lambda in tunedLambdas {
            var text = formatNumber(lambda.shared)
            if !lambda.perTask.isEmpty {
                let pairs = lambda.perTask.sorted { $0.key < $1.key }.map { "\($0.key) \(formatNumber($0.value))" }
                text = "{" + pairs.joined(separator: ", ") + "}"
            }
            if let i = counts.firstIndex(where: { $0.text == text }) {
                counts[i].count += 1
            } else {
                counts.append((lambda.shared, text, 1))
            }
        }
        return counts.sorted { ($0.shared, $0.text) < ($1.shared, $1.text) }.map { "\($0.text) ×\($0.count)" }.joined(separator: ", ")
    }
}

/// `line` without the spaces that padding left at its end.
func withoutTrailingSpaces(_ line: Substring) -> Substring {
    var end = line.endIndex
    while end > line.startIndex, line[line.index(before: end)] == " " { end = line.index(before: end) }
    return line[..<end]
}
