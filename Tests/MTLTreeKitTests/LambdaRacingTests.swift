import Foundation
import Testing
@testable import MTLTreeKit

/// Racing the shared grid (``LambdaTuner/racingMargin``), checked against the
/// exact tuning on the same folds: racing only leaves out work, so every
/// error it measures is the exact one, and what it drops follows from the
/// exact errors of the first folds.
struct LambdaRacingTests {
    static let tuner = LambdaTuner(resampling: .crossValidation(folds: 5, repeats: 1), seed: 2, pruning: .default)

    static func mean(_ values: ArraySlice<Double>) -> Double { values.reduce(0, +) / Double(values.count) }

    /// The data every race below runs on, and its exact tuning (no racing):
    /// computed once, shared by the tests that compare a race with it.
    static let exact: Result<(dataset: Dataset, tuning: LambdaTuning), any Error> = Result {
        let dataset = try TestData.random(seed: 7, rows: 300)
        return (dataset, try tuner.tune(dataset))
    }

    @Test func theCheckpointIsTheFirstFortyPercentOfTheFoldsAtLeastTwo() {
        #expect(LambdaTuner.racingCheckpoint(folds: 2) == 2)
        #expect(LambdaTuner.racingCheckpoint(folds: 3) == 2)
        #expect(LambdaTuner.racingCheckpoint(folds: 5) == 2)
        #expect(LambdaTuner.racingCheckpoint(folds: 10) == 4)
        #expect(LambdaTuner.racingCheckpoint(folds: 30) == 12)
    }

    @Test(arguments: [0.0, 0.01, 0.03])
    func racingDropsWhatTheFirstFoldsRuleOutAndMeasuresTheRestExactly(margin: Double) throws {
        let (dataset, exact) = try Self.exact.get()
        var racer = Self.tuner
        racer.racingMargin = margin
        let raced = try racer.tune(dataset)

        // From the exact errors: each λ's mean over the first 2 folds against the lowest.
        let early = exact.shared.map { Self.mean($0.errors[..<2]) }
        let lowest = early.min()!
        let kept = exact.shared.indices.filter { early[$0] <= lowest + margin }
        let dropped = exact.shared.indices.filter { early[$0] > lowest + margin }.map { exact.shared[$0].lambda }
        if margin == 0 { #expect(!dropped.isEmpty) }  // the data separate the λ early
        #expect(raced.racing == LambdaTuning.Racing(margin: margin, checkpoint: 2, dropped: dropped))
        for i in exact.shared.indices {
            let expected = kept.contains(i) ? exact.shared[i].errors : Array(exact.shared[i].errors[..<2])
            #expect(raced.shared[i].errors == expected)
        }
        // The rule chooses among the λ still in the race, on all their folds.
        let (low, chosen) = Self.tuner.rule.select(kept.map { exact.shared[$0].errors })
        #expect(raced.bestShared == exact.shared[kept[chosen]].lambda)
        #expect(raced.lowestErrorShared == exact.shared[kept[low]].lambda)
        #expect(dropped.isEmpty || raced.reason.contains("raced: λ = "))
    }

    @Test func aWideMarginDropsNothingAndChoosesAsExactDoes() throws {
        let (dataset, exact) = try Self.exact.get()
        var racer = Self.tuner
        racer.racingMargin = 1
        var raced = try racer.tune(dataset)
        #expect(raced.racing?.dropped == [])
        raced.racing = nil
        #expect(raced == exact)
    }

    @Test func progressCountsEveryFoldPassOnce() throws {
        final class Calls: @unchecked Sendable {
            var values: [(Int, Int)] = []
            let lock = NSLock()
            func add(_ a: Int, _ b: Int) { lock.withLock { values.append((a, b)) } }
        }
        let calls = Calls()
        var racer = Self.tuner
        racer.racingMargin = 0
        _ = try racer.tune(TestData.random(seed: 7, rows: 300)) { calls.add($0, $1) }
        #expect(calls.values.map(\.1).allSatisfy { $0 == 5 })
        #expect(calls.values.map(\.0) == [0, 1, 2, 3, 4, 5, 5])
    }

    @Test(arguments: [-0.1, Double.nan, Double.infinity])
    func aBadMarginIsAUsageError(margin: Double) throws {
        var racer = Self.tuner
        racer.racingMargin = margin
        let error = #expect(throws: MTLError.self) { try racer.tune(TestData.random(seed: 7, rows: 300)) }
        #expect(error?.kind == .usage)
        #expect(error?.message.contains("racing margin") == true)
    }
}
