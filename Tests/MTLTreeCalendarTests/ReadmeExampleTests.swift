import Foundation
import Testing
import MTLTreeCalendar
import MTLTreeKit

/// The README's embedding example, compiled and run as written (paths made absolute).
struct ReadmeExampleTests {
    @Test func embeddingExampleRunsAsDocumented() throws {
        let fixture = FixturePaths.root.appendingPathComponent("calendar/meetings.csv").path
        let modelPath = NSTemporaryDirectory() + "readme-\(UUID().uuidString).model.json"
        defer { try? FileManager.default.removeItem(atPath: modelPath) }

        var options = ReadOptions(format: .calendar)
        options.roles = RoleOptions(main: "location")  // the four calendar tasks are the default tasks
        let meetings = try Dataset.load(path: fixture, options: options)

        var configuration = InductionConfiguration()
        configuration.lambda = LambdaSpecification(shared: 0.25, perTask: ["duration": 0])
        let tree = try TreeInducer(configuration: configuration).fit(meetings).pruned(.default)

        let predictions = try tree.predict(meetings)
        let drawing = try TreePrinter(tree: tree, options: PrintOptions(maxDepth: 2)).text()
        try TreeModel(tree).write(to: modelPath)

        #expect(tree.schema.tasks.map(\.name) == ["location", "time_of_day", "day_of_week", "duration"])
        #expect(tree.lambdas == [1, 0.25, 0.25, 0])
        #expect(predictions.tasks.count == 4)
        #expect(abs(predictions.probabilities(task: 0, row: 0).reduce(0, +) - 1) < 1e-9)
        #expect(drawing.contains("root  n=2000"))
        #expect(try TreeModel.read(path: modelPath).trees == [tree])
    }
}
