import Foundation

/// A model file's content: a tree model (one tree, or specialists) or a forest.
///
/// A tree model is one JSON document (format versions 1 and 2). A forest's
/// file (version 3) is a JSON header with `"kind": "forest"`, its options,
/// out-of-bag figures and what its trees share, followed by the trees as
/// binary records (the layout is documented on `_ForestFile`, in
/// Sources/MTLTreeKit/Forest/ForestFile.swift). A forest written as one JSON
/// document by mtltree 0.x before version 3 is still read.
public enum ModelFile: Sendable, Equatable {
    case trees(TreeModel)
    case forest(MultitaskForest)

    /// Reads a model file of either kind; a forest's trees are read a batch at a time, on every core.
    ///
    /// - Throws: ``MTLError``: `.inputMissing` if the file cannot be read;
    ///   `.badData` if it is not an mtltree model or is invalid (the message
    ///   names the member, such as `trees[3].nodes[17].weight`).
    /// - Complexity: O(file size).
    public static func read(path: String) throws -> ModelFile {
        try read(try _ByteSource(path: path), path: path, treesOnly: false)
    }

    /// Reads a model file's bytes held in memory, as ``read(path:)`` reads a file.
    ///
    /// - Parameters:
    ///   - bytes: The file's content.
    ///   - file: The file's name, for errors.
    /// - Throws: ``MTLError`` (`.badData`) as ``read(path:)``.
    public init(bytes: [UInt8], file: String? = nil) throws {
        self = try Self.read(_ByteSource(bytes: bytes, path: file), path: file, treesOnly: false)
    }
}

extension MultitaskForest {
    /// The `kind` of a forest's model file.
    static let kind = "forest"

    /// Reads a forest from a model file's JSON document of format version 2
    /// (written by mtltree before forests had their binary layout).
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
        let scores = try OutOfBagScore.read(header["out_of_bag"], tasks: trees[0].schema.tasks, reader: r)
        var configuration = ForestConfiguration(treeCount: trees.count, attributesPerNode: perNode, seed: seed, tree: trees[0].configuration)
        configuration.tree.threads = defaultThreadCount
        self.init(trees: trees, configuration: configuration, outOfBag: scores)
    }
}
