import Foundation
import Testing
@testable import MTLTreeKit

/// `TaskScore` against scikit-learn's metrics on the same rows
/// (Tests/Reference/reference_metrics.py, scikit-learn 1.9.1; values pasted).
struct MetricsTests {
    static let truth = ["a", "a", "b", "c", nil, "b", "a", "d", "c", "b"]
    static let predicted = ["a", "b", "b", "c", "a", "a", "a", "c", "b", "b"]
    static let weights = [1.0, 2.0, 1.0, 0.5, 1.0, 1.5, 1.0, 1.0, 2.0, 1.0]
    static let probabilities: [[Double]] = [
        [0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.7, 0.2, 0.1],
        [0.5, 0.4, 0.1], [0.9, 0.05, 0.05], [0.3, 0.3, 0.4], [0.25, 0.5, 0.25], [0.3, 0.4, 0.3],
    ]

    static func score() -> TaskScore {
        let classes = ["a", "b", "c", "d"]
        return TaskScore(
            task: "t", classes: classes, modelClasses: 3, truth: truth.map { $0.map { classes.firstIndex(of: $0)! } ?? -1 },
            predicted: predicted.map { classes.firstIndex(of: $0)! }, probabilities: probabilities.flatMap { $0 }, weights: weights)
    }

    @Test func weightedScoresAreScikitLearns() {
        let score = Self.score()
        #expect(score.labelledRows == 9)
        #expect(score.labelledWeight == 11)
        #expect(abs(score.accuracy - 0.4090909090909091) < 1e-12)
        #expect(abs(score.balancedAccuracy - 0.31785714285714284) < 1e-12)
        #expect(abs(score.macroF1 - 0.30109649122807014) < 1e-12)
        #expect(abs(score.logLoss - 4.129144297139231) < 1e-9)
        #expect(score.confusion == [[2, 2, 0, 0], [1.5, 2, 0, 0], [0, 2, 0.5, 0], [0, 0, 1, 0]])
        #expect(Metric.allCases.map { score.value(of: $0) } == [score.accuracy, score.balancedAccuracy, score.macroF1, score.logLoss])
    }

    /// The majority class alone: accuracy is its share, balanced accuracy 1 / classes.
    @Test func theMajorityClassScoresItsShareButNotInBalance() {
        let score = TaskScore(
            task: "t", classes: ["x", "y"], modelClasses: 2, truth: [0, 0, 0, 1], predicted: [0, 0, 0, 0],
            probabilities: [Double](repeating: 0.5, count: 8), weights: [1, 1, 1, 1])
        #expect(score.accuracy == 0.75)
        #expect(score.balancedAccuracy == 0.5)
        // F1 of x: 2·3 / (2·3 + 1) = 6/7; of y: 0.
        #expect(abs(score.macroF1 - 3.0 / 7) < 1e-15)
        #expect(abs(score.logLoss - log(2)) < 1e-15)
        #expect(Metric.logLoss.higherIsBetter == false && Metric.macroF1.higherIsBetter)
    }

    /// RMSE, MAE and R² against scikit-learn's (reference_metrics.py, the numeric case).
    @Test func numericScoresAreScikitLearns() {
        let score = NumericTaskScore(
            task: "y", truth: [3, -0.5, 2, .nan, 7, 4.25], predicted: [2.5, 0, 2, 1, 8, 3], weights: [1, 2, 0.5, 1, 1.5, 1])
        #expect(score.labelledRows == 5 && score.labelledWeight == 6)
        #expect(abs(score.rmse - 0.7971302695712079) < 1e-12)
        #expect(abs(score.mae - 0.7083333333333334) < 1e-12)
        #expect(abs(score.r2 - 0.9245827323305171) < 1e-12)
        // All true values equal: R² is undefined.
        #expect(NumericTaskScore(task: "y", truth: [1, 1], predicted: [1, 2], weights: [1, 1]).r2.isNaN)
    }

    /// The error each metric gives a tuner to minimise, and its name.
    @Test func errorsAreOneMinusTheValueOrTheLoss() {
        #expect(Metric.accuracy.error(fromValue: 0.75) == 0.25)
        #expect(Metric.macroF1.error(fromValue: 0.5) == 0.5)
        #expect(Metric.logLoss.error(fromValue: 0.7) == 0.7)
        #expect(Metric.balancedAccuracy.errorTitle == "1 − balanced accuracy" && Metric.logLoss.errorTitle == "log-loss")
    }

    @Test func predictionsAreScoredAgainstTheDataByClassName() throws {
        // The data's classes in another order, and one the model never saw.
        let data = try TestData.dataset([
            TestData.input("x", ["1", "2", "3", "4"]), TestData.task("t", ["no", "yes", "maybe", nil]),
        ])
        let predictions = Predictions(
            tasks: ["t", "u"], classes: [["yes", "no"], ["p"]], labels: [[1, 0, 0, 1], [0, 0, 0, 0]],
            probabilities: [[0.25, 0.75, 0.6, 0.4, 0.5, 0.5, 0.1, 0.9], [1, 1, 1, 1]])
        let scores = try predictions.scores(against: data)
        #expect(scores.map(\.task) == ["t"])
        #expect(scores[0].classes == ["yes", "no", "maybe"])
        #expect(scores[0].confusion == [[1, 0, 0], [0, 1, 0], [1, 0, 0]])
        let losses: [Double] = [-log(0.75), -log(0.6), -log(Double.ulpOfOne)]  // "maybe": never predicted, floored
        #expect(abs(scores[0].logLoss - losses.reduce(0, +) / 3) < 1e-12)
        // A task the data do not label is left out (the command line says when none is labelled).
        #expect(try Predictions(tasks: ["z"], classes: [["a"]], labels: [[0, 0, 0, 0]], probabilities: [[1, 1, 1, 1]]).scores(against: data).isEmpty)
        #expect(throws: MTLError.self) { try Predictions(tasks: ["t"], classes: [["yes"]], labels: [[0, 0]], probabilities: [[1, 1]]).scores(against: data) }
    }
}
