/// What a tree knows of the data it was trained on: the attributes it may
/// test, the tasks it predicts and their classes.
///
/// Prediction binds a new dataset to the schema by column name, and nominal
/// values by their text, so the new data's column order and value codes do not
/// matter.
public struct TreeSchema: Sendable, Equatable {
    /// An input column.
    public struct Attribute: Sendable, Equatable {
        /// The column name.
        public var name: String
        /// Nominal or numeric.
        public var type: ColumnType
        /// A nominal attribute's values, in code order (empty for numeric).
        public var values: [String]

        /// Creates an attribute.
        public init(name: String, type: ColumnType, values: [String] = []) {
            self.name = name
            self.type = type
            self.values = values
        }
    }

    /// A task: a column whose value every leaf predicts, a class (nominal) or a number (numeric).
    public struct Task: Sendable, Equatable {
        /// The column name.
        public var name: String
        /// The classes, in code order; ties between classes go to the earlier one. Empty for a numeric task.
        public var classes: [String]
        /// Whether the task is a classification (nominal) or a regression (numeric).
        public var kind: ColumnType

        /// Creates a task.
        public init(name: String, classes: [String], kind: ColumnType = .nominal) {
            self.name = name
            self.classes = kind == .numeric ? [] : classes
            self.kind = kind
        }

        /// A numeric task, predicting a number.
        public static func numeric(_ name: String) -> Task { Task(name: name, classes: [], kind: .numeric) }

        /// Whether the task is numeric.
        public var isNumeric: Bool { kind == .numeric }

        /// How many numbers a node keeps for the task: one weight per class
        /// for a nominal task; weight, mean and variance for a numeric one.
        public var statisticsWidth: Int { kind == .numeric ? 3 : classes.count }
    }

    /// The attributes, in the training data's column order.
    public var attributes: [Attribute]
    /// The tasks, the main task first. Read-only: ``classOffsets`` and
    /// ``classStride``, and every node's counts, are laid out by them.
    public private(set) var tasks: [Task]
    /// Whether `tasks[0]` is the main task (otherwise every task weighs 1).
    public var hasMainTask: Bool
    /// Where each task's statistics start in a node's flat counts (see ``Task/statisticsWidth``).
    public private(set) var classOffsets: [Int]
    /// The numbers a node keeps over all tasks: the classes of the nominal tasks, and 3 per numeric task.
    public private(set) var classStride: Int

    /// Creates a schema.
    public init(attributes: [Attribute], tasks: [Task], hasMainTask: Bool) {
        self.attributes = attributes
        self.tasks = tasks
        self.hasMainTask = hasMainTask
        var offsets: [Int] = []
        var total = 0
        for task in tasks {
            offsets.append(total)
            total += task.statisticsWidth
        }
        classOffsets = offsets
        classStride = total
    }

    /// The schema of `dataset`'s inputs and tasks.
    public init(_ dataset: Dataset) {
        let attributes = dataset.inputIndices.map { i -> Attribute in
            let column = dataset.columns[i]
            return Attribute(name: column.name, type: column.type, values: column.nominal?.values ?? [])
        }
        let tasks = dataset.taskIndices.map { i in
            Task(name: dataset.columns[i].name, classes: dataset.columns[i].nominal?.values ?? [], kind: dataset.columns[i].type)
        }
        self.init(attributes: attributes, tasks: tasks, hasMainTask: dataset.mainTask != nil)
    }

    /// The main task's name, if there is one.
    public var mainTaskName: String? { hasMainTask ? tasks.first?.name : nil }

    /// The index of the task called `name`, if any.
    public func taskIndex(named name: String) -> Int? { tasks.firstIndex { $0.name == name } }
}
