extension MultitaskTree {
    /// The tree as the JSON object stored in a model file.
    package var json: JSONValue {
        .object(jsonHeader + [("nodes", .array(nodes.indices.map(nodeJSON)))])
    }

    /// Appends the tree's JSON object to `out`, as `json` would write it at
    /// nesting level `indent`, building one node's JSON at a time (a large
    /// tree's document is never held whole); `afterEachNode` may drain `out`.
    func writeJSON(into out: inout [UInt8], indent: Int, compactDepth: Int, afterEachNode: (inout [UInt8]) throws -> Void) rethrows {
        out.append(UInt8(ascii: "{"))
        for (key, value) in jsonHeader {
            JSONValue.newline(&out, indent + 1)
            JSONValue.quote(key, into: &out)
            out += ": ".utf8
            value.write(into: &out, indent: indent + 1, compactDepth: compactDepth)
            out.append(UInt8(ascii: ","))
        }
        JSONValue.newline(&out, indent + 1)
        out += "\"nodes\": [".utf8
        for n in nodes.indices {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.newline(&out, indent + 2)
            if indent + 2 >= compactDepth {
                writeCompactNode(n, into: &out)  // the common case: a model file, one node a line
            } else {
                nodeJSON(n).write(into: &out, indent: indent + 2, compactDepth: compactDepth)
            }
            try afterEachNode(&out)
        }
        JSONValue.newline(&out, indent + 1)
        out += "]".utf8
        JSONValue.newline(&out, indent)
        out.append(UInt8(ascii: "}"))
    }

