/// Reads one tree's binary record (see ``_ForestFile``), checking every
/// index and number as a tree model's reader does.
struct _TreeDecoder {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    let r: _ModelReader
    /// The member path of the tree (`trees[3]`).
    let path: String

    /// The next varint, or an error naming `member` (a path below the tree's).
    @inline(__always)
    mutating func varint(_ member: @autoclosure () -> String) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count {
            let b = bytes[position]
            position += 1
            guard shift < 63 || (shift == 63 && b <= 1) else { break }
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
        throw r.error("\(path)\(member()): the record ends early or holds a malformed number")
    }

    /// The next varint as an index below `limit`.
    @inline(__always)
    mutating func index(below limit: Int, _ member: @autoclosure () -> String, _ what: @autoclosure () -> String) throws -> Int {
        let v = try varint(member())
        guard v < UInt64(limit) else { throw r.error("\(path)\(member()): \(v) is not \(what())") }
        return Int(v)
    }

    /// The next 8 bytes as a finite binary64.
    @inline(__always)
    mutating func float(_ member: @autoclosure () -> String) throws -> Double {
        guard position + 8 <= bytes.count else { throw r.error("\(path)\(member()): the record ends early") }
        var bits: UInt64 = 0
        for i in 0 ..< 8 { bits |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        let x = Double(bitPattern: bits)
        guard x.isFinite else { throw r.error("\(path)\(member()): expected a number") }
        return x
    }

    /// The next number: a whole number (an even varint, halved) or a binary64 (after a 1).
    @inline(__always)
    mutating func number(_ member: @autoclosure () -> String) throws -> Double {
        let u = try varint(member())
        if u & 1 == 0 {
            guard u >> 1 <= 1 << 53 else { throw r.error("\(path)\(member()): a whole number above 2^53") }
            return Double(u >> 1)
        }
        guard u == 1 else { throw r.error("\(path)\(member()): malformed number (tag \(u))") }
        return try float(member())
    }

    /// Decodes the tree whose shared parts are `header`.
    mutating func tree(_ header: MultitaskTree._Header) throws -> MultitaskTree {
        let schema = header.schema
        let T = schema.tasks.count
        let A = schema.attributes.count
        let stride = schema.classStride
        let flags = try varint(".flags")
        guard flags <= 1 else { throw r.error("\(path).flags: unknown flags \(flags)") }
        let hasStops = flags == 1
        let count = try varint(".nodes")
        // Every node takes at least 2 + stride bytes, so a larger count is corrupt (and would not be allocated).
        guard count >= 1, count <= UInt64(bytes.count) else { throw r.error("\(path).nodes: \(count) nodes in a record of \(bytes.count) bytes") }
        let N = Int(count)
        var nodes: [MultitaskTree.Node] = []
        nodes.reserveCapacity(N)
        var counts = [Double](repeating: 0, count: N * stride)
        var gains = [Double](repeating: 0, count: N * T)
        var stops = hasStops ? [Bool](repeating: false, count: N * T) : []
        var hasParent = [Bool](repeating: false, count: N)
        hasParent[0] = true
        for n in 0 ..< N {
            var node = MultitaskTree.Node(weight: 0)
            let children = try varint(".nodes[\(n)].children")
            if children > 0 {
                let delta = try varint(".nodes[\(n)].children")
                guard children >= 2, delta >= 1, delta <= UInt64(N), children <= UInt64(N), UInt64(n) + delta + children <= UInt64(N) else {
                    throw r.error("\(path).nodes[\(n)].children: invalid child range")
                }
                node.firstChild = n + Int(delta)
                node.childCount = Int(children)
                for child in node.children {
                    guard !hasParent[child] else { throw r.error("\(path).nodes[\(n)].children: node \(child) has two parents") }
                    hasParent[child] = true
                }
                let a = try index(below: A, ".nodes[\(n)].test.attribute", "an attribute index (\(A) attributes)")
                if schema.attributes[a].type == .numeric {
                    guard children == 2 else { throw r.error("\(path).nodes[\(n)].children: a numeric test has 2 children") }
                    node.test = .numeric(attribute: a, threshold: try float(".nodes[\(n)].test.threshold"))
                } else {
                    let values = schema.attributes[a].values.count
                    var branches = [Int32](repeating: 0, count: node.childCount)
                    for i in branches.indices {
                        branches[i] = Int32(try index(below: values, ".nodes[\(n)].test.branches[\(i)]", "a value code of '\(schema.attributes[a].name)'"))
                    }
                    node.test = .nominal(attribute: a, branches: branches)
                }
            }
            node.weight = try number(".nodes[\(n)].weight")
            for t in 0 ..< T {
                let o = n * stride + schema.classOffsets[t]
                let width = schema.tasks[t].statisticsWidth
                for k in 0 ..< width { counts[o + k] = try number(".nodes[\(n)].counts[\(t)]") }
                if schema.tasks[t].isNumeric {
                    guard counts[o] >= 0, counts[o + 2] >= 0 else {
                        throw r.error("\(path).nodes[\(n)].counts[\(t)]: expected a numeric task's weight, mean and variance (weight and variance ≥ 0)")
                    }
                } else {
                    for k in 0 ..< width where counts[o + k] < 0 {
                        throw r.error("\(path).nodes[\(n)].counts[\(t)]: expected \(width) non-negative counts")
                    }
                }
            }
            if node.test != nil {
                // The combined score, summed as the inducer sums it.
                var score = 0.0
                for t in 0 ..< T {
                    let g = try number(".nodes[\(n)].gains[\(t)]")
                    gains[n * T + t] = g
                    score += g * header.lambdas[t]
                }
                node.score = score
            }
            if hasStops {
                for byte in 0 ..< (T + 7) / 8 {
                    guard position < bytes.count else { throw r.error("\(path).nodes[\(n)].stops: the record ends early") }
                    let bits = bytes[position]
                    position += 1
                    for t in byte * 8 ..< min(T, byte * 8 + 8) where bits >> UInt8(t - byte * 8) & 1 == 1 { stops[n * T + t] = true }
                }
            }
            nodes.append(node)
        }
        if let orphan = hasParent.firstIndex(of: false) { throw r.error("\(path).nodes[\(orphan)]: no parent points to this node") }
        guard position == bytes.count else { throw r.error("\(path): \(bytes.count - position) bytes after the last node") }
        var tree = MultitaskTree(
            uncheckedSchema: schema, configuration: header.configuration, lambdas: header.lambdas, nodes: nodes, classCounts: counts,
            gains: gains, taskStops: stops.contains(true) ? stops : [], trainingData: header.trainingData)
        tree.pruning = header.pruning
        try tree.validateNumbers(r, path: path)
        return tree
    }
}

extension MultitaskForest {
    /// Reads a forest from its model file's header (format version 3) and
    /// the trees' records that follow it in `source`, a batch of trees at a
    /// time decoded on every core.
    ///
    /// - Throws: ``MTLError`` (`.badData`) naming the first problem by its member path.
    /// - Complexity: O(file size), holding one batch of records at a time.
    init(header json: JSONValue, trees source: _ByteSource, reader r: _ModelReader) throws {
        let forest = try r.object(json["forest"], "forest")
        let perNodeText = try r.string(forest["attributes_per_node"], "forest.attributes_per_node")
        guard let perNode = ForestConfiguration.AttributesPerNode(perNodeText) else {
            throw r.error("forest.attributes_per_node: expected sqrt, log2, all, a count or a fraction, not '\(perNodeText)'")
        }
        let seedValue = try r.number(forest["seed"], "forest.seed")
        guard let seed = UInt64(exactly: seedValue), seed <= ForestConfiguration.maximumSeed else {
            throw r.error("forest.seed: expected a whole number from 0 to 2^53")
        }
        guard let count = Int(exactly: try r.number(forest["trees"], "forest.trees")), count >= 1 else {
            throw r.error("forest.trees: expected a whole number ≥ 1")
        }
        let leavesText = try r.string(forest["leaf_probabilities"], "forest.leaf_probabilities")
        guard let leaves = ForestConfiguration.LeafProbabilities(rawValue: leavesText) else {
            throw r.error("forest.leaf_probabilities: expected laplace or frequency, not '\(leavesText)'")
        }
        let encoding = try r.object(json["trees"], "trees")
        guard encoding["encoding"]?.stringValue == "binary", encoding["layout"]?.numberValue == Double(_ForestFile.layout) else {
            throw r.error("trees: expected {\"encoding\": \"binary\", \"layout\": \(_ForestFile.layout)}")
        }
        let header = try MultitaskTree.readHeader(json: try r.object(json["tree"], "tree"), reader: r, path: "tree")
        let scores = try OutOfBagScore.read(forest["out_of_bag"], tasks: header.schema.tasks, reader: r)
        guard source.pending.first == 0x0A else { throw r.error("the header is not followed by a line feed and the trees") }
        _ = try source.take(1)
        let threads = max(1, defaultThreadCount)
        let batch = max(8, 4 * threads)
        var trees: [MultitaskTree] = []
        trees.reserveCapacity(count)
        for start in stride(from: 0, to: count, by: batch) {
            var records: [[UInt8]] = []
            for i in start ..< min(count, start + batch) {
                guard let size = try source.take(8) else { throw r.error("trees[\(i)]: the file ends before this tree (\(count) trees announced)") }
                var length: UInt64 = 0
                for (k, b) in size.enumerated() { length |= UInt64(b) << (8 * UInt64(k)) }
                guard length <= UInt64(Int32.max) * 64, let record = try source.take(Int(length)) else {
                    throw r.error("trees[\(i)]: the file ends inside this tree's \(length) bytes")
                }
                records.append(Array(record))
            }
            let decoded = parallelMap(records.count, threads: threads) { k -> Result<MultitaskTree, any Error> in
                Result {
                    try records[k].withUnsafeBufferPointer { bytes in
                        var decoder = _TreeDecoder(bytes: bytes, r: r, path: "trees[\(start + k)]")
                        return try decoder.tree(header)
                    }
                }
            }
            for result in decoded { trees.append(try result.get()) }
        }
        guard try source.take(1) == nil else { throw r.error("bytes after the last of the \(count) trees") }
        var configuration = ForestConfiguration(treeCount: count, attributesPerNode: perNode, seed: seed, tree: header.configuration)
        configuration.tree.threads = defaultThreadCount
        configuration.leafProbabilities = leaves
        self.init(trees: trees, configuration: configuration, outOfBag: scores)
    }
}

extension OutOfBagScore {
    /// The score as its model file writes it.
    var json: JSONValue {
        isNumeric
            ? .object([
                ("task", .string(task)), ("labelled", .number(Double(labelled))), ("squared_error", .number(squaredError)),
                ("squared_deviation", .number(squaredDeviation)),
            ])
            : .object([("task", .string(task)), ("correct", .number(Double(correct))), ("labelled", .number(Double(labelled)))])
    }

