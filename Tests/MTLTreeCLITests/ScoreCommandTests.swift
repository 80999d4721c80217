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
