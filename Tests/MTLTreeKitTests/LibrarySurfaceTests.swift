import Foundation
import TestSupport
import Testing

@testable import MTLTreeKit

/// What an embedding program meets: invariants it cannot break, errors
/// instead of traps, errors in the library's words with hints a front end
/// words its own way, and defaults that agree.
@Suite("The library's public surface")
struct LibrarySurfaceTests {
    static func small() throws -> Dataset {
        try TestData.dataset([
            TestData.input("x", ["a", "a", "b", "b"]), TestData.task("y", ["p", "p", "q", "q"]),
            TestData.task("z", ["u", "v", "u", "v"]),
        ], main: "y")
    }

    @Test(
        "row weights are checked when set, and left as they were if refused",
        arguments: [[1, 2, 3], [1, 1, -1, 1], [1, .nan, 1, 1], [1, .infinity, 1, 1]] as [[Double]])
    func weightsAreChecked(bad: [Double]) throws {
        var d = try Self.small()
        let error = #expect(throws: MTLError.self) { try d.setWeights(bad) }
        #expect(error?.kind == .badData)
        #expect(d.weights == [1, 1, 1, 1])
        try d.setWeights([0.5, 2, 0, 1])
        #expect(d.weights == [0.5, 2, 0, 1])
    }

    /// One split on `x` into two leaves; task `y` with two classes.
    static func parts() throws -> (schema: TreeSchema, nodes: [MultitaskTree.Node]) {
        let schema = TreeSchema(
            attributes: [.init(name: "x", type: .nominal, values: ["a", "b"])], tasks: [.init(name: "y", classes: ["p", "q"])],
            hasMainTask: true)
        let nodes: [MultitaskTree.Node] = [
            .init(weight: 4, test: .nominal(attribute: 0, branches: [0, 1]), firstChild: 1, childCount: 2, score: 1),
            .init(weight: 2), .init(weight: 2),
        ]
        return (schema, nodes)
    }

    static func tree(
        nodes: [MultitaskTree.Node]? = nil, lambdas: [Double] = [1], counts: [Double] = [2, 2, 2, 0, 0, 2], gains: [Double] = [1, 0, 0],
        stops: [Bool] = []
    ) throws -> MultitaskTree {
        let (schema, good) = try parts()
        return try MultitaskTree(
            schema: schema, configuration: InductionConfiguration(), lambdas: lambdas, nodes: nodes ?? good,
            classCounts: counts, gains: gains, taskStops: stops, trainingData: ("t", 4))
    }

    @Test("a tree built from parts that fit predicts; parts that do not fit are refused, not trapped on")
    func treeInitValidates() throws {
        let tree = try Self.tree()
        #expect(try tree.predict(Self.small()).labels[0] == [0, 0, 1, 1])
        let root = MultitaskTree.Node(weight: 4, test: .nominal(attribute: 0, branches: [0, 1]), firstChild: 1, childCount: 2, score: 1)
        let leaf = MultitaskTree.Node(weight: 2)
        let bad: [(String, () throws -> MultitaskTree)] = [
            ("λ", { try Self.tree(lambdas: [1, 1]) }),
            ("class counts", { try Self.tree(counts: [2, 2, 2, 0]) }),
            ("gains", { try Self.tree(gains: [1]) }),
            ("task stops", { try Self.tree(stops: [true]) }),
            ("child range", { try Self.tree(nodes: [root, leaf], counts: [2, 2, 2, 0], gains: [1, 0]) }),
            ("attribute", { try Self.tree(nodes: [.init(weight: 4, test: .nominal(attribute: 3, branches: [0, 1]), firstChild: 1, childCount: 2), leaf, leaf]) }),
            ("numeric test", { try Self.tree(nodes: [.init(weight: 4, test: .numeric(attribute: 0, threshold: 1), firstChild: 1, childCount: 2), leaf, leaf]) }),
            ("one of its values", { try Self.tree(nodes: [.init(weight: 4, test: .nominal(attribute: 0, branches: [0, 7]), firstChild: 1, childCount: 2), leaf, leaf]) }),
            ("no node has node 1", { try Self.tree(nodes: [.init(weight: 4), leaf, leaf], gains: [0, 0, 0]) }),
            ("children but no test", { try Self.tree(nodes: [.init(weight: 4, firstChild: 1, childCount: 2), leaf, leaf]) }),
        ]
        for (what, make) in bad {
            let error = #expect(throws: MTLError.self, "\(what)") { try make() }
            #expect(error?.kind == .usage)
            #expect(error?.message.contains(what) == true, "\(error?.message ?? "") should name \(what)")
        }
    }

    @Test("λ tuning measures pruned trees by default, as tuneLambda and train do")
    func tunerPrunesByDefault() {
        #expect(LambdaTuner().pruning == .default)
    }

    @Test("library errors name tasks and options, not command-line flags; the hint is apart")
    func errorsSpeakOfTasks() throws {
        let path = try FixturePaths.scratch("d.csv", "a,b\n1,x\n2,y\n")
        var errors: [MTLError] = []
        for roles in [RoleOptions(tasks: ["nope"]), RoleOptions(main: "nope"), RoleOptions(ignore: ["nope"]), RoleOptions(nominal: ["nope"])] {
            errors.append(try #require(throws: MTLError.self) { try Dataset.load(path: path, options: ReadOptions(roles: roles)) })
        }
        let d = try Dataset.load(path: path, options: ReadOptions(roles: RoleOptions(tasks: ["b"])))
        errors.append(try #require(throws: MTLError.self) { try TreeInducer().fit(Dataset.load(path: path)) })
        errors.append(try #require(throws: MTLError.self) { try LambdaTuner().tune(d) })
        errors.append(try #require(throws: MTLError.self) { try LambdaTuner().tune(d.withMainTask("b")) })
        errors.append(try #require(throws: MTLError.self) { try Dataset.load(path: path, options: ReadOptions(maxNominalValues: 1)) })
        for error in errors {
            #expect(!error.description.contains("--"), "\(error)")
        }
        #expect(errors[0].message == "no column named 'nope' (named as a task). Columns: a, b")
        #expect(errors[4].hint == .nameTasks)
        #expect(errors[5].description == "error: tuning λ needs a main task: name one")
        #expect(errors[6].hint == .nameExtraTasks)
        #expect(errors[7].hint == .ignoreOrRaiseLimit(column: "b"))
    }
}
