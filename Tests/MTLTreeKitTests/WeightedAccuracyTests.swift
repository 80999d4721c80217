import Testing
@testable import MTLTreeKit

/// `accuracy(on:)` weighs each labelled row by its weight, as
/// `accuracies(on:tasks:)` does, so the two give the same accuracy; rows
/// weigh 1 unless the data weigh them. Expected weights counted by hand.
struct WeightedAccuracyTests {
    /// A tree that predicts p where x = a and q where x = b (8 rows, unweighted).
    static func tree() throws -> MultitaskTree {
        let x: [String?] = ["a", "a", "a", "a", "b", "b", "b", "b"]
        let y: [String?] = ["p", "p", "p", "p", "q", "q", "q", "q"]
        let tree = try TreeInducer().fit(try TestData.dataset([TestData.input("x", x), TestData.task("y", y)]))
        #expect(tree.nodeCount == 3)
        return tree
    }

    @Test func weightedRowsCountWithTheirWeight() throws {
        let tree = try Self.tree()
        // Right: (a, p) 2 and (b, q) 1; wrong: (a, q) 0.5 and (b, p) 1.5; unlabelled: 3.
        let test = try TestData.dataset(
            [TestData.input("x", ["a", "a", "b", "b", "a"]), TestData.task("y", ["p", "q", "q", "p", nil])],
            weights: [2, 0.5, 1, 1.5, 3])
        let counts = try tree.accuracy(on: test)
        #expect(counts.count == 1)
        #expect(counts[0].correct == 3)
        #expect(counts[0].labelled == 5)
        #expect(try tree.accuracies(on: test, tasks: ["y"]) == [0.6])
        // Unweighted, the same rows count 1 each: 2 right of 4 labelled.
        let plain = try TestData.dataset(
            [TestData.input("x", ["a", "a", "b", "b", "a"]), TestData.task("y", ["p", "q", "q", "p", nil])])
        #expect(try tree.accuracy(on: plain)[0].correct == 2)
        #expect(try tree.accuracy(on: plain)[0].labelled == 4)
        #expect(try tree.accuracies(on: plain, tasks: ["y"]) == [0.5])
    }

    /// What `train` reports on weighted data: the training rows' weights.
    @Test func trainingAccuracyOnWeightedRows() throws {
        // a: p weighs 1 + 2, q 0.5; b: q weighs 1 + 3, p 0.25. The tree
        // predicts p for a and q for b: right 3 + 4 = 7 of 7.75.
        let data = try TestData.dataset(
            [TestData.input("x", ["a", "a", "a", "b", "b", "b"]), TestData.task("y", ["p", "p", "q", "q", "q", "p"])],
            weights: [1, 2, 0.5, 1, 3, 0.25])
        let tree = try TreeInducer(configuration: InductionConfiguration(minLeafWeight: 1)).fit(data)
        #expect(tree.nodeCount == 3)
        for counts in [try tree.accuracy(on: data), try tree.trainingAccuracy(grownOn: data)] {
            #expect(counts[0].correct == 7)
            #expect(counts[0].labelled == 7.75)
        }
        #expect(try tree.accuracies(on: data, tasks: ["y"]) == [7 / 7.75])
    }
}
