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
