import Foundation

/// A figure of merit for one task's predictions on labelled rows.
///
/// All are computed from the row weights (1 for every row of a CSV file),
/// over the rows whose label for the task is known, as scikit-learn's
/// `accuracy_score`, `balanced_accuracy_score`, `f1_score(average="macro")`
/// and `log_loss` compute them with `sample_weight`:
///
/// - accuracy: the weight of the rows predicted right over the labelled weight;
/// - balanced accuracy: the mean, over the classes that occur among the
///   labels, of each class's recall (its rows predicted right over its rows),
///   so that the majority class alone scores 1 / classes, not its share;
/// - macro-F1: the mean, over the classes that occur among the labels or the
///   predictions, of each class's F1 = 2·TP / (2·TP + FP + FN);
/// - log-loss: the mean of −ln p, p the probability predicted for the row's
///   true class (at least ``TaskScore/probabilityFloor``, so that a class
///   the model never saw costs a large but finite amount).
public enum Metric: String, Sendable, CaseIterable {
    case accuracy
    case balancedAccuracy = "balanced-accuracy"
    case macroF1 = "macro-f1"
    case logLoss = "log-loss"

    /// Whether a larger value is better (all but log-loss).
    public var higherIsBetter: Bool { self != .logLoss }

    /// The name used in tables and JSON members (`balanced_accuracy`).
    public var key: String { rawValue.replacingOccurrences(of: "-", with: "_") }

    /// The name in running text: `accuracy`, `balanced accuracy`, `macro-F1`, `log-loss`.
    public var title: String {
        switch self {
        case .accuracy: "accuracy"
        case .balancedAccuracy: "balanced accuracy"
        case .macroF1: "macro-F1"
        case .logLoss: "log-loss"
        }
    }

    /// A value of this metric as an error to minimise: 1 − value for the
    /// metrics where higher is better, the value itself for log-loss.
    public func error(fromValue value: Double) -> Double { higherIsBetter ? 1 - value : value }

    /// What ``error(fromValue:)`` gives, in words: `1 − accuracy`, `log-loss`.
    public var errorTitle: String { higherIsBetter ? "1 − " + title : title }
}

/// One task's predictions scored against its labels: the four ``Metric``s
/// and the confusion matrix.
public struct TaskScore: Sendable, Equatable {
    /// The smallest probability log-loss takes for a row's true class
    /// (the machine epsilon, as scikit-learn's `log_loss` clips).
    public static let probabilityFloor = Double.ulpOfOne

    /// The task's name.
    public var task: String
    /// The classes: the model's, in its order, then any class that only the
    /// labels hold (which the model can never predict).
    public var classes: [String]
    /// `confusion[truth][predicted]`: the weight of the labelled rows of class
    /// `truth` predicted as class `predicted`.
    public var confusion: [[Double]]
    /// The number of labelled rows.
    public var labelledRows: Int
    /// Their total weight.
    public var labelledWeight: Double
    /// See ``Metric/accuracy``.
    public var accuracy: Double
    /// See ``Metric/balancedAccuracy``.
    public var balancedAccuracy: Double
    /// See ``Metric/macroF1``.
    public var macroF1: Double
    /// See ``Metric/logLoss`` (natural logarithm).
    public var logLoss: Double

    /// Scores one task's predictions.
    ///
    /// - Parameters:
    ///   - task: The task's name.
    ///   - classes: The class names: the first `modelClasses` are those the
    ///     predictions index; any after them occur only among the labels.
    ///   - modelClasses: How many of `classes` the model predicts.
    ///   - truth: Each row's true class (an index into `classes`), or −1 when unknown.
    ///   - predicted: Each row's predicted class (below `modelClasses`).
    ///   - probabilities: Row-major, `modelClasses` per row.
    ///   - weights: Each row's weight.
    /// - Complexity: O(rows + classes²).
    public init(
        task: String, classes: [String], modelClasses: Int, truth: [Int], predicted: [Int], probabilities: [Double],
        weights: [Double]
    ) {
        precondition(truth.count == predicted.count && truth.count == weights.count, "one entry per row")
        precondition(probabilities.count == truth.count * modelClasses, "modelClasses probabilities per row")
        let k = classes.count
        var confusion = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var rows = 0
        var weight = 0.0
        var loss = 0.0
        for row in truth.indices where truth[row] >= 0 {
            let w = weights[row]
            confusion[truth[row]][predicted[row]] += w
            rows += 1
            weight += w
            let p = truth[row] < modelClasses ? probabilities[row * modelClasses + truth[row]] : 0
            loss -= w * Foundation.log(min(max(p, Self.probabilityFloor), 1 - Self.probabilityFloor))
        }
        self.task = task
        self.classes = classes
        self.confusion = confusion
        labelledRows = rows
        labelledWeight = weight
        let right = (0 ..< k).reduce(0.0) { $0 + confusion[$1][$1] }
        let truthWeight = confusion.map { $0.reduce(0, +) }
        let predictedWeight = (0 ..< k).map { c in confusion.reduce(0.0) { $0 + $1[c] } }
        var recalls: [Double] = []
        var f1s: [Double] = []
        for c in 0 ..< k {
            if truthWeight[c] > 0 { recalls.append(confusion[c][c] / truthWeight[c]) }
            if truthWeight[c] > 0 || predictedWeight[c] > 0 {
                let tp = confusion[c][c]
                let denominator = truthWeight[c] + predictedWeight[c]  // 2·TP + FP + FN
                f1s.append(denominator > 0 ? 2 * tp / denominator : 0)
            }
        }
        accuracy = weight > 0 ? right / weight : .nan
        balancedAccuracy = recalls.isEmpty ? .nan : recalls.reduce(0, +) / Double(recalls.count)
        macroF1 = f1s.isEmpty ? .nan : f1s.reduce(0, +) / Double(f1s.count)
        logLoss = weight > 0 ? loss / weight : .nan
    }

