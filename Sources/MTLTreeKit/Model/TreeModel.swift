import Foundation

/// What `mtltree train` saves: one tree, or one specialist tree per task
/// (`--main all`), with everything needed to print and use them.
///
/// The file is one JSON document: a format tag and version, then per tree its
/// schema, configuration, and nodes (weight, per-task class counts, and for
/// internal nodes the test, combined score and each task's gain).
public struct TreeModel: Sendable, Equatable {
    /// The model file format version this build writes and reads.
    public static let formatVersion = 2
    /// The version written for a model whose every task is nominal: such a
    /// file is the same as before numeric tasks existed, so older mtltree
    /// reads it. Both versions are read.
    public static let nominalFormatVersion = 1

    /// The trees; with specialists, each task is the main task of one of them.
    public var trees: [MultitaskTree]

    /// Creates a model from trees.
    public init(trees: [MultitaskTree]) { self.trees = trees }

    /// Creates a model of one tree.
    public init(_ tree: MultitaskTree) { trees = [tree] }

    /// The tree that predicts `task`: the one whose main task it is, else the first tree.
    public func tree(for task: String) -> MultitaskTree? {
        trees.first { $0.schema.mainTaskName == task } ?? trees.first { $0.schema.taskIndex(named: task) != nil }
    }

    /// Every task's predictions, each from its own tree (see ``tree(for:)``).
    ///
    /// - Throws: ``MTLError`` if `dataset` lacks a column a tree tests.
    public func predict(_ dataset: Dataset) throws -> Predictions {
        guard let first = trees.first else { throw MTLError(.badData, "the model holds no tree") }
        if trees.count == 1 { return try first.predict(dataset) }
        var result = try first.predict(dataset)
        var cache: [Int: Predictions] = [0: result]
        for (t, name) in result.tasks.enumerated() {
            guard let i = trees.firstIndex(where: { $0.schema.mainTaskName == name }) else { continue }
            if cache[i] == nil { cache[i] = try trees[i].predict(dataset) }
            let own = cache[i]!
            let j = own.tasks.firstIndex(of: name)!
            result.labels[t] = own.labels[j]
            result.probabilities[t] = own.probabilities[j]
            if own.isNumeric(task: j) { result.values[t] = own.values[j] }
        }
        return result
    }

    /// The model as a JSON document.
    package var json: JSONValue {
        .object(formatMembers + [("trees", .array(trees.map(\.json)))])
    }

    /// Writes the model to `path` atomically (a temporary file renamed into place).
    ///
    /// - Throws: ``MTLError`` (`.outputFailed`) if the file cannot be written; nothing is left behind.
    public func write(to path: String) throws {
        try AtomicFile.stream(to: path) { emit in try serialize(emit) }
    }

    /// The model file's bytes: the same text as `json` pretty-printed with
    /// one node per line, written tree by tree without building the document.
    ///
    /// - Complexity: O(nodes × (tasks + classes)).
    public func serialized() -> [UInt8] {
        var all: [UInt8] = []
        // Collecting in memory cannot fail.
        try? serialize { all += $0 }
        return all
    }

    /// Hands the model file's bytes to `emit` in pieces of about a megabyte.
    private func serialize(_ emit: ([UInt8]) throws -> Void) throws {
        try Self.serialize(members: formatMembers, trees: trees, emit)
    }

