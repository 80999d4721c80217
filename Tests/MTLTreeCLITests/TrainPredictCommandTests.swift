import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

struct TrainPredictCommandTests {
    @Test func trainWritesAModelAndPredictReproducesTrainingPredictions() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = CLI.fixture("data/bridges.arff")
        let model = folder + "/bridges.json"
        let train = CLI.run(["train", data, "--tasks", "T-OR-D,MATERIAL,SPAN,REL-L,TYPE", "--main", "MATERIAL", "--ignore", "IDENTIF", "--lambda", "0.5", "-o", model])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("trained on bridges: 107 rows, 7 inputs, 5 tasks"))
        #expect(train.stderr.contains("wrote model to \(model)"))
        let predict = CLI.run(["predict", model, data])
        #expect(predict.status == 0, "\(predict.stderr)")
        let lines = predict.stdout.split(separator: "\n")
        #expect(lines.count == 108)
        #expect(lines[0] == "MATERIAL,T-OR-D,SPAN,REL-L,TYPE")
        // The same predictions as the library gives for the saved model.
        let loaded = try TreeModel.read(path: model)
        let dataset = try Dataset.load(path: data, options: ReadOptions(roles: RoleOptions(ignore: ["IDENTIF"])))
        let expected = try loaded.predict(dataset)
        for row in 0 ..< 107 {
            #expect(lines[row + 1] == (0 ..< 5).map { expected.label(task: $0, row: row) }.joined(separator: ","))
        }
    }

    @Test func probabilitiesAddOneColumnPerClassSummingToOne() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = CLI.fixture("data/monks/monks-1.train.arff")
        let model = folder + "/m.json"
        #expect(CLI.run(["train", data, "--tasks", "class", "-o", model]).status == 0)
        let out = folder + "/p.csv"
        let predict = CLI.run(["predict", model, data, "--probabilities", "-o", out])
        #expect(predict.status == 0)
        #expect(predict.stdout.isEmpty)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines[0] == "class,class:0,class:1")
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",")
            #expect(abs(Double(fields[1])! + Double(fields[2])! - 1) < 2e-6)
        }
    }

    @Test func defaultModelPathIsNamedAfterTheData() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let previous = FileManager.default.currentDirectoryPath
        try #require(FileManager.default.changeCurrentDirectoryPath(folder))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let train = CLI.run(["train", CLI.fixture("data/monks/monks-2.train.arff"), "--tasks", "class"])
        #expect(train.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/monks-2.train.model.json"))
    }

    @Test(arguments: [
        (["train"], 64, "missing DATA"),
        (["train", "nope.csv", "--tasks", "a"], 66, "cannot open 'nope.csv': No such file"),
        (["trian"], 64, "did you mean 'train'?"),
        (["train", "x.csv", "--min-leaf", "zero"], 64, "--min-leaf takes a number"),
        (["train", "x.csv", "--criterion", "gini"], 64, "--criterion takes gain-ratio or gain"),
        (["train", "x.csv", "--lambdaa", "1"], 64, "did you mean '--lambda'?"),
        // A forgotten value: the next option is not taken as it.
        (["train", "x.csv", "--tasks", "--main", "a"], 64, "mtltree train: error: --tasks needs a value, not the option '--main'"),
        (["train", "x.csv", "--tasks", "a", "--output", "-o", "m.json"], 64, "mtltree train: error: --output needs a value, not the option '-o'"),
        (["predict", "missing-model.json", "x.csv"], 66, "missing-model.json: error: no such file"),
        // The output is checked before the data is even read.
        (["train", "x.csv", "--tasks", "a", "-o", "/nonexistent-folder/m.json"], 73, "no folder '/nonexistent-folder'"),
    ])
    func badCommandLinesGiveOneLineErrors(arguments: [String], status: Int32, message: String) {
        let result = CLI.run(arguments)
        #expect(result.status == status)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    /// `--` ends the options: what follows is positional even if it looks
    /// like an option, and no option takes its value from past it.
    @Test func aDoubleDashEndsTheOptions() throws {
        var arguments = Arguments(["--tasks", "a,b", "--", "--main", "-d.csv"])
        #expect(try arguments.list("--tasks") == ["a", "b"])
        #expect(try arguments.value("--main") == nil)
        #expect(try arguments.positionals() == ["--main", "-d.csv"])
        var dangling = Arguments(["data.csv", "--main", "--", "x"])
        #expect(throws: MTLError(.usage, "--main needs a value")) { try dangling.value("--main") }
        let result = CLI.run(["describe", "--", "--tasks.csv"])
        #expect(result.status == 66)
        #expect(result.stderr == "mtltree describe: error: cannot open '--tasks.csv': No such file or directory\n")
    }

    /// λ may be any finite number; the training report shows a huge one in exponent form.
    @Test func aHugeLambdaIsReportedNotTrappedOn() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/m.json"
        let train = CLI.run(["train", CLI.fixture("data/bridges.arff"), "--tasks", "T-OR-D,MATERIAL", "--main", "MATERIAL",
                             "--ignore", "IDENTIF", "--lambda", "1e300", "-o", model])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("T-OR-D     1e+300  0.85"))
        #expect(CLI.run(["print", model]).status == 0)
    }

    /// A task whose every cell is missing has no classes: train crashed on it,
    /// and evaluate, tune and curve reported `nan` with status 0.
    @Test(arguments: [
        ["train", "--main", "play"], ["train", "--main", "x"], ["train", "--main", "all"],
        ["evaluate", "--main", "play", "--folds", "2"], ["evaluate", "--main", "x", "--folds", "2"],
        ["tune", "--main", "play", "--folds", "2"], ["curve", "--main", "play", "--folds", "2"],
    ])
    func aTaskWithNoLabelsIsBadData(arguments: [String]) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = try CLI.file("d.csv", "a,play,x\n1,yes,\n2,no,?\n3,yes,NA\n4,no,\n", in: folder)
        let model = folder + "/m.json"
        let output = arguments[0] == "train" ? ["-o", model] : []
        let run = CLI.run([arguments[0], data, "--tasks", "play,x"] + output + arguments.dropFirst())
        expectError(run, 65, "mtltree \(arguments[0]): \(data): error: task 'x' has no labelled rows (every cell is missing), so there is nothing to learn")
        #expect(!FileManager.default.fileExists(atPath: model))
    }

    @Test func unknownTaskSuggestsTheClosestColumn() {
        let result = CLI.run(["train", CLI.fixture("data/bridges.arff"), "--tasks", "MATERIAl"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("did you mean 'MATERIAL'?"))
    }

    /// `--main all` without tasks wrote a model of no trees, which no command could read.
    @Test func mainAllNeedsTasks() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/m.json"
        expectError(
            CLI.run(["train", CLI.fixture("data/monks/monks-1.train.arff"), "--main", "all", "-o", model]), 64,
            "mtltree train: error: --main all grows one tree per task: name the tasks with --tasks")
        #expect(!FileManager.default.fileExists(atPath: model))
    }

    /// An output naming a file the command reads (by any name) would replace
    /// it: a usage error before any work, the file untouched.
    @Test(.enabled(if: CLI.binary != nil, "needs the built mtltree binary"))
    func anOutputThatIsAnInputIsRefused() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = "size,class\n1,a\n2,a\n3,b\n4,b\n"
        let data = try CLI.file("t.csv", text, in: folder)
        let model = folder + "/m.json"
        #expect(try CLI.process(["train", data, "--tasks", "class", "-o", model]).status == 0)
        let modelText = try String(contentsOfFile: model, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: data)
        let cases: [([String], String, String)] = [
            (["train", data, "--tasks", "class", "-o", folder + "/./t.csv"], folder + "/./t.csv", data),
            (["train", data, "--tasks", "class", "-o", folder + "/link.csv"], folder + "/link.csv", data),
            (["predict", model, data, "-o", model], model, model),
            (["predict", model, data, "-o", data], data, data),
            (["tune", data, "--tasks", "class,size", "--nominal", "size", "--main", "class", "--plot", data], data, data),
        ]
        for (arguments, output, input) in cases {
            let run = try CLI.process(arguments)
            #expect(run.status == 64)
            #expect(run.stderr == "mtltree \(arguments[0]): error: the output '\(output)' is the input '\(input)', which it would replace: write elsewhere\n")
        }
        #expect(try String(contentsOfFile: data, encoding: .utf8) == text)
        #expect(try String(contentsOfFile: model, encoding: .utf8) == modelText)
    }

    @Test func lambdaNeedsAMainTask() {
        let result = CLI.run(["train", CLI.fixture("data/bridges.arff"), "--tasks", "MATERIAL,SPAN", "--lambda", "0.5"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--main"))
    }

    /// Predictions that never reached standard output (a full disk) are an error, not
    /// status 0; and a full device given as -o is written in place, not replaced.
    @Test(.enabled(if: CLI.binary != nil && FileManager.default.fileExists(atPath: "/dev/full"), "needs the binary and /dev/full"))
    func lostOutputIsAnError() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/m.json"
        let data = CLI.fixture("data/monks/monks-1.train.arff")
        #expect(CLI.run(["train", data, "--tasks", "class", "-o", model]).status == 0)
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        for arguments in [["predict", model, data], ["print", model], ["--help"]] {
            let run = try CLI.process(arguments, standardOutput: full)
            let name = arguments[0].hasPrefix("-") ? "mtltree" : "mtltree " + arguments[0]
            #expect(run.status == 73)
            #expect(run.stderr == "\(name): error: cannot write to standard output: No space left on device\n")
        }
        try FileManager.default.createSymbolicLink(atPath: folder + "/full", withDestinationPath: "/dev/full")
        let run = try CLI.process(["predict", model, data, "-o", folder + "/full"])
        #expect(run.status == 73)
        #expect(run.stderr == "mtltree predict: error: cannot write '\(folder)/full': No space left on device\n")
    }

    /// A row with a missing value is predicted by walking every branch below it,
    /// one stack frame per level: on a deep model (train grows thousands of
    /// levels on alternating classes) that overflowed the main thread's stack.
    /// The process's main stack is held to 256 KiB, so that 3,000 levels (each a
    /// few frames of a few hundred bytes, in the walk, the JSON reader and the
    /// rule printer) overflow it unless the command runs on its own large stack.
    @Test(.enabled(if: CLI.binary != nil, "needs the built mtltree binary"))
    func aVeryDeepModelPredictsAndPrints() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let depth = 3_000
        var nodes: [MultitaskTree.Node] = []
        var counts: [Double] = []
        for level in 0 ..< depth {
            nodes.append(.init(weight: Double(depth - level + 1), test: .numeric(attribute: 0, threshold: Double(level)),
                               firstChild: nodes.count + 1, childCount: 2, score: 0.1))
            nodes.append(.init(weight: 1))
            counts += [1, 1, 1, 0]
        }
        nodes.append(.init(weight: 1))
        counts += [0, 1]
        let schema = TreeSchema(
            attributes: [.init(name: "x", type: .numeric)], tasks: [.init(name: "play", classes: ["yes", "no"])], hasMainTask: false)
        let tree = MultitaskTree(
            schema: schema, configuration: InductionConfiguration(), lambdas: [1], nodes: nodes, classCounts: counts,
            gains: nodes.map { $0.isLeaf ? 0 : 0.1 }, trainingData: ("chain", depth + 1))
        let model = folder + "/deep.json"
        try TreeModel(tree).write(to: model)
        let data = try CLI.file("rows.csv", "x\n-1\n?\n99999999\n", in: folder)
        let predict = try CLI.process(["predict", model, data], stackKiB: 256)
        #expect(predict.status == 0, "\(predict.stderr.prefix(300))")
        #expect(predict.stdout == "play\nyes\nyes\nno\n")
        let print = try CLI.process(["print", model, "--format", "rules"], stackKiB: 256)
        #expect(print.status == 0, "\(print.stderr.prefix(300))")
        #expect(print.stdout.hasSuffix("IF x > 999 THEN play = yes [0.50, n=2001] (cut: … 4000 more nodes, 2001 leaves below)\n"))
    }

    /// Under a limit on address space too tight for the 256 MiB stack, the command
    /// runs on the main thread's own stack: it used to wait forever for a thread
    /// that never started.
    @Test(.enabled(if: CLI.binary != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/timeout"), "needs the binary and timeout"))
    func aTightMemoryLimitDoesNotHang() throws {
        let binary = try #require(CLI.binary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["-s", "KILL", "30", "/bin/sh", "-c", "ulimit -v 250000 && exec \"$0\" describe \"$1\" --tasks class", binary,
                             CLI.fixture("data/monks/monks-1.train.arff")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func predictWithoutAnInputColumnIsAClearError() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/m.json"
        #expect(CLI.run(["train", CLI.fixture("data/monks/monks-1.train.arff"), "--tasks", "class", "-o", model]).status == 0)
        let csv = folder + "/rows.csv"
        try "head_shape,body_shape\n1,1\n".write(toFile: csv, atomically: true, encoding: .utf8)
        expectError(
            CLI.run(["predict", model, csv]), 65,
            "mtltree predict: \(csv): error: the data have no column 'is_smilling', an input the model tests (their columns: head_shape, body_shape)")
        // A column the model tests as numeric, holding text: the file, the cell's line and column, and the data row.
        let numeric = folder + "/numeric.json"
        let train = try CLI.file("t.csv", "size,class\n1,a\n2,a\n3,b\n4,b\n", in: folder)
        #expect(CLI.run(["train", train, "--tasks", "class", "--min-leaf", "1", "-o", numeric]).status == 0)
        let text = try CLI.file("text.csv", "size\n2\nbig\n", in: folder)
        expectError(
            CLI.run(["predict", numeric, text]), 65,
            "mtltree predict: \(text):3:1: error: column 'size' is numeric in the model, but data row 2 has the value 'big'")
    }

    @Test func corruptModelFailsWithoutWritingOutput() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/m.json"
        try "{\"format\": \"mtltree-model\", \"version\": 1, \"trees\": [{\"schema\": ".write(toFile: model, atomically: true, encoding: .utf8)
        let out = folder + "/out.csv"
        let result = CLI.run(["predict", model, CLI.fixture("data/monks/monks-1.test.arff"), "-o", out])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("mtltree predict: \(model):"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test(.enabled(if: CLI.binary != nil, "needs the built mtltree binary"))
    func realProcessExitsWithTheDocumentedStatuses() throws {
        #expect(try CLI.process(["--version"]).status == 0)
        #expect(try CLI.process([]).status == 64)
        let missing = try CLI.process(["describe", "/nonexistent/data.csv"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "mtltree describe: error: cannot open '/nonexistent/data.csv': No such file or directory\n")
    }
}
