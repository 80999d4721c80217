import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

/// How `train` chooses λ: `--lambda auto`, its `--grid`, `--folds`, `--rule`
/// and `--per-task`, the default on small data, and the progress it shows.
struct TrainLambdaTests {
    static let bridges = [CLI.fixture("data/bridges.arff"), "--tasks", "T-OR-D,MATERIAL,SPAN,REL-L,TYPE", "--ignore", "IDENTIF"]

    /// The tune command's figures for the same grid, folds and seed.
    static func tuning(_ arguments: [String]) throws -> LambdaTuning {
        var options = ReadOptions()
        options.roles = RoleOptions(tasks: ["T-OR-D", "MATERIAL", "SPAN", "REL-L", "TYPE"], main: "TYPE", ignore: ["IDENTIF"])
        let dataset = try Dataset.loadForLearning(path: CLI.fixture("data/bridges.arff"), options: options)
        var tuner = LambdaTuner(resampling: .crossValidation(folds: 3, repeats: 1), pruning: .default)
        var parsed = Arguments(arguments)
        tuner.grid = try parsed.lambdaGrid("--grid")!
        return try tuner.tune(dataset)
    }

    @Test func autoTakesTheGridAndFoldsAndSaysWhenTheChoiceIsAtTheEdge() throws {
        let folder = try CLI.temporaryFolder()
        let model = folder + "/m.json"
        let result = CLI.run(["train"] + Self.bridges + ["--main", "TYPE", "--lambda", "auto", "--grid", "0,4", "--folds", "3", "-o", model])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try Self.tuning(["--grid", "0,4"])
        #expect(expected.bestShared == 4)
        #expect(result.stdout.hasPrefix("""
            λ = 4 for the extra tasks of TYPE, chosen by 3-fold stratified cross-validation
              over λ = 0, 4 (rule one-se):
              \(expected.reason)
              λ = 4, the largest tried: consider a wider grid

            """))
        #expect(try TreeModel.read(path: model).trees[0].lambdas == [1, 4, 4, 4, 4])
    }

    @Test func byDefaultTrainChoosesLambdaOnSmallDataAndSaysWhyInOneLine() throws {
        let folder = try CLI.temporaryFolder()
        let result = CLI.run(["train"] + Self.bridges + ["--main", "MATERIAL", "-o", folder + "/m.json"])
        #expect(result.status == 0, "\(result.stderr)")
        // The library's tuner with train's defaults: the default grid, folds, rule and pruning, seed 1.
        var options = ReadOptions()
        options.roles = RoleOptions(tasks: ["T-OR-D", "MATERIAL", "SPAN", "REL-L", "TYPE"], main: "MATERIAL", ignore: ["IDENTIF"])
        let dataset = try Dataset.loadForLearning(path: CLI.fixture("data/bridges.arff"), options: options)
        let expected = try LambdaTuner(
            resampling: .crossValidation(folds: TrainCommand.defaultFolds, repeats: 1), pruning: .default).tune(dataset)
        #expect(result.stdout.hasPrefix("""
            λ chosen by \(TrainCommand.defaultFolds)-fold stratified cross-validation, train's default on data this small \
            (--lambda L fixes it): \(expected.reason)\(expected.edgeNote.map { "; " + $0 } ?? "")
            trained on bridges
            """), "\(result.stdout)")
        let lambda = expected.bestShared
        #expect(try TreeModel.read(path: folder + "/m.json").trees[0].lambdas == [1, lambda, lambda, lambda, lambda])
        // A fixed λ is kept as given, and nothing is said about choosing it.
        let fixed = CLI.run(["train"] + Self.bridges + ["--main", "MATERIAL", "--lambda", "1", "-o", folder + "/f.json"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stdout.hasPrefix("trained on bridges"))
        #expect(try TreeModel.read(path: folder + "/f.json").trees[0].lambdas == [1, 1, 1, 1, 1])
    }

    @Test func raceDropsTheLambdasTheLibrarysRaceDropsAndSaysSo() throws {
        let folder = try CLI.temporaryFolder()
        let result = CLI.run(["train"] + Self.bridges + ["--main", "TYPE", "--race", "0", "--folds", "3", "-o", folder + "/m.json"])
        #expect(result.status == 0, "\(result.stderr)")
        var options = ReadOptions()
        options.roles = RoleOptions(tasks: ["T-OR-D", "MATERIAL", "SPAN", "REL-L", "TYPE"], main: "TYPE", ignore: ["IDENTIF"])
        let dataset = try Dataset.loadForLearning(path: CLI.fixture("data/bridges.arff"), options: options)
        var tuner = LambdaTuner(resampling: .crossValidation(folds: 3, repeats: 1), pruning: .default)
        tuner.racingMargin = 0
        let expected = try tuner.tune(dataset)
        let racing = try #require(expected.racing)
        #expect(!racing.dropped.isEmpty)
        #expect(result.stdout.contains(
            "(rule one-se; raced, an approximation: λ more than 0 above the lowest error after 2 folds dropped):\n  \(expected.reason)\n"),
            "\(result.stdout)")
        let lambda = expected.bestShared
        #expect(try TreeModel.read(path: folder + "/m.json").trees[0].lambdas == [1, lambda, lambda, lambda, lambda])
    }

    @Test func byDefaultTooFewRowsKeepLambdaOneAndSaySo() throws {
        let folder = try CLI.temporaryFolder()
        // 40 rows: fewer than 10 per fold of train's cross-validation.
        let rows = (0 ..< 40).map { "\($0 % 7),\($0 % 3 == 0 ? "yes" : "no"),\($0 % 2 == 0 ? "a" : "b")" }
        try (["x,t,u"] + rows).joined(separator: "\n").write(toFile: folder + "/small.csv", atomically: true, encoding: .utf8)
        let result = CLI.run(["train", folder + "/small.csv", "--tasks", "t,u", "--main", "t", "-o", folder + "/m.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("""
            λ = 1 for the extra tasks: train's default on data this small (40 rows, under 10 per fold); \
            --lambda auto chooses it by cross-validation

            """), "\(result.stdout)")
        #expect(try TreeModel.read(path: folder + "/m.json").trees[0].lambdas == [1, 1])
    }

    @Test func onlyDataSmallEnoughAreTunedByDefault() {
        #expect(LambdaTuner.isCheap(rows: 2000, inputs: 8, tasks: 4, folds: 10))  // the calendar log
        #expect(LambdaTuner.isCheap(rows: 107, inputs: 7, tasks: 5, folds: 10))  // bridges
        #expect(LambdaTuner.isCheap(rows: 100, inputs: 1, tasks: 2, folds: 10))  // 10 rows per fold
        #expect(!LambdaTuner.isCheap(rows: 99, inputs: 1, tasks: 2, folds: 10))  // fewer
        #expect(LambdaTuner.isCheap(rows: LambdaTuner.cheapWork / 20, inputs: 10, tasks: 2, folds: 10))
        #expect(!LambdaTuner.isCheap(rows: LambdaTuner.cheapWork / 20 + 1, inputs: 10, tasks: 2, folds: 10))
        #expect(!LambdaTuner.isCheap(rows: 2400, inputs: 100, tasks: 14, folds: 10))  // wide, many tasks
        #expect(!LambdaTuner.isCheap(rows: Int.max, inputs: Int.max, tasks: 2, folds: 10))
    }

    @Test(arguments: [
        (["--main", "TYPE", "--lambda", "0.5", "--grid", "0,1"], "--grid is for choosing λ by cross-validation, not with a fixed --lambda"),
        (["--folds", "3"], "--folds is for choosing λ against a main task: name it with --main"),
        (["--main", "TYPE", "--rule", "best"], "--rule takes one-se, lowest-error or K-se"),
        (["--main", "TYPE", "--lambda", "auto", "--folds", "1"], "--folds takes a whole number from 2"),
        (["--main", "TYPE", "--race", "fast"], "--race takes an error rate ≥ 0 (as 0.02) or off, not 'fast'"),
        (["--main", "TYPE", "--lambda", "1", "--race", "off"], "--race is for choosing λ by cross-validation, not with a fixed --lambda"),
    ])
    func tuningOptionsAreCheckedBeforeTheWork(extra: [String], message: String) {
        let result = CLI.run(["train"] + Self.bridges + extra + ["-o", "/nonexistent-folder/m.json"])
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func progressShowsAtOnceAndStopsWhenFinished() throws {
        let (captured, output) = Console.capturing()
        var console = captured
        console.stderrIsTerminal = true
        let meter = try #require(ProgressMeter.make(console: console, quiet: false, label: "train: choosing λ", unit: "fold passes"))
        #expect(output.stderr.hasSuffix("train: choosing λ: 0/? fold passes, < 1 s so far"))
        meter.update(0, 70)
        meter.finish()
        #expect(output.stderr.hasSuffix("\r\u{1B}[2K"))
        #expect(ProgressMeter.make(console: console, quiet: true, label: "x", unit: "y") == nil)
    }
}
