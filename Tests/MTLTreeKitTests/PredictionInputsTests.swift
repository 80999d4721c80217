import Testing
@testable import MTLTreeKit

/// Prediction binds only the inputs a tree tests (issue #17): a column the
/// tree never looks at may be absent from the data.
struct PredictionInputsTests {
    @Test func onlyTheTestedInputsAreNeeded() throws {
        let data = try TestData.random(seed: 5, rows: 300)
        let tree = try TreeInducer(configuration: InductionConfiguration(maxDepth: 1)).fit(data)
        // One split: the root's attribute is the only input the tree tests.
        let tested = try #require(tree.nodes[0].test?.attribute)
        #expect(tree.nodes.allSatisfy { $0.test == nil || $0.test?.attribute == tested })
        let testedName = tree.schema.attributes[tested].name
        let untested = tree.schema.attributes.map(\.name).filter { $0 != testedName }
        #expect(untested.count == 4)

        let narrow = try Dataset(name: "narrow", columns: data.columns.filter { !untested.contains($0.name) })
        #expect(try tree.predict(narrow) == tree.predict(data))
        #expect(try TreeModel(tree).predict(narrow) == TreeModel(tree).predict(data))
        #expect(try tree.accuracy(on: narrow).map(\.correct) == tree.accuracy(on: data).map(\.correct))

        let without = try Dataset(name: "without", columns: data.columns.filter { $0.name != testedName })
        let error = try #require(throws: MTLError.self) { try tree.predict(without) }
        #expect(error.kind == .badData)
        #expect(error.message.hasPrefix("the data have no column '\(testedName)', an input the model tests (their columns: task0, task1, task2, "))
    }
}
