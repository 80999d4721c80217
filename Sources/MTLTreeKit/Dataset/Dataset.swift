import Foundation

/// A table of encoded columns with roles: what every learner and evaluator in
/// mtltree reads.
///
/// Columnar, not row-wise: a nominal column is an array of integer codes, a
/// numeric one an array of doubles (`.nan` for missing). Encoding happens once,
/// when a reader builds the dataset; nothing downstream touches strings.
/// Every row has a weight (1 unless stated).
public struct Dataset: Sendable, Equatable {
    /// A short name for the data (the file name without extension, or the ARFF `@relation`).
    public var name: String
    /// The columns, in file order.
    public private(set) var columns: [Column]
    /// One weight per row, each finite and non-negative; set them with ``setWeights(_:)``.
    public private(set) var weights: [Double]
    /// The index in ``columns`` of the main task, if one is named.
    public private(set) var mainTask: Int?

    /// Creates a dataset.
    ///
    /// - Parameters:
    ///   - name: A short name for the data.
    ///   - columns: Columns of equal length, with distinct names.
    ///   - weights: One weight per row; `nil` gives every row weight 1.
    ///   - mainTask: The name of the main task, which must be a task column.
    /// - Throws: ``MTLError`` (`.badData`) if the lengths or names disagree.
    public init(name: String, columns: [Column], weights: [Double]? = nil, mainTask: String? = nil) throws {
        let rows = columns.first?.count ?? 0
        for column in columns where column.count != rows {
            throw MTLError(.badData, "column '\(column.name)' has \(column.count) rows, expected \(rows)")
        }
        var seen = Set<String>()
        for column in columns where !seen.insert(column.name).inserted {
            throw MTLError(.badData, "duplicate column name '\(column.name)'")
        }
        if let weights { try Self.checkWeights(weights, rows: rows) }
        self.name = name
        self.columns = columns
        self.weights = weights ?? [Double](repeating: 1, count: rows)
        if let mainTask {
            guard let index = columns.firstIndex(where: { $0.name == mainTask }) else {
                throw MTLError.unknownColumn(mainTask, available: columns.map(\.name), option: RoleOptions.words.main)
            }
            guard columns[index].role == .task else {
                throw MTLError(.usage, "main task '\(mainTask)' is not a task column")
            }
            self.mainTask = index
        }
    }

    /// The number of rows.
    public var rowCount: Int { weights.count }

    /// Replaces the row weights.
    ///
    /// - Parameter weights: One weight per row, each finite and non-negative
    ///   (0 leaves a row out of every count).
    /// - Throws: ``MTLError`` (`.badData`) if the count differs from the rows'
    ///   or a weight is negative, infinite or NaN; the weights are then unchanged.
    /// - Complexity: O(rows).
    public mutating func setWeights(_ weights: [Double]) throws(MTLError) {
        try Self.checkWeights(weights, rows: rowCount)
        self.weights = weights
    }

    /// Checks that `weights` has `rows` entries, each finite and non-negative.
    private static func checkWeights(_ weights: [Double], rows: Int) throws(MTLError) {
        guard weights.count == rows else {
            throw MTLError(.badData, "\(weights.count) weights for \(rows) rows")
        }
        if let bad = weights.first(where: { !($0.isFinite && $0 >= 0) }) {
            throw MTLError(.badData, "row weight \(bad) is not a finite non-negative number")
        }
    }

    /// The task columns in the order the roles named them (see ``assignRoles(_:)``).
    private var taskOrder: [Int] = []

    /// The indices of the task columns: the main task first, then in the
    /// order ``assignRoles(_:)`` was given them (``RoleOptions/tasks``, then
    /// ``RoleOptions/main`` and ``RoleOptions/numeric`` if not among them),
    /// then any other task columns in file order.
    ///
    /// - Complexity: O(columns).
    public var taskIndices: [Int] {
        var tasks = taskOrder.filter { columns[$0].role == .task }
        let named = Set(tasks)
        tasks += columns.indices.filter { columns[$0].role == .task && !named.contains($0) }
        if let mainTask, let at = tasks.firstIndex(of: mainTask) {
            tasks.remove(at: at)
            tasks.insert(mainTask, at: 0)
        }
        return tasks
    }

    /// The indices of the input columns, in file order.
    public var inputIndices: [Int] { columns.indices.filter { columns[$0].role == .input } }

