import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

/// Numeric tasks through the command line: train, predict, print, and the
/// rules that decide which tasks are numeric.
struct NumericTaskCommandTests {
    /// A small CSV: y = 10 · x for x ≤ 3, else 40 (a tree finds it), and a class task.
    static let csv = "x,y,kind\n" + (1 ... 8).map { x in "\(x),\(x <= 3 ? Double(10 * x) + 0.5 : 40.5),\(x <= 4 ? "a" : "b")" }.joined(separator: "\n") + "\n"

    @Test func trainPredictAndPrintANumericTask() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/d.csv"
        try Self.csv.write(toFile: data, atomically: true, encoding: .utf8)
        let model = folder + "/m.json"
        let train = CLI.run(["train", data, "--tasks", "y,kind", "--main", "y", "--min-leaf", "1", "--no-prune", "-o", model])
        #expect(train.status == 0, "\(train.stderr)")
        // Every leaf is pure: the training error is 0.
        #expect(train.stdout.contains("y*      1.000  RMSE 0, R² 1.000  (8 rows)"), "\(train.stdout)")
        let predict = CLI.run(["predict", model, data])
        #expect(predict.status == 0, "\(predict.stderr)")
        #expect(predict.stdout.split(separator: "\n").map(String.init) == ["y,kind", "10.5,a", "20.5,a", "30.5,a", "40.5,a"] + (5 ... 8).map { _ in "40.5,b" })
        let printed = CLI.run(["print", model, "--task", "y"])
        #expect(printed.status == 0)
        // The kind task splits at 4.5 first; the right branch holds four rows of 40.5: mean 40.5, spread 0.
        #expect(printed.stdout.contains("y=40.5 (±0, n=4)"), "\(printed.stdout)")
        let rules = CLI.run(["print", model, "--format", "rules", "--task", "y"])
        #expect(rules.stdout.contains("THEN y = 40.5 [±0, n=4]"), "\(rules.stdout)")
        let json = CLI.run(["print", model, "--format", "json", "--task", "y"])
        #expect(json.stdout.contains("\"value\": 40.5"), "\(json.stdout)")
    }

    @Test func anIdentifierAsATaskIsAnErrorWithAHint() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/ids.csv"
        try ("x,id\n" + (1 ... 30).map { "\($0 % 3),\($0 * 7)" }.joined(separator: "\n") + "\n").write(toFile: data, atomically: true, encoding: .utf8)
        let train = CLI.run(["train", data, "--tasks", "id", "-o", folder + "/m.json"])
        #expect(train.status == 65)
        #expect(train.stderr.contains("task 'id' has 30 classes in 30 labelled rows: an identifier, not a task; to learn it as a number, use --numeric-tasks id"), "\(train.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/m.json"))
        let numeric = CLI.run(["train", data, "--numeric-tasks", "id", "-o", folder + "/m.json"])
        #expect(numeric.status == 0, "\(numeric.stderr)")
    }

    @Test func manyWholeNumberClassesGetANotice() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/grades.csv"
        // 12 grades over 60 rows: classes, with a notice.
        try ("x,G3\n" + (0 ..< 60).map { "\($0),\($0 % 12)" }.joined(separator: "\n") + "\n").write(toFile: data, atomically: true, encoding: .utf8)
        let train = CLI.run(["train", data, "--tasks", "G3", "-o", folder + "/m.json"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains("note: task 'G3' read as 12 classes; --numeric-tasks G3 learns it as a number"), "\(train.stderr)")
    }
}