    /// Reads the forest's `out_of_bag` list: one score per task, in `tasks`' order.
    static func read(_ json: JSONValue?, tasks: [TreeSchema.Task], reader r: _ModelReader) throws -> [OutOfBagScore] {
        let list = try r.array(json, "forest.out_of_bag")
        guard list.count == tasks.count else { throw r.error("forest.out_of_bag: \(list.count) scores for \(tasks.count) tasks") }
        return try list.enumerated().map { i, s in
            let p = "forest.out_of_bag[\(i)]"
            let task = try r.string(s["task"], "\(p).task")
            guard task == tasks[i].name else { throw r.error("\(p).task: '\(task)', expected the task '\(tasks[i].name)'") }
            guard let labelled = Int(exactly: try r.number(s["labelled"], "\(p).labelled")), labelled >= 0 else {
                throw r.error("\(p).labelled: expected a whole number ≥ 0")
            }
            if tasks[i].isNumeric {
                let squaredError = try r.number(s["squared_error"], "\(p).squared_error")
                let squaredDeviation = try r.number(s["squared_deviation"], "\(p).squared_deviation")
                guard squaredError >= 0, squaredDeviation >= 0 else { throw r.error("\(p): expected squared errors ≥ 0") }
                return OutOfBagScore(task: task, labelled: labelled, squaredError: squaredError, squaredDeviation: squaredDeviation)
            }
            guard let correct = Int(exactly: try r.number(s["correct"], "\(p).correct")), correct >= 0, correct <= labelled else {
                throw r.error("\(p): expected whole numbers 0 ≤ correct ≤ labelled")
            }
            return OutOfBagScore(task: task, correct: correct, labelled: labelled)
        }
    }
}
