import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

struct PrintCommandTests {
    /// Play-tennis with a second task: a model file of one tree (main task play) or of
    /// one tree per task (as `--main all` writes), in a fresh folder.
    static func model(specialists: Bool = false) throws -> (path: String, trees: [MultitaskTree]) {
        func nominal(_ name: String, _ text: String, role: Role = .input) -> Column {
            let cells = text.split(separator: " ").map(String.init)
            var values: [String] = []
            for cell in cells where !values.contains(cell) { values.append(cell) }
            let codes = cells.map { Int32(values.firstIndex(of: $0)!) }
            return Column(name: name, role: role, storage: .nominal(NominalColumn(codes: codes, values: values)))
        }
        let columns = [
            nominal("outlook", "sunny sunny overcast rainy rainy rainy overcast sunny sunny rainy sunny overcast overcast rainy"),
            Column(name: "humidity", storage: .numeric([85, 90, 86, 96, 80, 70, 65, 95, 70, 80, 70, 90, 75, 91])),
            nominal("play", "no no yes yes yes no yes no yes yes yes yes yes no", role: .task),
            nominal("indoor", "yes yes no no no yes no yes no no yes no no yes", role: .task),
        ]
        let inducer = TreeInducer(configuration: InductionConfiguration(criterion: .gain, minLeafWeight: 1))
        let mains = specialists ? ["play", "indoor"] : ["play"]
        let trees = try mains.map { try inducer.fit(Dataset(name: "tennis", columns: columns, mainTask: $0)) }
        let path = try CLI.temporaryFolder() + "/tennis.model.json"
        try TreeModel(trees: trees).write(to: path)
        return (path, trees)
    }