    /// Every member of the tree's JSON object but its nodes (a forest's
    /// model file writes these once for all its trees).
    var jsonHeader: [(String, JSONValue)] {
        let attributes = schema.attributes.map { a -> JSONValue in
            var members: [(String, JSONValue)] = [("name", .string(a.name)), ("type", .string(a.type.rawValue))]
            if a.type == .nominal { members.append(("values", .array(a.values.map(JSONValue.string)))) }
            return .object(members)
        }
        // A numeric task records its kind (format version 2); a nominal task is written as in version 1.
        let tasks = schema.tasks.map { task in
            task.isNumeric
                ? JSONValue.object([("name", .string(task.name)), ("kind", .string(task.kind.rawValue))])
                : JSONValue.object([("name", .string(task.name)), ("classes", .array(task.classes.map(JSONValue.string)))])
        }
        return [
            ("training_data", .object([("name", .string(trainingData.name)), ("rows", .number(Double(trainingData.rows)))])),
            ("schema", .object([
                ("attributes", .array(attributes)), ("tasks", .array(tasks)),
                ("main_task", schema.mainTaskName.map(JSONValue.string) ?? .null),
            ])),
            ("configuration", .object([
                ("criterion", .string(configuration.criterion.rawValue)),
                ("min_leaf", .number(configuration.minLeafWeight)),
                ("max_depth", configuration.maxDepth.map { .number(Double($0)) } ?? .null),
                ("lambda_shared", .number(configuration.lambda.shared)),
                ("lambda_per_task", .object(configuration.lambda.perTask.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })),
                ("pruning", pruning.json),
            ])),
            ("lambda", .object(zip(schema.tasks, lambdas).map { ($0.name, .number($1)) })),
        ]
    }

    /// One node's JSON object: weight, per-task counts, and for an internal
    /// node its test, children, combined score and per-task gains.
    func nodeJSON(_ n: Int) -> JSONValue {
        let T = schema.tasks.count
        let node = nodes[n]
        var members: [(String, JSONValue)] = [
            ("weight", .number(node.weight)),
            ("counts", .array((0 ..< T).map { t in .array(counts(node: n, task: t).map(JSONValue.number)) })),
        ]
        if let test = node.test {
            var t: [(String, JSONValue)] = [("attribute", .string(schema.attributes[test.attribute].name))]
            switch test {
            case .numeric(_, let threshold): t.append(("threshold", .number(threshold)))
            case .nominal(let a, let branches):
                t.append(("branches", .array(branches.map { .string(schema.attributes[a].values[Int($0)]) })))
            }
            members += [
                ("test", .object(t)), ("children", .array([.number(Double(node.firstChild)), .number(Double(node.childCount))])),
                ("score", .number(node.score)), ("gains", .array((0 ..< T).map { .number(gain(node: n, task: $0)) })),
            ]
        }
        if !taskStops.isEmpty {
            let stopped = (0 ..< T).filter { taskStops[n * T + $0] }
            if !stopped.isEmpty { members.append(("stops", .array(stopped.map { .string(schema.tasks[$0].name) }))) }
        }
        return .object(members)
    }

    /// `nodeJSON(n)` written compactly, the same bytes, straight to `out`
    /// (no `JSONValue` per node: a large tree's model is written several times faster).
    func writeCompactNode(_ n: Int, into out: inout [UInt8]) {
        let T = schema.tasks.count
        let node = nodes[n]
        func number(_ x: Double) {
            // As JSONValue.format: whole numbers as integers, others shortest round-trip, non-finite as null.
            guard x.isFinite else {
                out += "null".utf8
                return
            }
            guard x == x.rounded(), abs(x) < 1e15 else {
                out += "\(x)".utf8
                return
            }
            var v = Int64(x)
            if v < 0 {
                out.append(UInt8(ascii: "-"))
                v = -v
            }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &digits) { buffer in
                var i = buffer.count
                repeat {
                    i -= 1
                    buffer[i] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                } while v > 0
                out.append(contentsOf: buffer[i...])
            }
        }
        func list(_ count: Int, _ element: (Int) -> Void) {
            out.append(UInt8(ascii: "["))
            for i in 0 ..< count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                element(i)
            }
            out.append(UInt8(ascii: "]"))
        }
        out += #"{"weight":"#.utf8
        number(node.weight)
        out += #","counts":"#.utf8
        list(T) { t in
            let c = counts(node: n, task: t)
            list(c.count) { number(c[c.startIndex + $0]) }
        }
        if let test = node.test {
            out += #","test":{"attribute":"#.utf8
            JSONValue.quote(schema.attributes[test.attribute].name, into: &out)
            switch test {
            case .numeric(_, let threshold):
                out += #","threshold":"#.utf8
                number(threshold)
            case .nominal(let a, let branches):
                out += #","branches":"#.utf8
                list(branches.count) { JSONValue.quote(schema.attributes[a].values[Int(branches[$0])], into: &out) }
            }
            out += #"},"children":"#.utf8
            list(2) { number(Double($0 == 0 ? node.firstChild : node.childCount)) }
            out += #","score":"#.utf8
            number(node.score)
            out += #","gains":"#.utf8
            list(T) { number(gain(node: n, task: $0)) }
        }
        if !taskStops.isEmpty {
            let stopped = (0 ..< T).filter { taskStops[n * T + $0] }
            if !stopped.isEmpty {
                out += #","stops":"#.utf8
                list(stopped.count) { JSONValue.quote(schema.tasks[stopped[$0]].name, into: &out) }
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    /// What a tree's JSON object says besides its nodes: read by
    /// ``init(json:reader:path:)``, and once for all the trees of a forest's model file.
    struct _Header {
        var schema: TreeSchema
        var configuration: InductionConfiguration
        var pruning: PruningConfiguration
        var lambdas: [Double]
        var trainingData: (name: String, rows: Int)
    }

    /// Reads every member of a tree's JSON object but its nodes.
    static func readHeader(json: JSONValue, reader r: _ModelReader, path: String) throws -> _Header {
        let schemaJSON = try r.object(json["schema"], "\(path).schema")
        let attributes = try r.array(schemaJSON["attributes"], "\(path).schema.attributes").enumerated().map { i, a in
            let p = "\(path).schema.attributes[\(i)]"
            let type = try r.string(a["type"], "\(p).type")
            guard let columnType = ColumnType(rawValue: type) else { throw r.error("\(p).type: unknown type '\(type)'") }
            let values = columnType == .nominal ? try r.distinctStrings(a["values"], "\(p).values") : []
            return TreeSchema.Attribute(name: try r.string(a["name"], "\(p).name"), type: columnType, values: values)
        }
        let tasks = try r.array(schemaJSON["tasks"], "\(path).schema.tasks").enumerated().map { i, t in
            let p = "\(path).schema.tasks[\(i)]"
            if let kind = t["kind"] {
                guard kind.stringValue == ColumnType.numeric.rawValue || kind.stringValue == ColumnType.nominal.rawValue else {
                    throw r.error("\(p).kind: expected \"nominal\" or \"numeric\"")
                }
                if kind.stringValue == ColumnType.numeric.rawValue { return TreeSchema.Task.numeric(try r.string(t["name"], "\(p).name")) }
            }
            let classes = try r.distinctStrings(t["classes"], "\(p).classes")
            guard !classes.isEmpty else { throw r.error("\(p).classes: a task needs at least one class") }
            return TreeSchema.Task(name: try r.string(t["name"], "\(p).name"), classes: classes)
        }
        guard !tasks.isEmpty else { throw r.error("\(path).schema.tasks: no tasks") }
        for (list, names) in [("attributes", attributes.map(\.name)), ("tasks", tasks.map(\.name))] {
            var seen = Set<String>()
            if let i = names.firstIndex(where: { !seen.insert($0).inserted }) {
                throw r.error("\(path).schema.\(list)[\(i)].name: '\(names[i])' is named twice")
            }
        }
        let main = schemaJSON["main_task"]?.stringValue
        if let main, tasks.first?.name != main { throw r.error("\(path).schema.main_task: '\(main)' is not the first task") }
        let schema = TreeSchema(attributes: attributes, tasks: tasks, hasMainTask: main != nil)

        let c = try r.object(json["configuration"], "\(path).configuration")
        var configuration = InductionConfiguration()
        let criterion = try r.string(c["criterion"], "\(path).configuration.criterion")
        guard let parsed = InductionConfiguration.Criterion(rawValue: criterion) else {
            throw r.error("\(path).configuration.criterion: unknown criterion '\(criterion)'")
        }
        configuration.criterion = parsed
        configuration.minLeafWeight = try r.number(c["min_leaf"], "\(path).configuration.min_leaf")
        if let depthJSON = c["max_depth"], depthJSON != .null {
            let depth = try r.number(depthJSON, "\(path).configuration.max_depth")
            guard let whole = Int(exactly: depth), whole >= 0 else {
                throw r.error("\(path).configuration.max_depth: expected a whole number ≥ 0 or null, not \(JSONValue.format(depth))")
            }
            configuration.maxDepth = whole
        }
        configuration.lambda.shared = try r.number(c["lambda_shared"], "\(path).configuration.lambda_shared")
        if case .object(let members)? = c["lambda_per_task"] {
            for (name, value) in members { configuration.lambda.perTask[name] = try r.number(value, "\(path).configuration.lambda_per_task.\(name)") }
        }
        let pruning = try PruningConfiguration(json: c["pruning"], reader: r, path: "\(path).configuration.pruning")
        let lambdaJSON = try r.object(json["lambda"], "\(path).lambda")
        let lambdas = try tasks.map { try r.number(lambdaJSON[$0.name], "\(path).lambda.\($0.name)") }
        let name = try r.string(json["training_data"]?["name"], "\(path).training_data.name")
        guard let rows = Int(exactly: try r.number(json["training_data"]?["rows"], "\(path).training_data.rows")), rows >= 0 else {
            throw r.error("\(path).training_data.rows: expected a whole number ≥ 0")
        }
        return _Header(schema: schema, configuration: configuration, pruning: pruning, lambdas: lambdas, trainingData: (name, rows))
    }

    /// Reads a tree from its JSON object, checking that every index and count is consistent.
    init(json: JSONValue, reader r: _ModelReader, path: String) throws {
        let header = try Self.readHeader(json: json, reader: r, path: path)
        let (schema, tasks, attributes) = (header.schema, header.schema.tasks, header.schema.attributes)
        let T = tasks.count
        let nodeList = try r.array(json["nodes"], "\(path).nodes")
        guard !nodeList.isEmpty else { throw r.error("\(path).nodes: a tree needs a root") }
        var nodes: [Node] = []
        var counts: [Double] = []
        var gains: [Double] = []
        var stops: [Bool] = []
        var parents = [Int](repeating: -1, count: nodeList.count)
        // Names to indices through dictionaries (built once; a nominal attribute's
        // values when a node first tests it): a search per node made reading
        // 20,000 nodes over 50,000 attributes take seconds.
        var attributeIndex = [String: Int](minimumCapacity: attributes.count)
        for (a, attribute) in attributes.enumerated() { attributeIndex[attribute.name] = a }
        var valueCodes = [Int: [String: Int32]]()
        for (n, nodeJSON) in nodeList.enumerated() {
            let p = "\(path).nodes[\(n)]"
            var node = Node(weight: try r.number(nodeJSON["weight"], "\(p).weight"))
            let perTask = try r.array(nodeJSON["counts"], "\(p).counts")
            guard perTask.count == T else { throw r.error("\(p).counts: \(perTask.count) tasks, expected \(T)") }
            for (t, list) in perTask.enumerated() {
                let values = try r.array(list, "\(p).counts[\(t)]").map { try r.number($0, "\(p).counts[\(t)]") }
                if tasks[t].isNumeric {
                    // Weight, mean and variance.
                    guard values.count == 3, values[0] >= 0, values[2] >= 0 else {
                        throw r.error("\(p).counts[\(t)]: expected a numeric task's weight, mean and variance (weight and variance ≥ 0)")
                    }
                } else {
                    guard values.count == tasks[t].classes.count, values.allSatisfy({ $0 >= 0 }) else {
                        throw r.error("\(p).counts[\(t)]: expected \(tasks[t].classes.count) non-negative counts")
                    }
                }
                counts += values
            }
            if let testJSON = nodeJSON["test"] {
                let name = try r.string(testJSON["attribute"], "\(p).test.attribute")
                guard let a = attributeIndex[name] else { throw r.error("\(p).test: unknown attribute '\(name)'") }
                let children = try r.array(nodeJSON["children"], "\(p).children").map { try r.number($0, "\(p).children") }
                guard children.count == 2, let first = Int(exactly: children[0]), let count = Int(exactly: children[1]),
                    first > n, count >= 2, first + count <= nodeList.count
                else { throw r.error("\(p).children: invalid child range") }
                for child in first ..< first + count {
                    guard parents[child] < 0 else { throw r.error("\(p).children: node \(child) has two parents") }
                    parents[child] = n
                }
                node.firstChild = first
                node.childCount = count
                if attributes[a].type == .numeric {
                    guard count == 2 else { throw r.error("\(p).children: a numeric test has 2 children") }
                    node.test = .numeric(attribute: a, threshold: try r.number(testJSON["threshold"], "\(p).test.threshold"))
                } else {
                    if valueCodes[a] == nil {
                        var codes = [String: Int32](minimumCapacity: attributes[a].values.count)
                        for (i, v) in attributes[a].values.enumerated() { codes[v] = Int32(i) }
                        valueCodes[a] = codes
                    }
                    let codes = valueCodes[a]!
                    let branches = try r.strings(testJSON["branches"], "\(p).test.branches").map { v -> Int32 in
                        guard let code = codes[v] else { throw r.error("\(p).test.branches: unknown value '\(v)'") }
                        return code
                    }
                    guard branches.count == count else { throw r.error("\(p).test.branches: \(branches.count) values for \(count) children") }
                    node.test = .nominal(attribute: a, branches: branches)
                }
                node.score = try r.number(nodeJSON["score"], "\(p).score")
                let g = try r.array(nodeJSON["gains"], "\(p).gains").map { try r.number($0, "\(p).gains") }
                guard g.count == T else { throw r.error("\(p).gains: \(g.count) gains, expected \(T)") }
                gains += g
            } else {
                gains += [Double](repeating: 0, count: T)
            }
            let stopped = try nodeJSON["stops"].map { try r.strings($0, "\(p).stops") } ?? []
            var row = [Bool](repeating: false, count: T)
            for name in stopped {
                guard let t = tasks.firstIndex(where: { $0.name == name }) else { throw r.error("\(p).stops: unknown task '\(name)'") }
                row[t] = true
            }
            stops += row
            nodes.append(node)
        }
        if let orphan = (1 ..< nodeList.count).first(where: { parents[$0] < 0 }) {
            throw r.error("\(path).nodes[\(orphan)]: no parent points to this node")
        }
        self.init(
            uncheckedSchema: schema, configuration: header.configuration, lambdas: header.lambdas, nodes: nodes, classCounts: counts,
            gains: gains, taskStops: stops.contains(true) ? stops : [], trainingData: header.trainingData)
        self.pruning = header.pruning
        try validateNumbers(r, path: path)
    }
}

/// Typed access to a model's JSON with errors that name the offending member.
struct _ModelReader {
    let file: String?

    func error(_ message: String) -> MTLError { MTLError(.badData, "invalid model: " + message, file: file) }

    func object(_ v: JSONValue?, _ path: String) throws -> JSONValue {
        guard case .object? = v else { throw error("\(path): expected an object") }
        return v!
    }

    func array(_ v: JSONValue?, _ path: String) throws -> [JSONValue] {
        guard let a = v?.arrayValue else { throw error("\(path): expected an array") }
        return a
    }

    func string(_ v: JSONValue?, _ path: String) throws -> String {
        guard let s = v?.stringValue else { throw error("\(path): expected a string") }
        return s
    }

    func strings(_ v: JSONValue?, _ path: String) throws -> [String] {
        try array(v, path).map { try string($0, path) }
    }

    /// Strings that must differ from each other (a nominal attribute's values, a task's classes).
    func distinctStrings(_ v: JSONValue?, _ path: String) throws -> [String] {
        let list = try strings(v, path)
        var seen = Set<String>()
        if let i = list.firstIndex(where: { !seen.insert($0).inserted }) {
            throw error("\(path)[\(i)]: '\(list[i])' is listed twice")
        }
        return list
    }

    func number(_ v: JSONValue?, _ path: String) throws -> Double {
        guard let x = v?.numberValue, x.isFinite else { throw error("\(path): expected a number") }
        return x
    }
}
