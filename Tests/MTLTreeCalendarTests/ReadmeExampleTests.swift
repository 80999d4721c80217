import Foundation
import TestSupport
import Testing
import MTLTreeCalendar
import MTLTreeKit

/// The README's embedding example (`main.swift`), compiled and run as written:
/// the lines between the markers below must be the README's, from its first
/// comment to its end, so that the README cannot drift from code that builds.
/// Only the two paths it starts with are pointed at the fixture and a
/// temporary file. (`.ci/readme-embedding.sh` builds the README's
/// `Package.swift` and `main.swift` as a package of their own.)
struct ReadmeExampleTests {
    /// The README's Swift block that starts with `main.swift`'s comment, as lines.
    static func readmeMain() throws -> [String] {
        let readme = try String(contentsOf: FixturePaths.root.deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```swift\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
        let main = try #require(blocks.first { $0.hasPrefix("// MyTool/Sources/MyTool/main.swift\n") })
        return main.components(separatedBy: "\n")
    }

    /// The lines of this file between the markers, with their indentation removed.
    static func compiledMain() throws -> [String] {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8).components(separatedBy: "\n")
        let begin = try #require(source.firstIndex { $0.hasSuffix("// README main.swift begins") })
        let end = try #require(source.firstIndex { $0.hasSuffix("// README main.swift ends") })
        return source[(begin + 1) ..< end].map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : $0 }
    }

    @Test func theReadmeExampleIsTheCodeCompiledHere() throws {
        let readme = try Self.readmeMain()
        let compiled = try Self.compiledMain()
        #expect(readme.count > 20)
        // Imports and the two paths, then from the first comment on, the code below.
        let start = try #require(readme.firstIndex { $0.hasPrefix("// Learn a tree") })
        #expect(readme[1 ..< start].filter { !$0.isEmpty }.map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
            == ["import MTLTreeCalendar", "import MTLTreeKit", "let log", "let modelFile"])
        #expect(Array(readme[start...]) == compiled)
    }

    @Test func embeddingExampleRunsAsDocumented() throws {
        let log = FixturePaths.root.appendingPathComponent("calendar/meetings.csv").path
        let modelFile = NSTemporaryDirectory() + "readme-\(UUID().uuidString).model.json"
        defer { try? FileManager.default.removeItem(atPath: modelFile) }
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }

        // README main.swift begins
        // Learn a tree: location is the main task, the other three calendar tasks are extra tasks.
        var options = ReadOptions(format: .calendar)
        options.roles = RoleOptions(main: "location")
        let meetings = try Dataset.load(path: log, options: options)

        var configuration = InductionConfiguration()
        configuration.lambda = LambdaSpecification(shared: 0.25, perTask: ["duration": 0])
        let tree = try TreeInducer(configuration: configuration).fit(meetings).pruned(.default)
        print(try TreePrinter(tree: tree, options: PrintOptions(maxDepth: 2)).text())
        try TreeModel(tree).write(to: modelFile)

        // Later, or in another program: load the model and predict new rows.
        let model = try TreeModel.read(path: modelFile)
        let newMeetings = try Dataset.load(path: log, options: ReadOptions(format: .calendar))
        let predictions = try model.predict(newMeetings)
        for row in 0 ..< 3 {
            print(try predictions.label(task: "location", row: row), try predictions.label(task: "duration", row: row))
        }
        // README main.swift ends

        #expect(tree.schema.tasks.map(\.name) == ["location", "time_of_day", "day_of_week", "duration"])
        #expect(tree.lambdas == [1, 0.25, 0.25, 0])
        #expect(model.trees == [tree])
        #expect(printed.count == 4)
        #expect(printed[0].contains("root  n=2000"))
        // The rows' predictions are the tree's, by task name.
        let direct = try tree.predict(meetings)
        for row in 0 ..< 3 {
            #expect(printed[1 + row] == "\(direct.label(task: 0, row: row)) \(direct.label(task: 3, row: row))")
        }
    }

    @Test func predictionsAreReadByTaskName() throws {
        let log = FixturePaths.root.appendingPathComponent("calendar/meetings.csv").path
        let meetings = try Dataset.load(path: log, options: ReadOptions(format: .calendar))
        let tree = try TreeInducer(configuration: InductionConfiguration(maxDepth: 1)).fit(meetings)
        let predictions = try tree.predict(meetings)
        let t = try predictions.taskIndex(named: "duration")
        #expect(predictions.tasks[t] == "duration")
        #expect(try predictions.label(task: "duration", row: 5) == predictions.label(task: t, row: 5))
        let pairs = try predictions.probabilities(task: "duration", row: 5)
        #expect(pairs.map(\.class) == predictions.classes[t])
        #expect(pairs.map(\.probability) == Array(predictions.probabilities(task: t, row: 5)))
        let error = #expect(throws: MTLError.self) { try predictions.label(task: "durration", row: 0) }
        #expect(error?.kind == .usage)
        #expect(error?.description.contains("did you mean 'duration'?") == true)
    }
}
