import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

/// One JSON style across commands (README, "JSON output"): an object at the
/// top, lists of like things as arrays of objects (`trees`, `tasks`), the
/// values of a figure over splits as `per_split`, and measured figures
/// without floating-point noise.
struct JSONOutputTests {
    /// The figures with a fraction and more than 12 significant digits, as 0.19999999999999996.
    static func noisyNumbers(_ text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "[0-9]+\\.[0-9]+")
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
            .map { String(text[Range($0.range, in: text)!]) }
            .filter { $0.filter(\.isNumber).drop { $0 == "0" }.count > 12 }
    }

    @Test func trainReportsAsJSON() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = try CLI.file("d.csv", NumericTaskCommandTests.csv, in: folder)
        let model = folder + "/m.json"
        let run = CLI.run(["train", data, "--tasks", "y,kind", "--main", "all", "--min-leaf", "1", "--no-prune", "-o", model, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try JSONValue.parse(Array(run.stdout.utf8))
        guard case .object(let members) = document else { Issue.record("not an object"); return }
        #expect(members.map(\.0) == ["dataset", "rows", "inputs", "model", "trees"])
        #expect(document["rows"] == .number(8) && document["inputs"] == .number(1) && document["model"] == .string(model))
        let trees = try #require(document["trees"]?.arrayValue)
        #expect(trees.map { $0["main_task"] } == [.string("y"), .string("kind")])
        // The same tree as the model file holds, and the training figures of the text report:
        // every leaf pure (min leaf 1, unpruned), so y's error is 0 and kind is always right.
        let saved = try TreeModel.read(path: model)
        #expect(trees[0]["size"]?["nodes"] == .number(Double(saved.trees[0].nodeCount)))
        #expect(trees[0]["pruning"] == .null)
        let y = try #require(trees[0]["tasks"]?.arrayValue?.first)
        #expect(y["task"] == .string("y") && y["rmse"] == .number(0) && y["r2"] == .number(1) && y["labelled"] == .number(8))
        let kind = try #require(trees[1]["tasks"]?.arrayValue?.first)
        #expect(kind["training_accuracy"] == .number(1) && kind["correct"] == .number(8) && kind["labelled"] == .number(8))
        expectError(
            CLI.run(["train", data, "--tasks", "kind", "--format", "yaml"]), 64, "mtltree train: error: --format takes text or json, not 'yaml'")
    }

    /// `lambda_choice` says how each tree's λ came about; chosen by
    /// cross-validation, its grid is tune's on the same folds.
    @Test func trainSaysHowLambdaWasChosen() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bridges = [CLI.fixture("data/bridges.arff"), "--tasks", "T-OR-D,MATERIAL,TYPE", "--main", "TYPE", "--ignore", "IDENTIF"]
        let search = ["--grid", "0,1", "--folds", "3", "--quiet", "--format", "json"]
        let trained = CLI.run(["train"] + bridges + search + ["--lambda", "auto", "-o", folder + "/a.json"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let choice = try #require(try JSONValue.parse(Array(trained.stdout.utf8))["trees"]?.arrayValue?.first?["lambda_choice"])
        let tuned = try JSONValue.parse(Array(CLI.run(["tune"] + bridges + search).stdout.utf8))
        #expect(choice["method"] == .string("cross_validation") && choice["rule"] == .string("one-se"))
        #expect(choice["resampling"] == tuned["resampling"] && choice["metric"] == .string("accuracy"))
        let grid = try #require(choice["grid"]?.arrayValue), tunedGrid = try #require(tuned["grid"]?.arrayValue)
        #expect(grid.count == 2 && tunedGrid.count == 2)
        for (a, b) in zip(grid, tunedGrid) {
            #expect(a["lambda"] == b["lambda"] && a["error"] == b["error"] && a["standard_error"] == b["standard_error"])
        }
        #expect(choice["chosen"] == tuned["best_lambda"])

        func method(_ arguments: [String]) throws -> JSONValue? {
            let run = CLI.run(["train"] + arguments + ["-o", folder + "/m.json", "--format", "json"])
            return try JSONValue.parse(Array(run.stdout.utf8))["trees"]?.arrayValue?.first?["lambda_choice"]
        }
        #expect(try method(bridges + ["--lambda", "0.5"])?["method"] == .string("given"))
        // No extra task, or no main task: no λ to choose.
        #expect(try method([CLI.fixture("data/bridges.arff"), "--tasks", "TYPE", "--main", "TYPE", "--ignore", "IDENTIF"]) == .null)
        #expect(try method([CLI.fixture("data/bridges.arff"), "--tasks", "TYPE,SPAN", "--ignore", "IDENTIF"]) == .null)
        // 12 rows, under 10 per fold: λ = 1 by default.
        var text = "x,y,kind\n"
        for i in 0 ..< 12 { text += "\(i % 3),\(i % 2 == 0 ? "a" : "b"),\(i % 3 == 0 ? "p" : "q")\n" }
        let small = try CLI.file("s.csv", text, in: folder)
        #expect(try method([small, "--tasks", "y,kind", "--main", "y"])?["method"] == .string("default"))
    }

    @Test func everyCommandsJSONIsAnObjectWithoutNoise() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bridges = [CLI.fixture("data/bridges.arff"), "--tasks", "T-OR-D,MATERIAL,SPAN", "--main", "MATERIAL", "--ignore", "IDENTIF"]
        let model = folder + "/b.json"
        #expect(CLI.run(["train"] + bridges + ["--lambda", "0.5", "-o", model]).status == 0)
        let runs: [[String]] = [
            ["evaluate"] + bridges + ["--folds", "3", "--format", "json"],
            ["tune"] + bridges + ["--folds", "3", "--grid", "0,1", "--format", "json"],
            ["curve"] + bridges + ["--folds", "3", "--sizes", "30,60", "--format", "json"],
            ["score", model, CLI.fixture("data/bridges.arff"), "--format", "json"],
            ["print", model, "--format", "json", "--gains"],
            ["train"] + bridges + ["--lambda", "0.5", "-o", folder + "/c.json", "--format", "json"],
        ]
        for arguments in runs {
            let run = CLI.run(arguments + ["--quiet"].filter { _ in ["evaluate", "tune", "curve"].contains(arguments[0]) })
            #expect(run.status == 0, "\(arguments[0]): \(run.stderr)")
            let document = try JSONValue.parse(Array(run.stdout.utf8))
            if case .object = document {} else { Issue.record("\(arguments[0]): not an object") }
            #expect(Self.noisyNumbers(run.stdout).isEmpty, "\(arguments[0]): \(Self.noisyNumbers(run.stdout).prefix(3))")
        }
        // The single tree of a model is in `trees` too, as with --main all.
        let printed = try JSONValue.parse(Array(CLI.run(["print", model, "--format", "json"]).stdout.utf8))
        #expect(printed["trees"]?.arrayValue?.first?["main_task"] == .string("MATERIAL"))
        #expect(JSONValue.measure(1 - 0.8) == .number(0.2) && JSONValue.measure(.nan) == .null)
        #expect(JSONValue.measure(1.8365916681089791) == .number(1.83659166811))
    }
}
