import Foundation

/// A model file's content: a tree model (one tree, or specialists) or a forest.
///
/// Both are one JSON document with the same `format` and `version`; a
/// forest's has `"kind": "forest"`, its options and out-of-bag figures, and
/// its trees, each stored as a tree model stores its trees.
public enum ModelFile: Sendable, Equatable {
    case trees(TreeModel)
    case forest(MultitaskForest)

    /// Reads a model file of either kind.
    ///
    /// - Throws: ``MTLError``: `.inputMissing` if the file cannot be read;
    ///   `.badData` if it is not an mtltree model or is invalid.
    /// - Complexity: O(file size).
    public static func read(path: String) throws -> ModelFile {
        let bytes = try readAllBytes(path: path)
        guard !bytes.isEmpty else { throw MTLError(.badData, "empty file, not an mtltree model", file: path) }
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes, file: path)
        } catch let error as MTLError {
            var e = error
            e.message = "not an mtltree model (invalid JSON: \(error.message))"
            throw e
        }
        if json["kind"]?.stringValue == MultitaskForest.kind { return .forest(try MultitaskForest(json: json, file: path)) }
        return .trees(try TreeModel(json: json, file: path))
    }
}

extension MultitaskForest {
    /// The `kind` of a forest's model file.
    static let kind = "forest"

    /// Writes the forest to `path` as a model file, atomically (a temporary
    /// file renamed into place), tree by tree without building the document.
    ///
    /// - Throws: ``MTLError`` (`.outputFailed`) if the file cannot be written; nothing is left behind.
    /// - Complexity: O(nodes × (tasks + classes)).
    public func write(to path: String) throws {
        try AtomicFile.stream(to: path) { emit in try serialize(emit) }
    }

    /// The model file's bytes.
    public func serialized() -> [UInt8] {
        var all: [UInt8] = []
        try? serialize { all += $0 }  // collecting in memory cannot fail
        return all
    }

    /// Every member of the document but the trees.
    private var headerMembers: [(String, JSONValue)] {
        let scores = outOfBag.map { s in
            JSONValue.object([("task", .string(s.task)), ("correct", .number(Double(s.correct))), ("labelled", .number(Double(s.labelled)))])
        }
        return [
            ("format", .string("mtltree-model")),
            ("version", .number(Double(TreeModel.formatVersion))),
            ("mtltree", .string(MTLTreeVersion.current)),
            ("kind", .string(Self.kind)),
            ("forest", .object([
                ("trees", .number(Double(trees.count))),
                ("attributes_per_node", .string(configuration.attributesPerNode.description)),
                ("seed", .number(Double(configuration.seed))),
                ("out_of_bag", .array(scores)),
            ])),
        ]
    }

    /// Hands the document's bytes to `emit` in pieces of about a megabyte.
    private func serialize(_ emit: ([UInt8]) throws -> Void) throws {
        try TreeModel.serialize(members: headerMembers, trees: trees, emit)
    }

    /// Reads a forest from its model file's JSON document.
    ///
    /// - Throws: ``MTLError`` (`.badData`) naming the first problem.
    package init(json: JSONValue, file: String? = nil) throws {
        let r = _ModelReader(file: file)
        guard json["format"]?.stringValue == "mtltree-model" else {
            throw r.error("not an mtltree model (no \"format\": \"mtltree-model\")")
        }
        guard let version = json["version"]?.numberValue else { throw r.error("model has no version") }
        guard version == Double(TreeModel.formatVersion) else {
            throw r.error("unsupported model version \(JSONValue.format(version)); this mtltree (\(MTLTreeVersion.current)) reads version \(TreeModel.formatVersion)")
        }
        guard json["kind"]?.stringValue == Self.kind else { throw r.error("kind: expected \"\(Self.kind)\"") }
        let header = try r.object(json["forest"], "forest")
        let perNodeText = try r.string(header["attributes_per_node"], "forest.attributes_per_node")
        guard let perNode = ForestConfiguration.AttributesPerNode(perNodeText) else {
            throw r.error("forest.attributes_per_node: expected sqrt, log2, all, a count or a fraction, not '\(perNodeText)'")
        }
        let seedValue = try r.number(header["seed"], "forest.seed")
        guard let seed = UInt64(exactly: seedValue), seed <= ForestConfiguration.maximumSeed else {
            throw r.error("forest.seed: expected a whole number from 0 to 2^53")
        }
        let list = try r.array(json["trees"], "trees")
        guard !list.isEmpty else { throw r.error("trees: a forest has at least one tree") }
        let trees = try list.enumerated().map { try MultitaskTree(json: $1, reader: r, path: "trees[\($0)]") }
        for (i, tree) in trees.enumerated().dropFirst() where tree.schema != trees[0].schema || tree.lambdas != trees[0].lambdas {
            throw r.error("trees[\(i)]: its schema or λ differs from trees[0]'s; a forest's trees share both")
        }
        let scores = try r.array(header["out_of_bag"], "forest.out_of_bag").enumerated().map { i, s in
            let p = "forest.out_of_bag[\(i)]"
            guard let correct = Int(exactly: try r.number(s["correct"], "\(p).correct")),
                let labelled = Int(exactly: try r.number(s["labelled"], "\(p).labelled")), correct >= 0, correct <= labelled
            else { throw r.error("\(p): expected whole numbers 0 ≤ correct ≤ labelled") }
            return OutOfBagScore(task: try r.string(s["task"], "\(p).task"), correct: correct, labelled: labelled)
        }
        var configuration = ForestConfiguration(treeCount: trees.count, attributesPerNode: perNode, seed: seed, tree: trees[0].configuration)
        configuration.tree.threads = defaultThreadCount
        self.init(trees: trees, configuration: configuration, outOfBag: scores)
    }
}
