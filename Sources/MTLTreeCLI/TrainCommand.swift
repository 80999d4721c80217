import Foundation
import MTLTreeKit

/// `mtltree train DATA -o model.json`: grow a multitask tree and save it.
struct TrainCommand: Subcommand {
    static let name = "train"
    static let summary = "Learn a multitask tree from a dataset and save it as a model file."
    static let help = """
        USAGE: mtltree train DATA --tasks A,B,... [--main T] [options] [-o MODEL]

        Grows one decision tree on all tasks at once, scoring each split by the
        main task's information gain plus λ times each extra task's gain, and
        writes it as a JSON model file (default: NAME.model.json in the current
        folder, where NAME is the data file's name).

        OPTIONS:
          -o, --output MODEL    Where to write the model.

        """ + dataOptionsHelp + "\n" + inductionOptionsHelp

    static func run(_ arguments: inout Arguments, console: Console) throws -> Int32 {
        let readOptions = try arguments.readOptions()
        let configuration = try arguments.inductionConfiguration()
        let output = try arguments.value("-o", "--output")
        let path = try arguments.positionals("DATA")[0]
        if !configuration.lambda.perTask.isEmpty || configuration.lambda.shared != 1, readOptions.roles.main == nil {
            throw MTLError(.usage, "--lambda weighs extra tasks against a main task: name it with --main")
        }
        let dataset = try Dataset.load(path: path, options: readOptions)
        let started = Date()
        let tree = try TreeInducer(configuration: configuration).fit(dataset)
        let seconds = Date().timeIntervalSince(started)
        let destination = output ?? dataset.name + ".model.json"
        try TreeModel(tree).write(to: destination)
        console.out(trainingReport(tree, dataset: dataset, seconds: seconds))
        console.note("wrote model to \(destination)")
        return 0
    }

    /// Tree size and each task's accuracy on the training data.
    static func trainingReport(_ tree: MultitaskTree, dataset: Dataset, seconds: Double) -> String {
        var out = "trained on \(dataset.name): \(dataset.rowCount) rows, \(tree.schema.attributes.count) inputs, \(tree.schema.tasks.count) tasks"
        out += " in \(fixed(seconds, 2)) s\n"
        out += "tree: \(tree.nodeCount) nodes, \(tree.leafCount) leaves, depth \(tree.depth)\n"
        if let accuracy = try? tree.accuracy(on: dataset) {
            let width = max(4, tree.schema.tasks.map { $0.name.count + 1 }.max() ?? 4)
            out += "task".padded(width) + "       λ  training accuracy\n"
            for (t, task) in tree.schema.tasks.enumerated() {
                let (right, labelled) = accuracy[t]
                let name = task.name + (t == 0 && tree.schema.hasMainTask ? "*" : "")
                out += name.padded(width) + "  " + fixed(tree.lambdas[t], 3).leftPadded(6)
                out += "  " + (labelled > 0 ? fixed(Double(right) / Double(labelled), 4) : "n/a") + "  (\(right)/\(labelled))\n"
            }
            if tree.schema.hasMainTask { out += "(* main task)\n" }
        }
        return out
    }
}
