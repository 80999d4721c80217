import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

/// `predict --keep`, `--probabilities raw` and `predict MODEL -`.
struct PredictCommandTests {
    /// Sizes 1, 2 are a, 3, 4 are b: a tree of one split, each leaf pure with 2 rows.
    static let csv = "id,size,class\n007,1,a\n008,2,a\n009,3,b\n010,4,b\n"

    static func trained(in folder: String) throws -> (data: String, model: String) {
        let data = try CLI.file("d.csv", csv, in: folder)
        let model = folder + "/m.json"
        let train = CLI.run(["train", data, "--tasks", "class", "--ignore", "id", "--min-leaf", "1", "--no-prune", "-o", model])
        #expect(train.status == 0, "\(train.stderr)")
        return (data, model)
    }

    @Test func keptColumnsAreCopiedAsWritten() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (_, model) = try Self.trained(in: folder)
        let test = try CLI.file("t.csv", "id,size,class\n007,1,a\n\"x,1\",4,a\n011,5,\n", in: folder)
        let run = CLI.run(["predict", model, test, "--keep", "id, class"])
        #expect(run.status == 0, "\(run.stderr)")
        // The id as written (007, not 7; a comma quoted), the true class beside the predicted one, a missing label empty.
        #expect(run.stdout == "id,class (data),class\n007,a,a\n\"x,1\",a,b\n011,,b\n")
        expectError(
            CLI.run(["predict", model, test, "--keep", "idd"]), 64,
            "mtltree predict: \(test): error: the data have no column 'idd' to keep; did you mean 'id'?")
        expectError(CLI.run(["predict", model, test, "--keep", "id,id"]), 64, "mtltree predict: error: --keep names 'id' twice")
    }

    /// Laplace: a pure leaf of 2 rows among 2 classes gives (2 + 1) / (2 + 2) = 0.75; raw gives 2 / 2.
    @Test func rawProbabilitiesAreTheLeafFrequencies() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (data, model) = try Self.trained(in: folder)
        let laplace = CLI.run(["predict", model, data, "--probabilities"])
        #expect(laplace.stdout.split(separator: "\n").map(String.init) == [
            "class,class:a,class:b", "a,0.750000,0.250000", "a,0.750000,0.250000", "b,0.250000,0.750000", "b,0.250000,0.750000",
        ])
        #expect(CLI.run(["predict", model, data, "--probabilities", "laplace"]).stdout == laplace.stdout)
        let raw = CLI.run(["predict", model, data, "--probabilities", "raw"])
        #expect(raw.stdout.split(separator: "\n").map(String.init) == [
            "class,class:a,class:b", "a,1.000000,0.000000", "a,1.000000,0.000000", "b,0.000000,1.000000", "b,0.000000,1.000000",
        ])
        // A missing size follows both branches, weighted 2 : 2: raw (1 + 0) / 2 each.
        let missing = try CLI.file("m.csv", "id,size\n1,\n", in: folder)
        #expect(CLI.run(["predict", model, missing, "--probabilities=raw"]).stdout == "class,class:a,class:b\na,0.500000,0.500000\n")
        expectError(
            CLI.run(["predict", model, data, "--probabilities=smooth"]), 64,
            "mtltree predict: error: --probabilities takes laplace or raw, not 'smooth'")
        #expect(CLI.run(["predict", "--help"]).stdout.contains("Probabilities are Laplace-corrected"))
    }

    /// With one tree per task, each task's raw probabilities come from its own
    /// tree: c1's tree (λ = 0) splits on x1 alone, where c2 is half x, half y;
    /// c2's own tree splits on x2, where c2 is pure.
    @Test func rawProbabilitiesComeFromEachTasksOwnTree() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = try CLI.file("two.csv", "x1,x2,c1,c2\n1,1,a,x\n1,2,a,y\n2,1,b,x\n2,2,b,y\n", in: folder)
        let model = folder + "/two.json"
        let train = CLI.run(["train", data, "--tasks", "c1,c2", "--main", "all", "--lambda", "0", "--min-leaf", "1", "--no-prune", "-o", model])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(CLI.run(["predict", model, data, "--probabilities", "raw"]).stdout.split(separator: "\n").map(String.init) == [
            "c1,c2,c1:a,c1:b,c2:x,c2:y", "a,x,1.000000,0.000000,1.000000,0.000000", "a,y,1.000000,0.000000,0.000000,1.000000",
            "b,x,0.000000,1.000000,1.000000,0.000000", "b,y,0.000000,1.000000,0.000000,1.000000",
        ])
        // c1's tree alone would give c2 0.5 / 0.5 at both its leaves.
        let first = try TreeModel.read(path: model).trees[0]
        let dataset = try Dataset.load(path: data, options: ReadOptions())
        #expect(Array(try first.predict(dataset, probabilities: .raw).probabilities(task: 1, row: 0)) == [0.5, 0.5])
    }

    @Test(.enabled(if: CLI.binary != nil, "needs the built mtltree binary"))
    func aDashReadsStandardInput() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (data, model) = try Self.trained(in: folder)
        let fromFile = CLI.run(["predict", model, data])
        let piped = try CLI.process(["predict", model, "-"], standardInput: try FileHandle(forReadingFrom: URL(fileURLWithPath: data)))
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == fromFile.stdout && piped.stdout.hasPrefix("class\na\n"))
        let scored = try CLI.process(["score", model, "-"], standardInput: try FileHandle(forReadingFrom: URL(fileURLWithPath: data)))
        #expect(scored.status == 0, "\(scored.stderr)")
        #expect(scored.stdout.hasPrefix("scored \(model) on stdin: 4 rows\n"), "\(scored.stdout)")
        // Every row right, each given 0.75 (Laplace): log-loss −ln 0.75 = 0.2877.
        #expect(scored.stdout.contains("\nclass          4    1.0000    1.0000    1.0000    0.2877\n"), "\(scored.stdout)")
        // ARFF on standard input, named with --input-format.
        let arff = CLI.fixture("data/monks/monks-1.test.arff")
        let monks = folder + "/monks.json"
        #expect(CLI.run(["train", CLI.fixture("data/monks/monks-1.train.arff"), "--tasks", "class", "-o", monks]).status == 0)
        let viaStdin = try CLI.process(
            ["predict", monks, "-", "--input-format", "arff"], standardInput: try FileHandle(forReadingFrom: URL(fileURLWithPath: arff)))
        #expect(viaStdin.status == 0, "\(viaStdin.stderr)")
        #expect(viaStdin.stdout == CLI.run(["predict", monks, arff]).stdout)
    }
}
