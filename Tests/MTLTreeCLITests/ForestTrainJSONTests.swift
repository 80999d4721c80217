import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

/// `train --forest --format json`: the forest's training report in the JSON
/// style of the tree's (README, "JSON output"), with the names `print
/// --format json` gives a forest. Its figures are checked against the model
/// file as `print` reads it, and against `tune --forest` on the same seed.
struct ForestTrainJSONTests {
    static let bridges = [
        CLI.fixture("data/bridges.arff"), "--tasks", "T-OR-D,MATERIAL,TYPE", "--main", "TYPE", "--ignore", "IDENTIF",
        "--forest", "4", "--seed", "2",
    ]

    @Test func theReportMatchesTheModelFile() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/b.forest"
        let run = CLI.run(["train"] + Self.bridges + ["-o", model, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(JSONOutputTests.noisyNumbers(run.stdout).isEmpty)
        let report = try JSONValue.parse(Array(run.stdout.utf8))
        let printed = try JSONValue.parse(Array(CLI.run(["print", model, "--format", "json"]).stdout.utf8))
        #expect(report["dataset"] == .string("bridges") && report["rows"] == .number(107) && report["inputs"] == .number(9))
        #expect(report["model"] == .string(model) && report["kind"] == .string("forest"))
        for key in ["tree_count", "nodes", "seed", "main_task", "attributes_per_node", "leaf_probabilities"] {
            #expect(report[key] != nil && report[key] == printed[key], "\(key)")
        }
        #expect(report["tree_count"] == .number(4) && report["seed"] == .number(2))
        #expect(report["lambda_choice"]?["method"] == .string("default"))
        let tasks = try #require(report["tasks"]?.arrayValue)
        let outOfBag = try #require(printed["out_of_bag"]?.arrayValue)
        #expect(tasks.map { $0["task"] } == [.string("TYPE"), .string("T-OR-D"), .string("MATERIAL")])
        for (task, printedTask) in zip(tasks, outOfBag) {
            let correct = try #require(task["correct"]?.numberValue), labelled = try #require(task["labelled"]?.numberValue)
            #expect(labelled > 0 && task["lambda"] == .number(1))
            #expect(task["correct"] == printedTask["correct"] && task["labelled"] == printedTask["labelled"])
            let accuracy = try #require(task["out_of_bag_accuracy"]?.numberValue)
            #expect(abs(accuracy - correct / labelled) < 1e-11)
        }
    }

    @Test func lambdaByOutOfBagErrorIsTheTuneForestChoice() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = CLI.run(["train"] + Self.bridges + ["--lambda", "auto", "-o", folder + "/b.forest", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let choice = try #require(try JSONValue.parse(Array(run.stdout.utf8))["lambda_choice"])
        #expect(choice["method"] == .string("out_of_bag_error") && choice["metric"] == .string("accuracy"))
        let tune = try JSONValue.parse(Array(CLI.run(["tune"] + Self.bridges + ["--format", "json"]).stdout.utf8))
        // tune --forest's names: `lambdas` and `chosen`, or in tune's JSON style `grid` and `best_lambda`.
        let grid = try #require(choice["grid"]?.arrayValue), tuned = try #require((tune["grid"] ?? tune["lambdas"])?.arrayValue)
        #expect(grid.count == 7 && grid.count == tuned.count)
        for (a, b) in zip(grid, tuned) {
            #expect(a["lambda"] == b["lambda"])
            #expect(abs(a["error"]!.numberValue! - b["error"]!.numberValue!) < 1e-11)
        }
        #expect(choice["chosen"] != nil && choice["chosen"] == (tune["best_lambda"] ?? tune["chosen"]))
    }

    @Test func aForestIsNotWrittenToStandardOutput() throws {
        expectError(
            CLI.run(["train"] + Self.bridges + ["-o", "-"]), 64,
            "mtltree train: error: -o - writes a tree's model to standard output; a forest's model is partly binary: name a file")
    }
}