    /// Writes a model document, `members` then a `"trees"` array, handing its
    /// bytes to `emit` in pieces of about a megabyte (tree models and forests
    /// share this layout).
    static func serialize(members: [(String, JSONValue)], trees: [MultitaskTree], _ emit: ([UInt8]) throws -> Void) throws {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20 + 4096)
        out += "{".utf8
        for (key, value) in members {
            JSONValue.newline(&out, 1)
            JSONValue.quote(key, into: &out)
            out += ": ".utf8
            value.write(into: &out, indent: 1, compactDepth: compactDepth)
            out += ",".utf8
        }
        JSONValue.newline(&out, 1)
        out += "\"trees\": [".utf8
        for (i, tree) in trees.enumerated() {
            if i > 0 { out += ",".utf8 }
            JSONValue.newline(&out, 2)
            try tree.writeJSON(into: &out, indent: 2, compactDepth: compactDepth) { out in
                if out.count >= 1 << 20 {
                    try emit(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        JSONValue.newline(&out, 1)
        out += "]".utf8
        JSONValue.newline(&out, 0)
        out += "}\n".utf8
        try emit(out)
    }

    /// Nodes (at this nesting level) are written one per line.
    static let compactDepth = 4

    /// The format version this model is written as: ``nominalFormatVersion``
    /// unless a tree has a numeric task (which the task's `kind` records).
    public var writtenVersion: Int {
        trees.contains { $0.schema.tasks.contains(where: \.isNumeric) } ? Self.formatVersion : Self.nominalFormatVersion
    }

    /// The members that say what the file is.
    private var formatMembers: [(String, JSONValue)] {
        [
            ("format", .string("mtltree-model")),
            ("version", .number(Double(writtenVersion))),
            ("mtltree", .string(MTLTreeVersion.current)),
        ]
    }

    /// Reads a model file.
    ///
    /// - Throws: ``MTLError``: `.inputMissing` if the file cannot be read;
    ///   `.badData` if it is not JSON, not an mtltree model, truncated, of an
    ///   unknown version, or inconsistent.
    public static func read(path: String) throws -> TreeModel {
        // A forest's model file is refused from its header (ModelFile.read reads both kinds).
        guard case .trees(let model) = try ModelFile.read(try _ByteSource(path: path), path: path, treesOnly: true) else {
            throw MTLError(.badData, "invalid model: a forest's model, not a tree model", file: path)
        }
        return model
    }

    /// Reads a model from its JSON document.
    ///
    /// - Throws: ``MTLError`` (`.badData`) naming the first problem.
    package init(json: JSONValue, file: String? = nil) throws {
        let r = _ModelReader(file: file)
        guard json["format"]?.stringValue == "mtltree-model" else {
            throw r.error("not an mtltree model (no \"format\": \"mtltree-model\")")
        }
        guard let version = json["version"]?.numberValue else { throw r.error("model has no version") }
        guard version == Double(Self.formatVersion) || version == Double(Self.nominalFormatVersion) else {
            throw r.error(
                "unsupported model version \(JSONValue.format(version)); this mtltree (\(MTLTreeVersion.current)) reads versions "
                    + "\(Self.nominalFormatVersion) and \(Self.formatVersion)")
        }
        if json["kind"]?.stringValue == MultitaskForest.kind { throw r.error("a forest's model, not a tree model: read it with ModelFile.read(path:)") }
        let list = try r.array(json["trees"], "trees")
        guard !list.isEmpty else { throw r.error("model has no trees") }
        let trees = try list.enumerated().map { try MultitaskTree(json: $1, reader: r, path: "trees[\($0)]") }
        // predict(_:) answers each task from the tree whose main task it is, under the
        // first tree's class names: every tree must name a shared task's classes alike.
        for (i, tree) in trees.enumerated().dropFirst() {
            for (t, task) in tree.schema.tasks.enumerated() {
                guard let first = trees[0].schema.tasks.first(where: { $0.name == task.name }) else { continue }
                if first.kind != task.kind {
                    throw r.error("trees[\(i)].schema.tasks[\(t)].kind: task '\(task.name)' is \(task.kind.rawValue) here but \(first.kind.rawValue) in trees[0]")
                }
                guard first.classes != task.classes else { continue }
                throw r.error(
                    "trees[\(i)].schema.tasks[\(t)].classes: task '\(task.name)' has the classes \(task.classes.joined(separator: ", ")) "
                        + "here but \(first.classes.joined(separator: ", ")) in trees[0]")
            }
        }
        self.trees = trees
    }
}

/// Reads a whole file as bytes: a regular file, or a device or pipe read to its end.
///
/// - Throws: ``MTLError`` (`.inputMissing`) naming the file and the system's
///   reason if it is missing, a folder or unreadable.
/// - Complexity: O(file size).
package func readAllBytes(path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
        let code = errno
        throw MTLError(.inputMissing, code == ENOENT ? "no such file" : "cannot read the file: \(String(cString: strerror(code)))", file: path)
    }
    defer { close(fd) }
    var status = stat()
    if fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
        throw MTLError(.inputMissing, "is a directory, not a file", file: path)
    }
    var bytes: [UInt8] = []
    if status.st_mode & S_IFMT == S_IFREG { bytes.reserveCapacity(Int(status.st_size)) }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { continue }
        guard count >= 0 else {
            let code = errno
            let reason = code == EISDIR ? "is a directory, not a file" : "cannot read the file: \(String(cString: strerror(code)))"
            throw MTLError(.inputMissing, reason, file: path)
        }
        guard count > 0 else { return bytes }
        bytes += chunk[..<count]
    }
}
