import Foundation
import Testing
@testable import MTLTreeKit

struct LambdaTunerTests {
    /// The main task is x1 XOR x2, on rows balanced over the four input pairs,
    /// so neither input alone has any gain for it and STL stays a leaf
    /// (error 0.5). The extra task `hint` is x1: with any λ > 0 the tree
    /// splits on x1, then on x2, and makes no error. `constant` has one class
    /// and never gains anything. Learned from the first `copies` × 4 rows and
    /// tested on the next `copies` × 4 (chronological split).
    /// With `twin`, a second extra task `twin` copies `hint`.
    static func xor(copies: Int = 6, twin: Bool = false) throws -> Dataset {
        var x1: [String?] = [], x2: [String?] = [], main: [String?] = [], hint: [String?] = []
        for _ in 0 ..< 2 * copies {
            for (a, b) in [("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")] {
                x1.append(a)
                x2.append(b)
                main.append(a == b ? "same" : "differ")
                hint.append(a == "a" ? "left" : "right")
            }
        }
        return try TestData.dataset(
            [
                TestData.input("x1", x1), TestData.input("x2", x2), TestData.task("main", main),
                TestData.task("hint", hint),
            ] + (twin ? [TestData.task("twin", hint)] : []) + [TestData.task("constant", main.map { _ in "k" })], main: "main")
    }

    static let halves = Resampling.chronological(trainingFraction: 0.5)

