/// A forest's model file (format version 3): a JSON header, then the trees in binary.
///
/// A 100-tree forest on 200,000 rows has about 10 million nodes; written as
/// JSON, one object per node, its file took 1.4 GiB and had to be parsed whole
/// into a document tree before a single prediction. This layout keeps what a
/// person or a script reads as JSON, and the nodes as compact binary records
/// read tree by tree, on every core, with no document tree.
///
/// **Header.** The file starts with one JSON object, followed by one line
/// feed (0x0A):
/// - `"format": "mtltree-model"`, `"version": 3`, `"mtltree"` (the writer's
///   version), `"kind": "forest"`;
/// - `"forest"`: `trees` (the count), `attributes_per_node`, `seed`,
///   `leaf_probabilities` (`laplace` or `frequency`),
///   `out_of_bag` (per task: `task`, `labelled`, and `correct`, or a numeric
///   task's `squared_error` and `squared_deviation`: see ``OutOfBagScore``);
/// - `"tree"`: what every tree shares, as in a tree model's tree object without
///   its `nodes`: `training_data`, `schema`, `configuration`, `lambda`;
/// - `"trees"`: `{"encoding": "binary", "layout": 1}`.
///
/// **Trees.** Then, for each tree in order: its byte count as 8 bytes
/// (unsigned, little-endian), then that many bytes:
///
///     tree   := flags:varint  node-count:varint  node × node-count
///     node   := child-count:varint                      (0 for a leaf, else ≥ 2)
///               [ first-child − node:varint  attribute:varint
///                 threshold:f64            (numeric attribute)
///                 | value-code:varint × child-count ]   (nominal attribute; child i takes the value)
///               weight:number
///               statistics                               (per task: class counts, or weight, mean, variance)
///               [ gain:number × tasks ]                  (internal nodes: each task's gain)
///               [ stops:byte × ⌈tasks / 8⌉ ]             (flags bit 0: task t's bit t set where its prediction stops)
///     number := varint u: even u is the whole number u / 2; u = 1 is followed by an f64
///     varint := unsigned LEB128 (7 bits a byte, low bits first, at most 10 bytes)
///     f64    := IEEE 754 binary64, little-endian
///
/// Counts and weights grown on bootstrap samples are small whole numbers, so
/// most take one or two bytes. A node's combined score is not stored: it is
/// Σ_t λ_t · Gain_t, summed in task order as the inducer sums it, so the
/// tree read back is equal to the tree written. Every tree is checked as a
/// tree model's is (indices, counts, weights, gains), with the member path
/// (`trees[3].nodes[17].counts[1]`) in the error.
enum _ForestFile {
    /// The model format version of a forest written in this layout.
    static let version = 3
    /// The layout of the binary section (`"trees": {"layout": 1}`).
    static let layout = 1

