import Testing
@testable import MTLTreeKit

/// `evaluate --forest` on a numeric main task: the forests' RMSE, MAE, R²
/// and relative RMSE per split, as the trees have them; and the header does
/// not call the folds of a numeric main task stratified.
struct ForestNumericEvaluationTests {
    /// 20 rows in time order: the first 14 learn y = 10 where x = a and 20
    /// where x = b; the last 6 are tested with y = 12 (a) and 18 (b). Every
    /// tree splits on x into pure leaves, so every forest predicts 10 and 20.
    static func data() throws -> Dataset {
        let x: [String?] = (0 ..< 20).map { $0 % 2 == 0 ? "a" : "b" }
        let y: [Double?] = (0 ..< 20).map { r in r < 14 ? (r % 2 == 0 ? 10 : 20) : (r % 2 == 0 ? 12 : 18) }
        let t: [String?] = x.map { $0 == "a" ? "p" : "q" }
        return try TestData.dataset([TestData.input("x", x), TestData.numericTask("y", y), TestData.task("t", t)], main: "y")
    }

    @Test func forestsAreMeasuredByTheirErrors() throws {
        var evaluator = Evaluator(resampling: .chronological(trainingFraction: 0.7), pruning: nil)
        evaluator.forest = ForestConfiguration(treeCount: 3, seed: 1)
        let report = try evaluator.evaluate(try Self.data())
        // By hand, on the 6 test rows: errors 2 (3 rows of a) and −2 (3 of b):
        // SSE 24, RMSE √(24/6) = 2, MAE 2; the test mean is 15, Σ (y − 15)² = 54,
        // R² = 1 − 24/54 = 5/9; the training mean is 15, so rel. RMSE = √(24/54) = 2/3.
        for id in ["stl-forest", "mtl-forest", "mtl-forest-oob", "all-equal-forest", "stl", "mtl"] {
            let result = try #require(report.result(id), "\(id)")
            let errors = try #require(result.errors[0], "\(id)")
            #expect(errors.count == 6)
            #expect(abs(errors.rmse - 2) < 1e-12, "\(id)")
            #expect(abs(errors.mae - 2) < 1e-12, "\(id)")
            #expect(abs(errors.r2 - 5.0 / 9) < 1e-12, "\(id)")
            #expect(abs(errors.relativeRMSE - 2.0 / 3) < 1e-12, "\(id)")
            #expect(result.scores[0].count == 1 && abs(result.scores[0][0] - 5.0 / 9) < 1e-12, "\(id)")
        }
        // The majority (the training mean, 15): SSE 54, RMSE 3, R² 0.
        let majority = try #require(report.result("majority")?.errors[0])
        #expect(abs(majority.rmse - 3) < 1e-12 && abs(majority.r2) < 1e-12)
        let table = report.text.split(separator: "\n").map(String.init)
        let rmse = try #require(table.first { $0.hasPrefix("y *") && $0.contains("RMSE") })
        #expect(!rmse.contains("n/a"), "\(rmse)")
        #expect(rmse.split(separator: " ").filter { $0 == "2" }.count == 7, "\(rmse)")  // all but the majority
    }

    @Test func foldsOfANumericMainTaskAreNotCalledStratified() throws {
        #expect(Resampling.crossValidation(folds: 5, repeats: 2).description(stratified: false) == "5-fold cross-validation × 2 repeats")
        #expect(Resampling.crossValidation(folds: 5, repeats: 1).description == "5-fold stratified cross-validation")
        let numeric = try Evaluator(resampling: .crossValidation(folds: 2, repeats: 1), pruning: nil).evaluate(try Self.data())
        #expect(numeric.text.contains("\n2-fold cross-validation, seed 1: 2 splits;"), "\(numeric.text)")
        #expect(numeric.json["resampling"]?["stratified"] == .bool(false))
        var tuner = LambdaTuner(grid: [0, 1], resampling: .crossValidation(folds: 2, repeats: 1), pruning: nil)
        tuner.racingMargin = nil
        #expect(try tuner.tune(try Self.data()).text.hasPrefix("λ for main task y on test (20 rows): 2-fold cross-validation, seed 1\n"))
        let nominal = try Evaluator(resampling: .crossValidation(folds: 2, repeats: 1), pruning: nil)
            .evaluate(try Self.data().withMainTask("t"))
        #expect(nominal.text.contains("\n2-fold stratified cross-validation, seed 1: 2 splits;"))
        #expect(nominal.json["resampling"]?["stratified"] == .bool(true))
    }
}
