import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

struct ScoreCommandTests {
    /// A model trained on MONK's first problem, scored on its test file: the
    /// figures are those of the predictions joined to the labels by hand.
    @Test func scoresAreThoseOfThePredictionsAgainstTheLabels() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/m.json"
        #expect(CLI.run(["train", CLI.fixture("data/monks/monks-1.train.arff"), "--tasks", "class", "-o", model]).status == 0)
        let test = CLI.fixture("data/monks/monks-1.test.arff")
        let predicted = CLI.run(["predict", model, test]).stdout.split(separator: "\n").dropFirst().map(String.init)
        let labels = try Dataset.load(path: test, options: ReadOptions(roles: RoleOptions(tasks: ["class"])))["class"]!
        let truth = (0 ..< labels.count).map { labels.text(atRow: $0)! }
        #expect(predicted.count == 432)
        let right = zip(predicted, truth).filter { $0 == $1 }.count
        let json = CLI.run(["score", model, test, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try JSONValue.parse(Array(json.stdout.utf8))
        let task = try #require(document["tasks"]?.arrayValue?.first)
        #expect(task["task"] == .string("class"))
        #expect(task["labelled_rows"] == .number(432))
        #expect(abs((task["accuracy"]?.numberValue ?? 0) - Double(right) / 432) < 1e-12)
        // Balanced accuracy: the mean of the two classes' recalls, counted here.
        let recalls = ["0", "1"].map { c in
            Double(zip(predicted, truth).filter { $1 == c && $0 == c }.count) / Double(truth.filter { $0 == c }.count)
        }
        #expect(abs((task["balanced_accuracy"]?.numberValue ?? 0) - recalls.reduce(0, +) / 2) < 1e-12)
        let confusion = task["confusion"]?.arrayValue?.map { $0.arrayValue?.compactMap(\.numberValue) ?? [] } ?? []
        #expect(confusion.flatMap { $0 }.reduce(0, +) == 432)
        #expect((0 ..< confusion.count).map { confusion[$0][$0] }.reduce(0, +) == Double(right))

        let text = CLI.run(["score", model, test])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("scored \(model) on monks-1.test: 432 rows\ntask    labelled  accuracy  balanced  macro-F1  log-loss\nclass        432    " + fixed(Double(right) / 432, 4)))
        #expect(text.stdout.contains("class: confusion matrix (rows: true class; columns: predicted, numbered as the rows)\n"))
    }

    /// A numeric task is scored by RMSE, MAE and R², worked by hand: the
    /// model predicts 10.5, 20.5 and 40.5 for x = 1, 2, 5 (see
    /// NumericTaskCommandTests); the truths 12.5, 20.5, 36.5 miss by 2, 0, −4.
    @Test func numericTasksAreScoredByTheirErrors() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = try CLI.file("d.csv", NumericTaskCommandTests.csv, in: folder)
        let model = folder + "/m.json"
        let train = CLI.run(["train", data, "--tasks", "y,kind", "--main", "y", "--min-leaf", "1", "--no-prune", "-o", model])
        #expect(train.status == 0, "\(train.stderr)")
        let test = try CLI.file("t.csv", "x,y,kind\n1,12.5,a\n2,20.5,a\n5,36.5,b\n6,,b\n", in: folder)
        let run = CLI.run(["score", model, test, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let tasks = try #require(try JSONValue.parse(Array(run.stdout.utf8))["tasks"]?.arrayValue)
        #expect(tasks.map { $0["task"] } == [.string("kind"), .string("y")])
        let y = tasks[1]
        #expect(y["kind"] == .string("numeric") && y["labelled_rows"] == .number(3))
        let mean = (12.5 + 20.5 + 36.5) / 3
        let total = [12.5, 20.5, 36.5].map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
        #expect(abs((y["rmse"]?.numberValue ?? 0) - (20.0 / 3).squareRoot()) < 1e-9)
        #expect(y["mae"] == .number(2))
        #expect(abs((y["r2"]?.numberValue ?? 0) - (1 - 20 / total)) < 1e-9)
        #expect(tasks[0]["accuracy"] == .number(1))
        let text = CLI.run(["score", model, test, "--task", "y"])
        // √(20/3) = 2.581989; 1 − 20 / 298.6667 = 0.933036.
        #expect(text.stdout == "scored \(model) on t: 4 rows\ntask   labelled          RMSE           MAE        R²\n"
            + "y             3       2.58199             2    0.9330\n", "\(text.stdout)")
    }

    @Test func badScoreCommandsAreOneLineErrors() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/m.json"
        #expect(CLI.run(["train", CLI.fixture("data/monks/monks-1.train.arff"), "--tasks", "class", "-o", model]).status == 0)
        let unlabelled = try CLI.file("u.csv", "head_shape,body_shape,is_smilling,holding,jacket_color,has_tie\n1,1,1,1,1,1\n", in: folder)
        expectError(
            CLI.run(["score", model, unlabelled]), 65,
            "mtltree score: \(unlabelled): error: the data have no column for any task of the model (class)")
        expectError(
            CLI.run(["score", model, unlabelled, "--task", "clas"]), 64,
            "mtltree score: error: no task named 'clas' in the model; did you mean 'class'? Tasks: class")
        expectError(CLI.run(["score", model, unlabelled, "--format", "csv"]), 64, "mtltree score: error: --format takes text or json, not 'csv'")
    }

    /// `--tasks "a, b"` is `--tasks a,b`; a task named twice is a usage error.
    @Test func taskListsAreTrimmedAndNamesUnique() throws {
        let bridges = CLI.fixture("data/bridges.arff")
        let spaced = CLI.run(["describe", bridges, "--tasks", "MATERIAL, TYPE ", "--format", "json"])
        #expect(spaced.status == 0, "\(spaced.stderr)")
        #expect(spaced.stdout == CLI.run(["describe", bridges, "--tasks", "MATERIAL,TYPE", "--format", "json"]).stdout)
        expectError(CLI.run(["describe", bridges, "--tasks", "TYPE,MATERIAL,TYPE"]), 64, "mtltree describe: error: --tasks names 'TYPE' twice")
    }
}