    @Test(arguments: PrintFormat.allCases)
    func printsWhatTheLibraryPrints(format: PrintFormat) throws {
        let (path, trees) = try Self.model()
        let result = CLI.run(["print", path, "--format", format.rawValue, "--gains", "--max-depth", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let printer = try TreePrinter(tree: trees[0], options: PrintOptions(maxDepth: 1, gains: true))
        if format == .json {
            // Always {"trees": [...]}, one tree or several.
            let document = try JSONValue.parse(Array(result.stdout.utf8))
            #expect(document == .object([("trees", .array([printer.json()]))]))
        } else {
            #expect(result.stdout == printer.render(format))
        }
    }

    @Test func textIsTheDefaultAndStartsWithTheHeader() throws {
        let (path, _) = try Self.model()
        let result = CLI.run(["print", path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("trained on tennis: 14 rows\ntasks: play (main task, λ 1) · indoor (λ 1)\n"))
        #expect(result.stdout.contains("\nroot  n=14\n├─ outlook = sunny"))
    }

    @Test func taskAndAsciiOptions() throws {
        let (path, _) = try Self.model()
        let result = CLI.run(["print", path, "--task", "indoor", "--ascii"])
        #expect(result.status == 0)
        #expect(result.stdout.utf8.allSatisfy { $0 < 128 })
        #expect(result.stdout.contains("|-- outlook = overcast  n=4  -> indoor=no (0.83, 4/4)\n"))
        #expect(!result.stdout.contains("play="))
    }

    @Test func unknownTaskIsAUsageErrorSuggestingTheClosest() throws {
        let (path, _) = try Self.model()
        let result = CLI.run(["print", path, "--task", "indor"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "mtltree print: error: no task named 'indor' in the model; did you mean 'indoor'? Tasks: play, indoor\n")
    }

    @Test(arguments: [
        (["--format", "svg"], "--format takes text, dot, json or rules, not 'svg'"),
        (["--max-depth", "-1"], "--max-depth takes a whole number from 0 to 100000, not '-1'"),
        (["--tree", "2"], "--tree 2: the model has 1 tree"),
        (["--tree", "1", "--main-task", "play"], "give --tree or --main-task, not both"),
        (["--colour"], "unknown option '--colour'"),
    ])
    func badOptionsAreUsageErrors(options: [String], message: String) throws {
        let (path, _) = try Self.model()
        let result = CLI.run(["print", path] + options)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("mtltree print: error: " + message))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func missingModelFileExits66WithOneLine() throws {
        let path = try CLI.temporaryFolder() + "/nothing.json"
        let result = CLI.run(["print", path])
        #expect(result.status == 66)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "mtltree print: \(path): error: no such file\n")
    }

    @Test(arguments: ["{\"format\": \"mtltree-model\", \"version\": 1, \"trees\": [", "not json at all", ""])
    func corruptModelFileExits65WithOneLine(text: String) throws {
        let path = try CLI.temporaryFolder() + "/corrupt.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = CLI.run(["print", path])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("mtltree print: \(path)"))
        #expect(result.stderr.contains("error: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: [
        (true, [:], true), (false, [:], false), (true, ["NO_COLOR": "1"], false), (true, ["NO_COLOR": ""], true),
        (true, ["TERM": "dumb"], false),
    ] as [(Bool, [String: String], Bool)])
    func colourOnlyOnATerminalWithoutNoColor(terminal: Bool, environment: [String: String], coloured: Bool) throws {
        let (path, _) = try Self.model()
        var (console, captured) = Console.capturing(environment: environment)
        console.stdoutIsTerminal = terminal
        #expect(MTLTreeTool.run(["print", path], console: console) == 0)
        #expect(captured.stdout.contains("\u{1B}[") == coloured)
        // Never in formats a program reads.
        (console, captured) = Console.capturing(environment: environment)
        console.stdoutIsTerminal = terminal
        #expect(MTLTreeTool.run(["print", path, "--format", "dot"], console: console) == 0)
        #expect(!captured.stdout.contains("\u{1B}"))
    }

    @Test func aModelOfSeveralTreesPrintsEachOrTheOneAskedFor() throws {
        let (path, trees) = try Self.model(specialists: true)
        let all = CLI.run(["print", path])
        #expect(all.status == 0)
        let first = try TreePrinter(tree: trees[0]).text()
        let second = try TreePrinter(tree: trees[1]).text()
        #expect(all.stdout == "== tree 1 of 2: main task play ==\n" + first + "\n== tree 2 of 2: main task indoor ==\n" + second)
        #expect(CLI.run(["print", path, "--tree", "2"]).stdout == second)
        #expect(CLI.run(["print", path, "--main-task", "indoor"]).stdout == second)
        // DOT: one graph, a cluster per tree (dot -Tsvg reads only the first of several graphs).
        let dot = CLI.run(["print", path, "--format", "dot"]).stdout
        let printers = try trees.map { try TreePrinter(tree: $0) }
        #expect(dot == TreePrinter.dot(printers, titles: ["tree 1 of 2: main task play", "tree 2 of 2: main task indoor"], name: "tennis"))
        #expect(dot.components(separatedBy: "digraph").count == 2 && dot.contains("subgraph cluster_2 {"))
        #expect(CLI.run(["print", path, "--format", "dot", "--tree", "2"]).stdout == printers[1].dot())
        let rules = CLI.run(["print", path, "--format", "rules"]).stdout
        #expect(rules.hasPrefix("# tree 1 of 2: main task play\nIF "))
        let json = try JSONValue.parse(Array(CLI.run(["print", path, "--format", "json"]).stdout.utf8))
        #expect(json["trees"]?.arrayValue?.map { $0["main_task"] } == [.string("play"), .string("indoor")])
        let wrong = CLI.run(["print", path, "--main-task", "indor"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("did you mean 'indoor'? Main tasks: play, indoor"))
        #expect(CLI.run(["print", path, "--main-task", "zzzzzz"]).stderr
            == "mtltree print: error: no tree of the model has the main task 'zzzzzz'. Main tasks: play, indoor\n")
        #expect(CLI.run(["print", path, "--task", "zzzzzz"]).stderr
            == "mtltree print: error: no task named 'zzzzzz' in the model. Tasks: play, indoor\n")
    }

    @Test func helpListsEveryOption() throws {
        let result = CLI.run(["print", "--help"])
        #expect(result.status == 0)
        for option in ["--format", "--task", "--max-depth", "--gains", "--ascii", "--tree", "--main-task", "NO_COLOR"] {
            #expect(result.stdout.contains(option))
        }
        #expect(CLI.run(["--help"]).stdout.contains("  print  "))
    }
}