    /// The index of the column called `name`, if any.
    public func columnIndex(named name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    /// The column called `name`, if any.
    public subscript(name: String) -> Column? {
        columnIndex(named: name).map { columns[$0] }
    }

    /// Sets the columns' roles: the named tasks become tasks, the ignored ones
    /// ignored, the rest inputs.
    ///
    /// A main task that is not listed among the tasks is added to them, after
    /// them, as are the numeric tasks; ``taskIndices`` keeps that order. A
    /// task keeps its column's type (a numeric column is a numeric task),
    /// except that forced nominal columns (``RoleOptions/nominal``) are
    /// converted by their values' text, and forced numeric tasks
    /// (``RoleOptions/numeric``) read their values' text as numbers.
    ///
    /// - Throws: ``MTLError`` (`.usage`) naming an unknown column and the
    ///   closest match, or a column forced both nominal and numeric;
    ///   (`.badData`) for a forced numeric task with a value that is not a number.
    /// - Complexity: O(rows × converted columns).
    public mutating func assignRoles(_ roles: RoleOptions) throws {
        let names = columns.map(\.name)
        func index(_ name: String, _ option: String) throws -> Int {
            guard let i = columnIndex(named: name) else {
                throw MTLError.unknownColumn(name, available: names, option: option)
            }
            return i
        }
        var tasks = try roles.tasks.map { try index($0, RoleOptions.words.tasks) }
        let main = try roles.main.map { try index($0, RoleOptions.words.main) }
        if let main, !tasks.contains(main) { tasks.append(main) }
        let ignored = try roles.ignore.map { try index($0, RoleOptions.words.ignore) }
        let forced = try roles.nominal.map { try index($0, RoleOptions.words.nominal) }
        let numeric = try roles.numeric.map { try index($0, RoleOptions.words.numeric) }
        for i in ignored where tasks.contains(i) {
            throw MTLError(.usage, "column '\(names[i])' is both a task and ignored")
        }
        for i in numeric {
            if !tasks.contains(i) { tasks.append(i) }
            if forced.contains(i) { throw MTLError(.usage, "task '\(names[i])' cannot be both nominal and numeric") }
        }
        for i in columns.indices {
            columns[i].role = tasks.contains(i) ? .task : ignored.contains(i) ? .ignored : .input
            if forced.contains(i) { columns[i].storage = Self.nominalStorage(columns[i].storage) }
            if numeric.contains(i) { columns[i].storage = try Self.numericTaskStorage(columns[i]) }
        }
        mainTask = main
        taskOrder = tasks
    }

    /// A task column's values as numbers: its own if numeric, else its values' text read as numbers.
    ///
    /// - Throws: ``MTLError`` (`.badData`) naming the first value that is not a finite number.
    static func numericTaskStorage(_ column: Column) throws -> Column.Storage {
        guard case .nominal(let n) = column.storage else { return column.storage }
        let numbers = try n.values.map { text -> Double in
            guard let x = parseTaskNumber(text) else {
                throw MTLError(.badData, "task '\(column.name)', to be learned as a number, has the value '\(text)'")
            }
            return x
        }
        return .numeric(n.codes.map { $0 < 0 ? .nan : numbers[Int($0)] })
    }

    /// `text` as a finite number, if it is one.
    static func parseTaskNumber(_ text: String) -> Double? {
        guard let x = Double(text.trimmingCharacters(in: .whitespaces)), x.isFinite else { return nil }
        return x
    }

    /// Makes numeric each nominal task (not in `keepNominal`) whose values are
    /// all numbers and not all whole: a CSV column of measurements named as a
    /// task. Whole numbers stay classes, as scikit-learn's `type_of_target`
    /// reads them (see ``integerTasksWithManyClasses``).
    ///
    /// - Complexity: O(rows × converted columns + distinct values).
    public mutating func inferNumericTasks(keepNominal: [String] = []) {
        for i in columns.indices where columns[i].role == .task && !keepNominal.contains(columns[i].name) {
            guard let n = columns[i].nominal, !n.values.isEmpty else { continue }
            let numbers = n.values.map(Self.parseTaskNumber)
            guard numbers.allSatisfy({ $0 != nil }), numbers.contains(where: { $0! != $0!.rounded() }) else { continue }
            columns[i].storage = .numeric(n.codes.map { $0 < 0 ? .nan : numbers[Int($0)]! })
        }
    }

    /// The nominal tasks whose classes are all whole numbers and more than
    /// 10: perhaps counts or scores better learned as numbers. Name and number of classes.
    public var integerTasksWithManyClasses: [(name: String, classes: Int)] {
        taskIndices.compactMap { i in
            guard let n = columns[i].nominal, n.values.count > 10,
                n.values.allSatisfy({ Self.parseTaskNumber($0).map { $0 == $0.rounded() } ?? false })
            else { return nil }
            return (columns[i].name, n.values.count)
        }
    }

    /// Puts every nominal task's classes in ``NaturalOrder`` (a CSV file
    /// declares none, and first-seen order depends on the rows' order).
    ///
    /// - Complexity: O(rows × nominal tasks).
    mutating func orderClassesNaturally() {
        for t in taskIndices {
            guard case .nominal(let n) = columns[t].storage else { continue }
            columns[t].storage = .nominal(n.naturallyOrdered())
        }
    }

    /// Makes the task called `name` the main task, or with `nil` weighs every task alike.
    ///
    /// - Throws: ``MTLError`` (`.usage`) if `name` is not a task column.
    public mutating func setMainTask(_ name: String?) throws {
        guard let name else {
            mainTask = nil
            return
        }
        guard let index = columnIndex(named: name), columns[index].role == .task else {
            throw MTLError.unknownColumn(name, available: taskIndices.map { columns[$0].name }, option: RoleOptions.words.main)
        }
        mainTask = index
    }

    /// Replaces the column at `index`, keeping the row count.
    ///
    /// - Throws: ``MTLError`` (`.badData`) if the new column's length differs.
    public mutating func replaceColumn(at index: Int, with column: Column) throws {
        guard column.count == rowCount else {
            throw MTLError(.badData, "column '\(column.name)' has \(column.count) rows, expected \(rowCount)")
        }
        columns[index] = column
        if column.role != .task, mainTask == index { mainTask = nil }
    }

    /// The rows at `rows`, in that order (duplicates allowed), as a new dataset.
    ///
    /// - Complexity: O(rows.count × columns).
    public func subset(rows: [Int]) -> Dataset {
        var copy = self
        copy.weights = rows.map { weights[$0] }
        for c in copy.columns.indices {
            switch columns[c].storage {
            case .nominal(let n):
                copy.columns[c].storage = .nominal(NominalColumn(codes: rows.map { n.codes[$0] }, values: n.values))
            case .numeric(let v):
                copy.columns[c].storage = .numeric(rows.map { v[$0] })
            }
        }
        return copy
    }

    /// Converts numeric storage to nominal by the values' shortest text, sorted numerically.
    static func nominalStorage(_ storage: Column.Storage) -> Column.Storage {
        guard case .numeric(let values) = storage else { return storage }
        let distinct = Array(Set(values.filter { !$0.isNaN })).sorted()
        var code = [Double: Int32]()
        for (i, v) in distinct.enumerated() { code[v] = Int32(i) }
        let codes = values.map { $0.isNaN ? NominalColumn.missing : code[$0]! }
        return .nominal(NominalColumn(codes: codes, values: distinct.map(formatNumber)))
    }
}

/// Which columns are tasks, which is the main task, which are ignored, and
/// which numeric-looking columns are nominal: the command line's
/// `--tasks`, `--main`, `--ignore` and `--nominal`.
public struct RoleOptions: Sendable, Equatable {
    /// The task columns' names.
    public var tasks: [String]
    /// The main task's name; `nil` weighs every task 1.
    public var main: String?
    /// Columns to ignore (identifiers and the like).
    public var ignore: [String]
    /// Columns to read as nominal even if every value is a number.
    public var nominal: [String]
    /// Tasks to learn as numbers (regression targets), whatever their
    /// values look like; a column named here is a task.
    public var numeric: [String] = []
    /// Columns to read as nominal if the file has them, without complaint if
    /// not: a model's nominal inputs, when reading data to predict.
    public var nominalIfPresent: Set<String> = []

    /// Creates role options.
    public init(tasks: [String] = [], main: String? = nil, ignore: [String] = [], nominal: [String] = [], numeric: [String] = []) {
        self.tasks = tasks
        self.main = main
        self.ignore = ignore
        self.nominal = nominal
        self.numeric = numeric
    }

    /// How errors name the roles (``MTLError/unknownColumn(_:available:option:)``).
    static let words = (
        tasks: "named as a task", main: "named as the main task", ignore: "named to be ignored",
        nominal: "named to be read as nominal", numeric: "named as a numeric task")

    /// Every column that must be read as nominal text: tasks, the main task, forced nominal.
    public var nominalNames: Set<String> {
        Set(tasks).union(nominal).union(main.map { [$0] } ?? []).union(nominalIfPresent).union(numeric)
    }

    /// The columns forced nominal: ``nominal`` and ``nominalIfPresent``
    /// (an ARFF file's declared numeric task stays numeric otherwise).
    public var forcedNominalNames: Set<String> { Set(nominal).union(nominalIfPresent) }
}
