/// What `mtltree describe` shows: rows, each column's role, type, distinct
/// values and missing cells, and each task's class distribution.
public struct DatasetSummary: Sendable, Equatable {
    /// One column's statistics.
    public struct ColumnSummary: Sendable, Equatable {
        /// The column's name, in full.
        public var name: String
        /// Input, task or ignored.
        public var role: Role
        /// Nominal or numeric.
        public var type: ColumnType
        /// The number of distinct known values.
        public var distinct: Int
        /// The number of missing cells.
        public var missing: Int
        /// Smallest and largest known value of a numeric column.
        public var range: ClosedRange<Double>?
        /// For tasks: each class and its row count, in the column's value order.
        public var classes: [(name: String, count: Int)]

        public static func == (a: ColumnSummary, b: ColumnSummary) -> Bool {
            a.name == b.name && a.role == b.role && a.type == b.type && a.distinct == b.distinct
                && a.missing == b.missing && a.range == b.range
                && a.classes.map(\.name) == b.classes.map(\.name) && a.classes.map(\.count) == b.classes.map(\.count)
        }
    }

    /// The dataset's name.
    public var name: String
    /// The number of rows.
    public var rows: Int
    /// The main task's name, if any.
    public var mainTask: String?
    /// One entry per column, in file order.
    public var columns: [ColumnSummary]

    /// Summarizes `dataset`.
    ///
    /// - Complexity: O(rows × columns), plus a sort per numeric column.
    public init(_ dataset: Dataset) {
        name = dataset.name
        rows = dataset.rowCount
        mainTask = dataset.mainTask.map { dataset.columns[$0].name }
        columns = parallelMap(dataset.columns.count, threads: defaultThreadCount) { i in
            let column = dataset.columns[i]
            var range: ClosedRange<Double>?
            var classes: [(name: String, count: Int)] = []
            switch column.storage {
            case .numeric(let values):
                let known = values.lazy.filter { !$0.isNaN }
                if let lo = known.min(), let hi = known.max() { range = lo...hi }
            case .nominal(let n) where column.role == .task:
                var counts = [Int](repeating: 0, count: n.values.count)
                for c in n.codes where c >= 0 { counts[Int(c)] += 1 }
                classes = zip(n.values, counts).map { (name: $0, count: $1) }
            default: break
            }
            return ColumnSummary(
                name: column.name, role: column.role, type: column.type, distinct: column.distinctCount,
                missing: column.missingCount, range: range, classes: classes)
        }
    }

    /// A readable table of the columns and each task's class distribution.
    public var text: String {
        let counts = Dictionary(grouping: columns, by: \.role).mapValues(\.count)
        var out = "\(name): " + counted(rows, "row") + ", " + counted(columns.count, "column") + " ("
        out += counted(counts[.input] ?? 0, "input") + ", " + counted(counts[.task] ?? 0, "task")
        out += ", \(counts[.ignored] ?? 0) ignored)\n\n"
        // Names in full, however long: they are what a user copies into the roles.
        let width = max(6, columns.map { $0.name.count }.max() ?? 6)
        out += "column".padded(width) + "  role     type     distinct  missing  range\n"
        for c in columns {
            let role = c.role.rawValue + (c.name == mainTask ? "*" : "")
            out += c.name.padded(width) + "  " + role.padded(7) + "  " + c.type.rawValue.padded(7)
            out += String(c.distinct).leftPadded(9) + String(c.missing).leftPadded(9)
            if let r = c.range { out += "  " + formatNumber(r.lowerBound) + " … " + formatNumber(r.upperBound) }
            out += "\n"
        }
        if mainTask != nil { out += "(* main task)\n" }
        for c in columns where c.role == .task {
            let known = c.classes.reduce(0) { $0 + $1.count }
            out += "\ntask \(c.name)\(c.name == mainTask ? " (main)" : ""): " + counted(c.classes.count, "class", "classes")
            out += ", " + counted(known, "labelled row") + "\n"
            let classWidth = c.classes.map { $0.name.count }.max() ?? 1
            for k in c.classes {
                let share = known > 0 ? Double(k.count) / Double(known) * 100 : 0
                out += "  " + k.name.padded(classWidth) + String(k.count).leftPadded(8)
                out += "  " + fixed(share, 1).leftPadded(5) + "%\n"
            }
        }
        return out
    }

    /// `n` and `noun`, plural unless `n` is 1: `1 task`, `3 tasks`.
    private func counted(_ n: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
    }

    /// The summary as JSON: top-level `name`, `rows`, `main_task`, and
    /// `columns` (objects with `name`, `role`, `type`, `missing`, `distinct`,
    /// plus `min`/`max` for numeric columns and `classes` for tasks).
    package var json: JSONValue {
        .object([
            ("name", .string(name)),
            ("rows", .number(Double(rows))),
            ("main_task", mainTask.map(JSONValue.string) ?? .null),
            ("columns", .array(columns.map { c in
                var members: [(String, JSONValue)] = [
                    ("name", .string(c.name)), ("role", .string(c.role.rawValue)), ("type", .string(c.type.rawValue)),
                    ("missing", .number(Double(c.missing))), ("distinct", .number(Double(c.distinct))),
                ]
                if let r = c.range { members += [("min", .number(r.lowerBound)), ("max", .number(r.upperBound))] }
                if c.role == .task {
                    members.append(("classes", .object(c.classes.map { ($0.name, .number(Double($0.count))) })))
                }
                return .object(members)
            })),
        ])
    }
}

/// `x` with `digits` digits after the point, rounded half away from zero.
///
/// A number too large for that many digits to be whole-number arithmetic
/// (|x| × 10^digits ≥ 2^63, such as a λ of 1e300) is written in Swift's
/// shortest form instead (`1e+300`).
package func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 0x1p63 else { return "\(x)" }
    let whole = Int64(scaled / scale)
    var frac = String(Int64(scaled - Double(whole) * scale))
    frac = String(repeating: "0", count: max(0, digits - frac.count)) + frac
    let sign = x < 0 && scaled != 0 ? "-" : ""
    return digits == 0 ? sign + String(whole) : sign + String(whole) + "." + frac
}

extension String {
    /// Padded with spaces on the right to `width` characters.
    package func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// Padded with spaces on the left to `width` characters.
    package func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