    /// Appends `value` as an unsigned LEB128 varint.
    @inline(__always)
    static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// Appends `x`'s IEEE 754 bits, little-endian.
    @inline(__always)
    static func appendFloat(_ x: Double, to out: inout [UInt8]) {
        let bits = x.bitPattern
        for i in 0 ..< 8 { out.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i)))) }
    }

    /// Appends a number: a whole non-negative number below 2^53 as the varint
    /// of twice it; anything else (fractions, negatives, −0) as 1 and its bits.
    @inline(__always)
    static func appendNumber(_ x: Double, to out: inout [UInt8]) {
        if x >= 0, x < 9_007_199_254_740_992, x.sign == .plus, x == x.rounded(.towardZero) {
            appendVarint(UInt64(x) << 1, to: &out)
        } else {
            out.append(1)
            appendFloat(x, to: &out)
        }
    }

    /// One tree's record (without its byte count).
    ///
    /// - Complexity: O(nodes × (tasks + classes)).
    static func encode(_ tree: MultitaskTree) -> [UInt8] {
        let T = tree.schema.tasks.count
        let hasStops = !tree.taskStops.isEmpty
        var out: [UInt8] = []
        out.reserveCapacity(tree.nodes.count * (8 + tree.schema.classStride))
        appendVarint(hasStops ? 1 : 0, to: &out)
        appendVarint(UInt64(tree.nodes.count), to: &out)
        for (n, node) in tree.nodes.enumerated() {
            appendVarint(UInt64(node.childCount), to: &out)
            if let test = node.test {
                appendVarint(UInt64(node.firstChild - n), to: &out)
                appendVarint(UInt64(test.attribute), to: &out)
                switch test {
                case .numeric(_, let threshold): appendFloat(threshold, to: &out)
                case .nominal(_, let branches): for code in branches { appendVarint(UInt64(code), to: &out) }
                }
            }
            appendNumber(node.weight, to: &out)
            let base = n * tree.schema.classStride
            for k in 0 ..< tree.schema.classStride { appendNumber(tree.classCounts[base + k], to: &out) }
            if node.test != nil {
                for t in 0 ..< T { appendNumber(tree.gains[n * T + t], to: &out) }
            }
            if hasStops {
                for byte in 0 ..< (T + 7) / 8 {
                    var bits: UInt8 = 0
                    for t in byte * 8 ..< min(T, byte * 8 + 8) where tree.taskStops[n * T + t] { bits |= 1 << UInt8(t - byte * 8) }
                    out.append(bits)
                }
            }
        }
        return out
    }
}

extension MultitaskForest {
    /// Writes the forest to `path` as a model file (format version 3, see
    /// ``ModelFile``): a JSON header, then the trees as binary records,
    /// encoded on every core and written in order, atomically (a temporary
    /// file renamed into place).
    ///
    /// - Throws: ``MTLError`` (`.outputFailed`) if the file cannot be written; nothing is left behind.
    /// - Complexity: O(nodes × (tasks + classes)).
    public func write(to path: String) throws {
        try AtomicFile.stream(to: path) { emit in try serialize(emit) }
    }

    /// The model file's bytes (what ``write(to:)`` writes).
    public func serialized() -> [UInt8] {
        var all: [UInt8] = []
        try? serialize { all += $0 }  // collecting in memory cannot fail
        return all
    }

    /// The header's members, in the order written.
    var headerMembers: [(String, JSONValue)] {
        let scores = outOfBag.map(\.json)
        return [
            ("format", .string("mtltree-model")),
            ("version", .number(Double(_ForestFile.version))),
            ("mtltree", .string(MTLTreeVersion.current)),
            ("kind", .string(Self.kind)),
            ("forest", .object([
                ("trees", .number(Double(trees.count))),
                ("attributes_per_node", .string(configuration.attributesPerNode.description)),
                ("seed", .number(Double(configuration.seed))),
                ("leaf_probabilities", .string(configuration.leafProbabilities.rawValue)),
                ("out_of_bag", .array(scores)),
            ])),
            ("tree", .object(trees[0].jsonHeader)),
            ("trees", .object([("encoding", .string("binary")), ("layout", .number(Double(_ForestFile.layout)))])),
        ]
    }

    /// Hands the file's bytes to `emit`: the header, then the trees in
    /// batches encoded in parallel (the same bytes for any thread count).
    private func serialize(_ emit: ([UInt8]) throws -> Void) throws {
        var header = JSONValue.object(headerMembers).serialized(pretty: true)
        header += "\n"
        try emit(Array(header.utf8))
        let threads = max(1, configuration.tree.threads)
        let batch = max(8, 4 * threads)
        for start in stride(from: 0, to: trees.count, by: batch) {
            let end = min(trees.count, start + batch)
            let records = parallelMap(end - start, threads: threads) { i in _ForestFile.encode(trees[start + i]) }
            var out: [UInt8] = []
            out.reserveCapacity(records.reduce(0) { $0 + 8 + $1.count })
            for record in records {
                let count = UInt64(record.count)
                for i in 0 ..< 8 { out.append(UInt8(truncatingIfNeeded: count >> (8 * UInt64(i)))) }
                out += record
            }
            try emit(out)
        }
    }
}