    @Test func picksTheLambdaWithTheLowestErrorTiesToTheSmaller() throws {
        let tuning = try LambdaTuner(resampling: Self.halves, pruning: nil).tune(Self.xor())
        #expect(tuning.shared.map(\.lambda) == LambdaTuner.defaultGrid)
        #expect(tuning.shared[0].errors == [0.5])
        for candidate in tuning.shared.dropFirst() { #expect(candidate.errors == [0]) }
        // Every λ > 0 is perfect; the smallest wins the tie.
        #expect(tuning.bestShared == 0.125)
        #expect(tuning.specification == LambdaSpecification(shared: 0.125))
        #expect(tuning.perTask == nil)
    }

    @Test func gridIsSortedAndDeduplicated() throws {
        let tuning = try LambdaTuner(grid: [2, 0, 0.5, 2], resampling: Self.halves, pruning: nil).tune(Self.xor())
        #expect(tuning.shared.map(\.lambda) == [0, 0.5, 2])
        #expect(tuning.bestShared == 0.5)
    }

    @Test func stlWinsWhenNoLambdaHelps() throws {
        // Without `hint`, no extra task helps: every λ ties and λ = 0 wins.
        var dataset = try Self.xor()
        let hint = dataset.columnIndex(named: "hint")!
        var column = dataset.columns[hint]
        column.role = .ignored
        try dataset.replaceColumn(at: hint, with: column)
        let tuning = try LambdaTuner(resampling: Self.halves, pruning: nil).tune(dataset)
        #expect(tuning.bestShared == 0)
        #expect(tuning.shared.allSatisfy { $0.errors == [0.5] })
    }

    @Test func perTaskSearchKeepsTheTaskThatHelps() throws {
        let tuning = try LambdaTuner(perTask: true, resampling: Self.halves, pruning: nil).tune(Self.xor())
        #expect(tuning.extraTasks == ["hint", "constant"])
        // hint: 0 would make the main task fail, so it keeps 0.125; constant never matters, so 0.
        #expect(tuning.perTask == [0.125, 0])
        #expect(tuning.perTaskErrors == [0])
        #expect(tuning.rounds == 2)
        #expect(tuning.specification == LambdaSpecification(shared: 0.125, perTask: ["hint": 0.125, "constant": 0]))
        #expect(tuning.text.contains("hint"))
    }

    @Test func oneRoundOfCoordinateSearch() throws {
        // Round 1 from the best shared λ, 0.125: `hint` keeps 0.125 (0 would
        // fail the main task), `constant` drops to 0. A second round would
        // change nothing, but only one is allowed.
        var tuner = LambdaTuner(perTask: true, resampling: Self.halves, pruning: nil)
        tuner.maxRounds = 1
        let tuning = try tuner.tune(Self.xor())
        #expect(tuning.rounds == 1)
        #expect(tuning.perTask == [0.125, 0])
    }

    @Test func coordinateSearchStartsFromTheBestSharedLambda() throws {
        // `hint` and `twin` carry the same labels, and either one alone lets
        // the tree find the XOR. From the chosen shared λ, 0.125 for all three
        // extra tasks, round 1 tries each task's moves with the others held:
        // each of the three may drop to 0 (error still 0; ties go to the
        // smaller λ). All three at once fail (error 0.5), so the first
        // of the equally good single moves is kept: `hint` to 0. In round 2
        // `twin` cannot drop (error 0.5 at 0) and `constant` drops to 0. The
        // search stops after its 2 rounds.
        // (From λ = 0 everywhere, `hint` would have risen to 0.125 and `twin`
        // stayed at 0.)
        let tuning = try LambdaTuner(perTask: true, resampling: Self.halves, pruning: nil).tune(Self.xor(twin: true))
        #expect(tuning.extraTasks == ["hint", "twin", "constant"])
        #expect(tuning.bestShared == 0.125)
        #expect(tuning.perTask == [0, 0.125, 0])
        #expect(tuning.perTaskErrors == [0])
        #expect(tuning.rounds == 2)
    }

    @Test func eachTaskTriesAtMostThreeOtherValuesPerRound() {
        let grid = LambdaTuner.defaultGrid
        #expect(LambdaTuner.moves(of: 0, in: grid) == [0, 0.125])
        #expect(LambdaTuner.moves(of: 0.125, in: grid) == [0, 0.125, 0.25])
        #expect(LambdaTuner.moves(of: 1, in: grid) == [0, 0.5, 1, 2])
        #expect(LambdaTuner.moves(of: 4, in: grid) == [0, 2, 4])
        // 14 tasks: 13 extra tasks, each with at most 3 moves, plus their combination, in each of 2 rounds.
        #expect(LambdaTuner(perTask: true).maximumTreesPerFold(extraTasks: 13) == 7 + 2 * (3 * 13 + 1))
        #expect(LambdaTuner().maximumTreesPerFold(extraTasks: 13) == 7)
    }

    @Test func theRuleChoosesAmongTheMeasuredErrors() throws {
        let dataset = try TestData.random(seed: 7, rows: 300, tasks: 4)
        let resampling = Resampling.crossValidation(folds: 5, repeats: 1)
        let lowest = try LambdaTuner(resampling: resampling, pruning: .default, rule: .lowestError).tune(dataset)
        let oneSE = try LambdaTuner(resampling: resampling, pruning: .default).tune(dataset)
        #expect(oneSE.shared == lowest.shared)  // the same folds, the same errors
        let means = lowest.shared.map(\.error.mean)
        let expected = lowest.shared[means.firstIndex(of: means.min()!)!].lambda
        #expect(lowest.bestShared == expected && lowest.lowestErrorShared == expected)
        #expect(oneSE.lowestErrorShared == expected)
        #expect(oneSE.bestShared == LambdaTuner.defaultGrid[
            LambdaSelectionRule.oneStandardError.select(oneSE.shared.map(\.errors)).chosen])
        #expect(oneSE.rule == .oneStandardError && oneSE.json.serialized().contains("\"one-se\""))
    }

    @Test func aChoiceAtTheTopOfTheGridIsFlagged() throws {
        // Every λ > 0 is perfect on the XOR; with the grid 0, 1 the choice is 1, the largest tried.
        let top = try LambdaTuner(grid: [0, 1], resampling: Self.halves, pruning: nil).tune(Self.xor())
        #expect(top.bestShared == 1)
        #expect(top.edgeNote == "λ = 1, the largest tried: consider a wider grid")
        #expect(top.text.contains("the largest tried"))
        let bottom = try LambdaTuner(grid: [0.5, 1], resampling: Self.halves, pruning: nil).tune(Self.xor())
        #expect(bottom.edgeNote == "λ = 0.5, the smallest tried: consider a grid with smaller values, or 0")
        let inside = try LambdaTuner(grid: [0, 1, 2], resampling: Self.halves, pruning: nil).tune(Self.xor())
        #expect(inside.edgeNote == nil)
        #expect(inside.reason == "λ = 1 had the lowest cross-validated error, 0.0000 (STL, λ = 0: 0.5000)")
    }

    @Test func tuneLambdaGivesTheSpecificationToTrainWith() throws {
        let dataset = try TestData.random(seed: 12, rows: 200, tasks: 3)
        let shared = try TreeInducer().tuneLambda(dataset, grid: [0, 0.5, 2], folds: 4, seed: 3)
        let tuner = LambdaTuner(grid: [0, 0.5, 2], resampling: .crossValidation(folds: 4, repeats: 1), seed: 3, pruning: .default)
        #expect(shared == (try tuner.tune(dataset)).specification)
        #expect(shared.perTask.isEmpty)
        let perTask = try TreeInducer().tuneLambda(dataset, grid: [0, 0.5, 2], perTask: true, folds: 4, seed: 3)
        #expect(Set(perTask.perTask.keys) == ["task1", "task2"])
    }

    @Test func errorsMatchTreesGrownOnTheSameFolds() throws {
        let dataset = try TestData.random(seed: 3, rows: 240)
        let tuner = LambdaTuner(grid: [0, 1], resampling: .crossValidation(folds: 3, repeats: 1), seed: 5, pruning: .default)
        let tuning = try tuner.tune(dataset)
        let splits = try tuner.resampling.splits(labels: dataset.columns[dataset.mainTask!].nominal!.codes, seed: 5)
        for (i, lambda) in [0.0, 1].enumerated() {
            var configuration = InductionConfiguration()
            configuration.lambda = LambdaSpecification(shared: lambda)
            let expected = try splits.map { split in
                try TreeInducer(configuration: configuration).fit(dataset.subset(rows: split.training)).pruned(.default)
                    .mainTaskError(on: dataset.subset(rows: split.test))
            }
            #expect(tuning.shared[i].errors == expected)
        }
    }

    @Test func progressReachesTheTotal() throws {
        let calls = Recorder()
        _ = try LambdaTuner(grid: [0, 1], resampling: .crossValidation(folds: 3, repeats: 1), pruning: nil)
            .tune(TestData.random(seed: 1, rows: 90)) { calls.add($0, $1) }
        #expect(calls.values.first! == (0, 3))
        #expect(calls.values[1] == (1, 3))
        #expect(calls.values.last! == (3, 3))
    }

    @Test(arguments: [
        ([Double](), "grid is empty"),
        ([0, -1], "≥ 0"),
        ([0, .infinity], "≥ 0"),
    ])
    func badGridsAreUsageErrors(grid: [Double], message: String) throws {
        let error = #expect(throws: MTLError.self) { try LambdaTuner(grid: grid).tune(Self.xor()) }
        #expect(error?.kind == .usage)
        #expect(error?.message.contains(message) == true)
    }

    @Test func coordinateSearchNeedsARound() throws {
        var tuner = LambdaTuner(perTask: true, resampling: Self.halves, pruning: nil)
        tuner.maxRounds = 0
        let error = #expect(throws: MTLError.self) { try tuner.tune(Self.xor()) }
        #expect(error?.kind == .usage)
        #expect(error?.message.contains("at least 1 round") == true)
    }

    @Test func tuningNeedsAMainTaskAndAnExtraTask() throws {
        let noMain = try Self.xor().withMainTask(nil)
        #expect(throws: MTLError.self) { try LambdaTuner().tune(noMain) }
        let alone = try TestData.dataset([TestData.input("x", ["a", "b"]), TestData.task("y", ["p", "q"])], main: "y")
        let error = #expect(throws: MTLError.self) { try LambdaTuner().tune(alone) }
        #expect(error?.message.contains("only task") == true)
    }
}

/// Collects progress calls.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [(Int, Int)] = []
    var values: [(Int, Int)] { lock.withLock { calls } }
    func add(_ a: Int, _ b: Int) { lock.withLock { calls.append((a, b)) } }
}
