import Testing
@testable import MTLTreeKit

/// `tune` scores each tree by its main task's error, walking only the main
/// task's path, with the test fold's inputs bound once for all the grid's
/// trees. That error must be one minus the main task's accuracy from the full
/// prediction of every task.
struct MainTaskErrorTests {
    /// Bridges: missing values, nominal tests, values a test fold never saw in
    /// training, five tasks whose pruned views stop at different depths.
    @Test(arguments: ["TYPE", "MATERIAL", "SPAN"])
    func mainTaskAloneMatchesTheFullPrediction(main: String) throws {
        let roles = RoleOptions(tasks: ["T-OR-D", "MATERIAL", "SPAN", "REL-L", "TYPE"], main: main, ignore: ["IDENTIF"])
        let dataset = try Dataset.load(path: FixturePaths.data("bridges.arff"), options: ReadOptions(roles: roles))
        // Every third row held out: the test rows.
        let test = dataset.subset(rows: Array(stride(from: 0, to: dataset.rowCount, by: 3)))
        let training = dataset.subset(rows: (0 ..< dataset.rowCount).filter { $0 % 3 != 0 })
        let lambdas: [LambdaSpecification] = [.init(shared: 0), .init(shared: 0.5), .init(shared: 2)]
        let trees = try TreeInducer(configuration: InductionConfiguration(minLeafWeight: 1)).fit(training, lambdas: lambdas)
        let bound = try _BoundInputs(trees[0].schema, test)
        var errors: [Double] = []
        for grown in trees {
            for tree in [grown, grown.pruned(PruningConfiguration(confidence: 0.25, perTask: true))] {
                let expected = 1 - (try tree.accuracies(on: test, tasks: [main])[0])
                #expect(try tree.mainTaskError(on: test, bound: bound) == expected)
                #expect(try tree.mainTaskError(on: test) == expected)
                errors.append(expected)
            }
        }
        // The trees differ, so the errors are not all one value by accident.
        #expect(Set(errors).count > 1)
    }
}
