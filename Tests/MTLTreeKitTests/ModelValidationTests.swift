import Testing
@testable import MTLTreeKit

/// Impossible numbers in a model file are refused on load, naming the member.
///
/// The base model is C4.5's weather data (14 rows of weight 1) split on
/// outlook by information gain: every number below is one a trained tree
/// cannot hold, and each used to be accepted (a node weight of −50 made
/// `predict --probabilities` print 1.71 for a class).
struct ModelValidationTests {
    static let tree: MultitaskTree = {
        let data = try! TestData.dataset(
            [TestData.input("outlook", GainTests.outlook), TestData.numeric("humidity", GainTests.humidity), TestData.task("play", GainTests.play)],
            main: "play")
        return try! TreeInducer(configuration: InductionConfiguration(criterion: .gain, minLeafWeight: 1)).fit(data)
    }()

    /// A step into a JSON document: an object's member or an array's element.
    enum Step {
        case member(String)
        case element(Int)
    }

    /// `json` with the value at `path` replaced by `value` (added if an object lacks the member).
    static func setting(_ json: JSONValue, _ path: ArraySlice<Step>, to value: JSONValue) -> JSONValue {
        guard let step = path.first else { return value }
        switch (step, json) {
        case (.member(let key), .object(var members)):
            if let k = members.firstIndex(where: { $0.0 == key }) {
                members[k].1 = setting(members[k].1, path.dropFirst(), to: value)
            } else {
                members.append((key, setting(.null, path.dropFirst(), to: value)))
            }
            return .object(members)
        case (.element(let i), .array(var items)):
            items[i] = setting(items[i], path.dropFirst(), to: value)
            return .array(items)
        default:
            return json
        }
    }

    /// The error reading the base model with `value` at `path` (under `trees[0]`).
    static func error(at path: [Step], _ value: JSONValue) throws -> MTLError {
        let json = setting(TreeModel(tree).json, [.member("trees"), .element(0)] + path, to: value)
        return try #require(throws: MTLError.self) { try TreeModel(json: json, file: "m.json") }
    }

    @Test func theBaseModelLoadsAndIsWhatTheCasesAssume() throws {
        let tree = Self.tree
        #expect(try TreeModel(json: TreeModel(tree).json) == TreeModel(tree))
        #expect(tree.nodes[0].weight == 14)
        #expect(tree.nodes[0].childCount == 3)
        #expect(Array(tree.counts(node: 0, task: 0)) == [5, 9])  // no, yes in order of appearance
    }

    @Test(arguments: [
        // Weights and counts: finite, non-negative, within the node's weight.
        ([Step.member("nodes"), .element(0), .member("weight")], JSONValue.number(-50),
            "trees[0].nodes[0].weight: -50 is negative"),
        ([.member("nodes"), .element(1), .member("counts")], .array([.array([.number(1e308), .number(1e308)])]),
            "trees[0].nodes[1].counts[0]: the counts add up to more than the largest number"),
        ([.member("nodes"), .element(0), .member("counts")], .array([.array([.number(5), .number(10)])]),
            "trees[0].nodes[0].counts[0]: the counts add up to 15, more than the node's weight 14"),
        ([.member("nodes"), .element(1), .member("weight")], .number(50),
            "trees[0].nodes[0].children: the children weigh 59 together, more than the node's weight 14"),
        // Scores and gains: a positive score equal to Σ λ · gain; outlook's gain is
        // H(9/14, 5/14) − (5/14 · H(2/5, 3/5) · 2) = 0.940286 − 0.693536 = 0.246750 bits (Quinlan: 0.247).
        ([.member("nodes"), .element(0), .member("score")], .number(.leastNonzeroMagnitude),
            "trees[0].nodes[0].score: 5e-324 is not a positive number equal to the gains weighted by λ (0.24674981977443922)"),
        ([.member("nodes"), .element(0), .member("score")], .number(-1),
            "trees[0].nodes[0].score: -1 is not a positive number equal to the gains weighted by λ (0.24674981977443922)"),
        ([.member("nodes"), .element(0), .member("gains")], .array([.number(-0.5)]),
            "trees[0].nodes[0].gains[0]: -0.5 is negative"),
        // Configuration and λ.
        ([.member("configuration"), .member("min_leaf")], .number(-1e308),
            "trees[0].configuration.min_leaf: -1e+308 is not a positive number"),
        ([.member("configuration"), .member("max_depth")], .number(-1.5),
            "trees[0].configuration.max_depth: expected a whole number ≥ 0 or null, not -1.5"),
        ([.member("configuration"), .member("lambda_shared")], .number(-2),
            "trees[0].configuration.lambda_shared: -2 is negative"),
        ([.member("lambda"), .member("play")], .number(-1),
            "trees[0].lambda.play: -1 is negative"),
    ])
    func impossibleNumbersAreRefused(path: [Step], value: JSONValue, message: String) throws {
        let error = try Self.error(at: path, value)
        #expect(error.kind == .badData)
        #expect(error.description == "m.json: error: invalid model: " + message)
    }
}