    /// The value of `metric`.
    public func value(of metric: Metric) -> Double {
        switch metric {
        case .accuracy: accuracy
        case .balancedAccuracy: balancedAccuracy
        case .macroF1: macroF1
        case .logLoss: logLoss
        }
    }
}

extension Predictions {
    /// Scores every predicted nominal task that `dataset` labels, matched by column name.
    ///
    /// A task the data have no column for, and a numeric task (see
    /// ``numericErrors(against:)``), is left out. The data's class names
    /// are matched to the model's by text; a class the model never saw is
    /// added after the model's classes (it is always predicted wrong).
    ///
    /// - Parameter dataset: The rows predicted, in the same order, with their
    ///   labels in nominal columns named after the tasks (any role).
    /// - Returns: One score per nominal task the data label, in the predictions' task order.
    /// - Throws: ``MTLError`` (`.badData`) if the row counts differ, or if a
    ///   nominal task's column holds numbers (read it as nominal).
    /// - Complexity: O(rows × tasks + classes²) per task.
    public func scores(against dataset: Dataset) throws(MTLError) -> [TaskScore] {
        var scores: [TaskScore] = []
        for (t, task) in tasks.enumerated() where !isNumeric(task: t) {
            guard let column = dataset[task] else { continue }
            scores.append(try score(task: t, labels: column, weights: dataset.weights))
        }
        return scores
    }

    /// The value of `metric` for each of `tasks` (by name) on `dataset`'s
    /// labels: NaN for a numeric task.
    ///
    /// - Throws: ``MTLError`` (`.badData`) if a name is not a predicted task,
    ///   the data have no column for it, or as ``scores(against:)``.
    /// - Complexity: O(rows + classes²) per task.
    public func values(of metric: Metric, against dataset: Dataset, tasks names: [String]) throws(MTLError) -> [Double] {
        var values: [Double] = []
        for name in names {
            guard let t = tasks.firstIndex(of: name) else { throw MTLError(.badData, "no task '\(name)' was predicted") }
            if isNumeric(task: t) {
                values.append(.nan)
                continue
            }
            guard let column = dataset[name] else { throw MTLError(.badData, "'\(dataset.name)' has no column '\(name)' to score") }
            values.append(try score(task: t, labels: column, weights: dataset.weights).value(of: metric))
        }
        return values
    }

    /// Nominal task `t`'s predictions scored against `labels`.
    func score(task t: Int, labels column: Column, weights: [Double]) throws(MTLError) -> TaskScore {
        let task = tasks[t]
        guard labels[t].count == column.count else {
            throw MTLError(.badData, "\(labels[t].count) predictions for \(column.count) rows")
        }
        guard let labelled = column.nominal else {
            throw MTLError(.badData, "the labels of task '\(task)' were read as numbers; read the column as nominal to match them to the model's classes")
        }
        var names = classes[t]
        var index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let codeToClass = labelled.values.map { value -> Int in
            if let c = index[value] { return c }
            names.append(value)
            index[value] = names.count - 1
            return names.count - 1
        }
        let truth = labelled.codes.map { $0 < 0 ? -1 : codeToClass[Int($0)] }
        return TaskScore(
            task: task, classes: names, modelClasses: classes[t].count, truth: truth, predicted: labels[t],
            probabilities: probabilities[t], weights: weights)
    }
}
