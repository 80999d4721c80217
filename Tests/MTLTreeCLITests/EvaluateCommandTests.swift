import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

struct EvaluateCommandTests {
    static let bridges = [
        CLI.fixture("data/bridges.arff"), "--tasks", "T-OR-D,MATERIAL,SPAN,REL-L,TYPE", "--main", "MATERIAL", "--ignore", "IDENTIF",
    ]

    static func members(_ value: JSONValue?) -> [String] {
        guard case .object(let members)? = value else { return [] }
        return members.map(\.0)
    }

    @Test func jsonHasTheDocumentedMembers() throws {
        let run = CLI.run(["evaluate"] + Self.bridges + ["--folds", "3", "--shuffle-test", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let json = try JSONValue.parse(Array(run.stdout.utf8))
        #expect(Self.members(json) == [
            "dataset", "rows", "main_task", "tasks", "resampling", "seed", "splits", "metric", "lambda", "pruning", "learners",
            "comparisons",
        ])
        #expect(json["main_task"] == .string("MATERIAL"))
        #expect(json["splits"] == .number(3))
        #expect(Self.members(json["resampling"]) == ["method", "folds", "repeats", "stratified"])
        #expect(json["resampling"]?["stratified"] == .bool(true))
        #expect(json["pruning"] == .object([("confidence", .number(0.25)), ("per_task", .bool(true))]))
        let learners = try #require(json["learners"]?.arrayValue)
        #expect(learners.compactMap { $0["id"]?.stringValue } == [
            "stl", "mtl", "all-equal", "mtl-shuffled", "majority",
            "stl-unpruned", "mtl-unpruned", "all-equal-unpruned", "mtl-shuffled-unpruned",
        ])
        #expect(learners[4]["pruned"] == .bool(false))
        let task = try #require(learners[1]["tasks"]?.arrayValue?.first)
        #expect(Self.members(task) == ["task", "accuracy", "standard_error", "splits", "per_split"])
        #expect(task["per_split"]?.arrayValue?.count == 3)
        #expect(json["metric"] == .string("accuracy"))
        #expect(Self.members(learners[1]) == ["id", "learner", "pruned", "tree_size", "tasks"])
        #expect(Self.members(learners[1]["tree_size"]) == ["nodes", "leaves"])
        #expect(learners[4]["tree_size"] == .null)  // the majority has no tree
        let comparisons = try #require(json["comparisons"]?.arrayValue)
        #expect(comparisons.first?["a"] == .string("mtl") && comparisons.first?["b"] == .string("stl"))
        let compared = try #require(comparisons.first?["tasks"]?.arrayValue?.first)
        #expect(Self.members(compared) == [
            "task", "mean_difference", "t", "degrees_of_freedom", "p_value", "p_value_corrected", "wins", "ties", "losses",
        ])
        // Corrected for the folds' overlap, the p-value can only grow.
        let plain = try #require(compared["p_value"]?.numberValue)
        let corrected = try #require(compared["p_value_corrected"]?.numberValue)
        #expect(corrected >= plain)
    }

    /// `--metric` in evaluate, tune, curve and train: named in each output, refused when unknown.
    @Test func theMetricIsChosenAndNamed() throws {
        let tune = CLI.run(["tune"] + Self.bridges + ["--folds", "3", "--grid", "0,1", "--metric", "macro-f1", "--format", "json"])
        #expect(tune.status == 0, "\(tune.stderr)")
        let tuning = try JSONValue.parse(Array(tune.stdout.utf8))
        #expect(tuning["metric"] == .string("macro_f1"))
        let grid = try #require(tuning["grid"]?.arrayValue)
        #expect(Self.members(grid[0]) == ["lambda", "error", "standard_error", "per_split", "tree_size"])
        let curve = CLI.run(["curve"] + Self.bridges + ["--folds", "3", "--sizes", "20,60", "--metric", "log-loss", "--format", "json"])
        #expect(curve.status == 0, "\(curve.stderr)")
        let points = try JSONValue.parse(Array(curve.stdout.utf8))
        #expect(points["metric"] == .string("log_loss"))
        #expect(Self.members(points["majority"]) == ["error", "standard_error", "per_split"])
        let point = try #require(points["points"]?.arrayValue?.first)
        #expect(Self.members(point) == ["size", "stl", "mtl", "mean_difference", "p_value"])
        #expect(Self.members(point["stl"]) == ["error", "standard_error", "per_split", "tree_size"])
        let text = CLI.run(["evaluate"] + Self.bridges + ["--folds", "3", "--no-prune", "--metric", "log-loss"])
        #expect(text.stdout.contains("\nlog-loss (mean ± standard error over the splits; lower is better)\n"), "\(text.stdout)")
        expectError(
            CLI.run(["evaluate"] + Self.bridges + ["--metric", "f1"]), 64,
            "mtltree evaluate: error: --metric takes accuracy, balanced-accuracy, macro-f1 or log-loss, not 'f1'")
        expectError(
            CLI.run(["train", CLI.fixture("data/bridges.arff"), "--tasks", "TYPE,SPAN", "--metric", "log-loss"]), 64,
            "mtltree train: error: --metric is for choosing λ against a main task: name it with --main")
    }

    @Test func textTableShowsEveryTaskAndTheComparison() {
        let run = CLI.run(["evaluate"] + Self.bridges + ["--folds", "4", "--no-prune", "--lambda", "0.5"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("4-fold stratified cross-validation, seed 1: 4 splits; trees unpruned"))
        #expect(run.stdout.contains("STL               MTL λ=0.5         all equal         majority"))
        for task in ["MATERIAL *", "T-OR-D", "SPAN", "REL-L", "TYPE"] { #expect(run.stdout.contains("\n" + task)) }
        #expect(run.stdout.contains("MTL λ=0.5 − STL"))
        #expect(!run.stdout.contains("unpruned trees"))
    }

    @Test func chronologicalAndWalkForward() throws {
        // The log's first 700 meetings (a header and 700 lines), in time order.
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = try String(contentsOfFile: CLI.fixture("calendar/meetings.csv"), encoding: .utf8)
        let head = try CLI.file("meetings.csv", log.split(separator: "\n").prefix(701).joined(separator: "\n") + "\n", in: folder)
        let calendar = [head, "--calendar", "--main", "location", "--no-prune", "--format", "json"]
        let split = CLI.run(["evaluate"] + calendar + ["--chronological", "--train-fraction", "0.8"])
        #expect(split.status == 0, "\(split.stderr)")
        let json = try JSONValue.parse(Array(split.stdout.utf8))
        #expect(json["resampling"] == .object([("method", .string("chronological")), ("training_fraction", .number(0.8))]))
        #expect(json["splits"] == .number(1))
        let walk = CLI.run(["evaluate"] + calendar + ["--walk-forward", "175"])
        #expect(walk.status == 0, "\(walk.stderr)")
        let walked = try JSONValue.parse(Array(walk.stdout.utf8))
        #expect(walked["splits"] == .number(3))
        // Time-ordered splits are not cross-validation folds: no corrected test.
        #expect(walked["comparisons"]?.arrayValue?.first?["tasks"]?.arrayValue?.first?["p_value_corrected"] == .null)
    }

    @Test func tuneAndCurveWritePlots() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tune = CLI.run(["tune"] + Self.bridges + ["--folds", "3", "--grid", "0,1,0.5", "--plot", folder + "/tune.svg", "--format", "json"])
        #expect(tune.status == 0, "\(tune.stderr)")
        #expect(tune.stderr == "wrote plot to \(folder)/tune.svg\n")
        let json = try JSONValue.parse(Array(tune.stdout.utf8))
        #expect(json["grid"]?.arrayValue?.compactMap { $0["lambda"]?.numberValue } == [0, 0.5, 1])
        #expect(json["best_lambda"] != nil && json["specification"] != nil)
        let svg = try String(contentsOfFile: folder + "/tune.svg", encoding: .utf8)
        #expect(svg.contains("<title>bridges: MATERIAL error against λ</title>"))

        let curve = CLI.run(["curve"] + Self.bridges + ["--folds", "3", "--sizes", "20,40", "--plot", folder + "/curve.svg"])
        #expect(curve.status == 0, "\(curve.stderr)")
        #expect(curve.stdout.contains("\n    20  ") && curve.stdout.contains("\n    40  "))
        #expect(FileManager.default.fileExists(atPath: folder + "/curve.svg"))
    }

    /// A plot that cannot be written fails at once, before the results are printed
    /// (the work could take hours, and a printed table with status 73 reads like success).
    @Test(arguments: ["tune", "curve"])
    func anUnwritablePlotFailsBeforeTheWork(command: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plot = folder + "/missing/plot.svg"
        expectError(
            CLI.run([command] + Self.bridges + ["--folds", "2", "--plot", plot]), 73,
            "mtltree \(command): error: cannot write '\(plot)': no folder '\(folder)/missing'")
        expectError(
            CLI.run([command] + Self.bridges + ["--folds", "2", "--plot", folder]), 73,
            "mtltree \(command): error: cannot write '\(folder)': it is a directory")
    }

    @Test func progressOnlyOnATerminalAndNotWhenQuiet() {
        let captured = CapturedOutput()
        var console = Console(
            out: { captured.append($0, error: false) }, err: { captured.append($0, error: true) }, stdoutIsTerminal: false,
            stderrIsTerminal: true, environment: [:])
        #expect(MTLTreeTool.run(["evaluate"] + Self.bridges + ["--folds", "3"], console: console) == 0)
        #expect(captured.stderr.contains("evaluate: 3/3 splits"))
        #expect(captured.stderr.hasSuffix("\r\u{1B}[2K"))
        let quiet = CapturedOutput()
        console.err = { quiet.append($0, error: true) }
        #expect(MTLTreeTool.run(["evaluate"] + Self.bridges + ["--folds", "3", "--quiet"], console: console) == 0)
        #expect(quiet.stderr.isEmpty)
        // Not a terminal (the capturing console): no progress either.
        #expect(CLI.run(["evaluate"] + Self.bridges + ["--folds", "3"]).stderr.isEmpty)
    }

    @Test(arguments: [
        (["evaluate", "B", "--folds", "3"], "name it with --main"),
        (["evaluate", "B", "--main", "MATERIAL", "--folds", "1"], "--folds takes a whole number from 2"),
        (["evaluate", "B", "--main", "MATERIAL", "--folds", "ten"], "--folds takes a whole number"),
        (["evaluate", "B", "--main", "MATERIAL", "--folds", "500"], "500 folds for 107 rows"),
        (["evaluate", "B", "--main", "MATERIAL", "--repeats", "0"], "--repeats takes a whole number from 1"),
        (["evaluate", "B", "--main", "MATERIAL", "--seed", "-1"], "--seed takes a whole number"),
        (["evaluate", "B", "--main", "MATERIAL", "--train-fraction", "0.5"], "--train-fraction goes with --chronological"),
        (["evaluate", "B", "--main", "MATERIAL", "--chronological", "--train-fraction", "1"], "between 0 and 1"),
        (["evaluate", "B", "--main", "MATERIAL", "--chronological", "--train-fraction", "x"], "--train-fraction takes a number"),
        (["evaluate", "B", "--main", "MATERIAL", "--chronological", "--folds", "5"], "--folds is for cross-validation"),
        (["evaluate", "B", "--main", "MATERIAL", "--walk-forward", "0"], "--walk-forward takes a whole number"),
        (["evaluate", "B", "--main", "MATERIAL", "--walk-forward", "107"], "walk-forward step"),
        (["evaluate", "B", "--main", "MATERIAL", "--walk-forward", "10", "--train-fraction", "0.5"], "not --walk-forward"),
        (["evaluate", "B", "--main", "MATERIAL", "--grid", "0,1"], "--grid goes with --tune"),
        (["evaluate", "B", "--main", "MATERIAL", "--tune", "--grid", "0,x"], "--grid takes λ values"),
        (["evaluate", "B", "--main", "MATERIAL", "--tune", "--inner-folds", "1"], "--inner-folds takes a whole number"),
        (["evaluate", "B", "--main", "MATERIAL", "--format", "xml"], "--format takes text or json"),
        (["evaluate", "B", "--main", "MATERIAL", "--confidence", "0"], "--confidence takes a number in (0, 1]"),
        (["evaluate", "B", "--main", "MATERIAL", "--confidence", "1.5"], "--confidence takes a number"),
        (["evaluate", "B", "--main", "MATERIAL", "--lambda", "-1"], "--lambda takes a number ≥ 0"),
        (["evaluate", "B", "--main", "MATERIAL", "--shufle-test"], "did you mean '--shuffle-test'?"),
        (["tune", "B", "--main", "MATERIAL", "--lambda", "1"], "tune chooses λ itself"),
        (["tune", "B", "--main", "MATERIAL", "--grid", ","], "--grid takes λ values"),
        (["tune", "B", "--main", "MATERIAL", "--grid", "0,-1"], "--grid takes λ values ≥ 0"),
        (["tune", "B", "--main", "MATERIAL", "--grid", "1,,2"], "--grid takes λ values ≥ 0 separated by commas, not ''"),
        (["tune", "B", "--main", "MATERIAL", "--grid", ""], "--grid takes λ values ≥ 0 separated by commas, not ''"),
        (["evaluate", "B", "--main", "MATERIAL", "--tune", "--grid", "0,1,"], "--grid takes λ values ≥ 0 separated by commas, not ''"),
        (["evaluate", "B", "--main", "MATERIAL", "--lambda", ""], "--lambda takes a number ≥ 0 or TASK=NUMBER, not ''"),
        (["evaluate", "B", "--main", "MATERIAL", "--lambda", "0.5,,SPAN=1"], "--lambda takes a number ≥ 0 or TASK=NUMBER, not ''"),
        (["tune", "B", "--folds", "3"], "name it with --main"),
        (["curve", "B", "--main", "MATERIAL", "--sizes", "0"], "--sizes takes whole numbers ≥ 1"),
        (["curve", "B", "--main", "MATERIAL", "--sizes", "10,abc"], "--sizes takes whole numbers ≥ 1"),
        (["curve", "B", "--main", "MATERIAL", "--sizes", "10,100"], "a training-set size of 100 is more than"),
        (["curve", "B", "--main", "MATERIAL", "--folds", "3", "--plot"], "--plot needs a value"),
    ])
    func badOptionValuesAreOneLineUsageErrors(arguments: [String], message: String) {
        let data = [CLI.fixture("data/bridges.arff"), "--tasks", "T-OR-D,MATERIAL,SPAN,REL-L,TYPE", "--ignore", "IDENTIF"]
        let expanded = arguments.flatMap { $0 == "B" ? data : [$0] }
        let run = CLI.run(expanded)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("mtltree \(arguments[0]): error: "))
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.filter { $0 == "\n" }.count == 1, "\(run.stderr)")
    }

    @Test func theBinaryExitsWith64OnABadValue() throws {
        guard CLI.binary != nil else { return }
        let run = try CLI.process(["evaluate", CLI.fixture("data/bridges.arff"), "--main", "MATERIAL", "--folds", "0"])
        #expect(run.status == 64)
        #expect(run.stderr == "mtltree evaluate: error: --folds takes a whole number from 2 to 100000, not '0'\n")
    }
}
