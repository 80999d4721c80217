import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

/// Findings of the fuzz campaign of issue #18, each reproduced at the command line.
struct ReliabilityCommandTests {
    /// A row weighing the smallest double made a split's entropy term 0 · −∞:
    /// train wrote `"score": null`, which print and predict then refused.
    @Test func aModelTrainedOnTheSmallestWeightsLoads() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var arff = "@relation w\n@attribute x numeric\n@attribute z {p,q,r}\n@attribute y {a,b}\n@data\n"
        for i in 0 ..< 40 {
            arff += "\(i),\(["p", "q", "r"][i % 3]),\(["a", "b"][(i / 5) % 2])" + (i % 7 == 0 ? ",{4.9e-324}\n" : "\n")
        }
        let data = try CLI.file("w.arff", arff, in: folder)
        for criterion in ["gain", "gain-ratio"] {
            let model = folder + "/\(criterion).json"
            let train = CLI.run(["train", data, "--main", "y", "--criterion", criterion, "-o", model])
            #expect(train.status == 0, "\(train.stderr)")
            let text = try String(contentsOfFile: model, encoding: .utf8)
            #expect(!text.contains("\"score\":null") && !text.contains("[null]"))
            for format in ["text", "dot", "json", "rules"] {
                let print = CLI.run(["print", model, "--format", format, "--gains"])
                #expect(print.status == 0, "\(format): \(print.stderr)")
            }
            let predict = CLI.run(["predict", model, data])
            #expect(predict.status == 0, "\(predict.stderr)")
            #expect(predict.stdout.split(separator: "\n").count == 41)
        }
    }

    /// A repeated single-valued option hid an earlier bad value (the last one won, unchecked).
    @Test(arguments: [
        (["generate-calendar", "--meetings", "abc", "--meetings", "10"], "--meetings is given 2 times ('abc', '10'); give it once"),
        (["train", "DATA", "--max-depth=-inf", "--max-depth", "1"], "--max-depth is given 2 times ('-inf', '1'); give it once"),
        (["train", "DATA", "--min-leaf", "1", "--min-leaf", "2", "--min-leaf=x", "--min-leaf=y"],
            "--min-leaf is given 4 times ('1', '2', 'x', …); give it once"),
        (["predict", "M", "DATA", "-o", "a.csv", "--output", "b.csv"], "--output is given 2 times ('a.csv', 'b.csv'); give it once"),
        (["print", "M", "--tree", "1", "--tree", "-3"], "--tree is given 2 times ('1', '-3'); give it once"),
    ])
    func aRepeatedSingleValuedOptionIsRefused(arguments: [String], message: String) {
        let data = CLI.fixture("data/monks/monks-1.train.arff")
        let run = CLI.run(arguments.map { $0 == "DATA" ? data : $0 })
        #expect(run.status == 64)
        #expect(run.stderr == "mtltree \(arguments[0]): error: \(message)\n")
        #expect(run.stdout.isEmpty)
    }

    /// `-` as an output is standard output, for `-o` as for `--plot`; `train -o -` moves its report to standard error.
    @Test func aDashAsTheOutputIsStandardOutput() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = CLI.fixture("data/monks/monks-1.train.arff")
        let train = CLI.run(["train", data, "--tasks", "class", "-o", "-"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.hasPrefix("{\n  \"format\": \"mtltree-model\""))
        #expect(train.stderr.hasPrefix("trained on monks-1.train: 124 rows"))
        #expect(!FileManager.default.fileExists(atPath: "-"))
        let model = try CLI.file("m.json", train.stdout, in: folder)
        #expect(try TreeModel.read(path: model).trees.count == 1)
        let predict = CLI.run(["predict", model, data, "-o", "-"])
        #expect(predict.status == 0)
        #expect(predict.stdout.split(separator: "\n").count == 125)
        #expect(predict.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "-"))
    }

    /// `train > /dev/full`: the model is written, the report is lost, and the error says both.
    @Test(.enabled(if: CLI.binary != nil && FileManager.default.fileExists(atPath: "/dev/full"), "needs the binary and /dev/full"))
    func aLostReportSaysTheModelWasWritten() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/m.json"
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let run = try CLI.process(["train", CLI.fixture("data/monks/monks-1.train.arff"), "--tasks", "class", "-o", model], standardOutput: full)
        #expect(run.status == 73)
        #expect(run.stderr == "mtltree train: error: cannot write to standard output: No space left on device; the model was written to \(model)\n")
        #expect(try TreeModel.read(path: model).trees.count == 1)
    }

    /// A device read to its end is an empty model file, not a permission problem.
    @Test func printingDevNullSaysTheFileIsEmpty() {
        let run = CLI.run(["print", "/dev/null"])
        #expect(run.status == 65)
        #expect(run.stderr == "mtltree print: /dev/null: error: empty file, not an mtltree model\n")
    }
    /// A model's numeric input holding text in the data to predict: the error
    /// names the file, line and column of the cell (it said "data row N" only),
    /// for CSV and ARFF, dense and sparse rows, trees and forests. Positions by
    /// hand: the line counts the header, blank and comment lines; the column is
    /// the byte where the value starts (after its quote, if quoted, as in the readers' errors).
    @Test func aTypeMismatchInPredictNamesTheCell() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Twenty rows with one input: every bootstrap sample of the forest has both classes and splits on size.
        let rows = (1 ... 20).map { "\($0),\($0 <= 10 ? "a" : "b")\n" }.joined()
        let train = try CLI.file("t.csv", "size,class\n" + rows, in: folder)
        let tree = folder + "/tree.json", forest = folder + "/forest.json"
        #expect(CLI.run(["train", train, "--tasks", "class", "--min-leaf", "1", "-o", tree]).status == 0)
        #expect(CLI.run(["train", train, "--tasks", "class", "--min-leaf", "1", "--forest", "3", "-o", forest]).status == 0)
        let message = "column 'size' is numeric in the model, but data row 3 has the value 'big'"
        let cases: [(name: String, text: String, line: Int, column: Int)] = [
            // Row 3 is on line 5 (a blank line before it); size is the second field, after `x,`.
            ("a.csv", "id,size\nx,2\ny,3\n\nz,big\n", 5, 3),
            // A quoted field spanning two lines before it, and a quoted cell.
            ("b.csv", "id,size\n\"x\ny\",2\nw,3\nz,\"big\"\n", 5, 4),
            ("c.tsv", "id\tsize\nx\t2\ny\t3\nzz\tbig\n", 4, 4),
            // ARFF, dense: comment and blank lines do not count as rows.
            ("d.arff", "@relation r\n@attribute id string\n@attribute size {2,3,big}\n@data\nx,2\n% note\ny,3\n\nzz, 'big'\n", 9, 6),
            // ARFF, sparse: the pair's value; then a value left out (the default, 'big'): the pair after it.
            ("e.arff", "@relation r\n@attribute id string\n@attribute size {2,3,big}\n@data\n{0 x, 1 2}\n{0 y,1 3}\n{0 z,1 big}\n", 7, 8),
            ("f.arff", "@relation r\n@attribute size {big,2,3}\n@attribute id string\n@data\n{0 2,1 x}\n{0 3}\n{1 z}\n", 7, 2),
        ]
        for c in cases {
            let data = try CLI.file(c.name, c.text, in: folder)
            for model in [tree, forest] {
                expectError(
                    CLI.run(["predict", model, data]), 65,
                    "mtltree predict: \(data):\(c.line):\(c.column): error: \(message)")
            }
        }
    }
    /// Found by the round-trip property on numeric tasks: the unit-weight scan
    /// converted every total to an Int, a numeric task's sum of values too, and
    /// trapped (exit 132) when that sum passed Int's range (±9.2e18).
    @Test func aNumericTaskWithHugeValuesTrains() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let amounts = [1e19, -1e19, 3e20, 5, -7e18]
        let rows = (0 ..< 40).map { "\($0),\($0 % 2 == 0 ? "a" : "b"),\(amounts[$0 * 7 % 5])\n" }.joined()
        let data = try CLI.file("huge.csv", "x,label,amount\n" + rows, in: folder)
        let model = folder + "/m.json"
        let train = CLI.run(["train", data, "--tasks", "label,amount", "--numeric-tasks", "amount", "--min-leaf", "1", "-o", model])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(CLI.run(["print", model, "--gains"]).status == 0)
        let predict = CLI.run(["predict", model, data])
        #expect(predict.status == 0, "\(predict.stderr)")
        #expect(predict.stdout.split(separator: "\n").count == 41)
    }
}
