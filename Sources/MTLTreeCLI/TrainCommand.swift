import Foundation
import MTLTreeKit

/// `mtltree train DATA -o model.json`: grow a multitask tree and save it.
struct TrainCommand: Subcommand {
    static let name = "train"
    static let summary = "Learn a multitask tree from a dataset and save it as a model file."
    static let help = """
        USAGE: mtltree train DATA --tasks A,B,... [--main T] [options] [-o MODEL]
               mtltree train DATA --tasks A,B,... [--main T] --forest [N] [options] [-o MODEL]

        Grows one decision tree on all tasks at once, scoring each split by the
        main task's information gain plus λ times each extra task's gain, prunes
        it as C4.5 does (on the main task, then a pruned view per task), and
        writes it as a JSON model file (default: NAME.model.json in the current
        folder, where NAME is the data file's name). With --main all, one tree
        per task, each task main in turn, go into the one model file; predict
        then answers each task from its own tree. With --forest, grows a forest
        of unpruned multitask trees instead (see FOREST OPTIONS) and reports each
        task's out-of-bag accuracy; --lambda auto then picks λ from the grid by
        the main task's out-of-bag error, every λ's trees on the same samples.
        A forest's model (default NAME.forest) is a JSON header followed by the
        trees in binary.

        Choosing λ: with --main and no --lambda, train chooses λ by \(defaultFolds)-fold
        cross-validation, as 'mtltree tune' does, where that is cheap (at most
        \(LambdaTuner.cheapWork / 1_000_000) million rows × inputs × tasks, and at least 10 rows per fold),
        and uses λ = 1 on larger data; it says which it did and why, in one
        line. --lambda auto (or any of --grid, --folds, --rule, --per-task,
        --race) always chooses, racing the grid where choosing is not cheap;
        --lambda L never chooses. The choice is the smallest λ within one
        standard error of the lowest cross-validated error (see --rule), so
        extra tasks weigh in only where they clearly help the main task.

        OPTIONS:
          -o, --output MODEL    Where to write the model ('-': standard output, and the
                                training report goes to standard error).
          --format F            The training report as text (default) or json.
          --grid G              λ values to try when choosing λ, comma-separated
                                (default 0,0.125,0.25,0.5,1,2,4).
          --folds K             Folds of the cross-validation that chooses λ (default \(defaultFolds)).
          --metric M            What that cross-validation minimises the error of: accuracy
                                (default), balanced-accuracy, macro-f1 (1 − each) or log-loss;
                                a numeric main task's error is its squared error. With
                                --forest --lambda auto: the out-of-bag error minimised.

        """ + ruleOptionHelp + "\n" + perTaskOptionHelp + "\n" + raceOptionHelp + """

          --quiet               No progress on standard error while λ is chosen
                                (shown only on a terminal).

        """ + "\n" + dataOptionsHelp + "\n" + inductionOptionsHelp + "\n" + forestOptionsHelp

    /// The folds of the cross-validation that chooses λ.
    static let defaultFolds = 5

    static func run(_ arguments: inout Arguments, console: Console) throws -> Int32 {
        var readOptions = try arguments.readOptions(console: console)
        let (configuration, autoLambda, lambdaGiven) = try arguments.inductionConfiguration(allowAuto: true)
        let pruning = try arguments.pruningConfiguration()
        let grid = try arguments.lambdaGrid("--grid")
        let folds = try arguments.integer("--folds", in: 2 ... 100_000)
        let rule = try arguments.selectionRule()
        let metric = try arguments.metric()
        let json = try arguments.value("--format").map { format -> Bool in
            guard format == "text" || format == "json" else { throw MTLError(.usage, "--format takes text or json, not '\(format)'") }
            return format == "json"
        } ?? false
        let perTask = arguments.flag("--per-task")
        let race = try arguments.racingMargin()
        let quiet = arguments.flag("--quiet", "-q")
        let output = try arguments.value("-o", "--output")
        let seed = try arguments.seed()
        let forest = try arguments.forestConfiguration(tree: configuration, seed: seed ?? 1)
        if forest == nil, seed != nil { throw MTLError(.usage, "--seed seeds a forest's samples: add --forest") }
        let path = try arguments.positionals("DATA")[0]
        // `--main all`: one specialist tree per task, each task main in turn (Caruana's advice).
        let specialists = readOptions.roles.main == "all"
        if specialists { readOptions.roles.main = nil }
        if specialists, forest != nil { throw MTLError(.usage, "--forest grows one forest for all tasks: give one --main task, not all") }
        if autoLambda || !configuration.lambda.perTask.isEmpty || configuration.lambda.shared != 1, readOptions.roles.main == nil, !specialists {
            throw MTLError(.usage, "--lambda weighs extra tasks against a main task: name it with --main")
        }
        let tuningOption = [(grid != nil, "--grid"), (folds != nil, "--folds"), (rule != nil, "--rule"), (perTask, "--per-task"),
                            (metric != nil && forest == nil, "--metric"), (race != nil, "--race")]
            .first(where: \.0)?.1
        if let tuningOption {
            if forest != nil {
                throw MTLError(.usage, "\(tuningOption) is for choosing a tree's λ by cross-validation; with --forest, --lambda auto uses out-of-bag error")
            }
            if lambdaGiven && !autoLambda {
                throw MTLError(.usage, "\(tuningOption) is for choosing λ by cross-validation, not with a fixed --lambda")
            }
            if readOptions.roles.main == nil, !specialists {
                throw MTLError(.usage, "\(tuningOption) is for choosing λ against a main task: name it with --main")
            }
        }
        if forest != nil, output == Console.standardOutputName {
            throw MTLError(.usage, "-o - writes a tree's model to standard output; a forest's model is partly binary: name a file")
        }
        if forest != nil, metric != nil, !autoLambda {
            throw MTLError(.usage, "--metric is for choosing λ: with --forest, add --lambda auto (λ by that metric's out-of-bag error)")
        }
        try console.checkWritable(output, notReplacing: [path])  // fail before the work, not after
        let choosing = forest == nil && (autoLambda || tuningOption != nil) ? Resampling.crossValidation(folds: folds ?? defaultFolds, repeats: 1) : nil
        var dataset = try Dataset.loadForLearning(path: path, options: readOptions, console: console, resampling: choosing)
        if specialists, dataset.taskIndices.isEmpty {
            throw MTLError(.usage, "--main all grows one tree per task: name the tasks with --tasks")
        }
        if let forest {
            let destination = output ?? dataset.name + ".forest"
            try trainForest(
                dataset, configuration: forest, autoLambda: autoLambda, destination: destination,
                replacing: replacesDefault(output, destination), json: json, lambdaGiven: lambdaGiven, metric: metric ?? .accuracy,
                console: console)
            return 0
        }
        let mains: [String?] = specialists ? dataset.taskIndices.map { dataset.columns[$0].name } : [dataset.mainTask.map { dataset.columns[$0].name }]
        var tuner = LambdaTuner(
            configuration: configuration, grid: grid ?? LambdaTuner.defaultGrid, perTask: perTask,
            resampling: .crossValidation(folds: folds ?? defaultFolds, repeats: 1), seed: 1,
            pruning: pruning.isEnabled ? pruning : nil, rule: rule ?? .default)
        // By default λ is chosen where that is cheap: asked for explicitly, or neither asked for nor fixed.
        let cheap = LambdaTuner.isCheap(
            rows: dataset.rowCount, inputs: dataset.inputIndices.count, tasks: dataset.taskIndices.count * mains.count,
            folds: folds ?? defaultFolds)
        let choose = autoLambda || tuningOption != nil || (!lambdaGiven && cheap)
        var trees: [MultitaskTree] = []
        var timed: [(tree: MultitaskTree, seconds: Double, lambdaChoice: JSONValue)] = []  // for --format json
        var report = ""
        tuner.metric = metric ?? .accuracy
        for main in mains {
            try dataset.setMainTask(main)
            // Exact where choosing is cheap; where it is not (asked for all the same), raced unless told,
            // where the error is a rate (the margin is 2 points of it), not a log-loss or squared error.
            let rate = tuner.metric != .logLoss && dataset.mainTask.map { dataset.columns[$0].nominal != nil } == true
            tuner.racingMargin = race ?? (cheap || !rate ? nil : LambdaTuner.defaultRacingMargin)
            let started = Date()
            var configuration = configuration
            let hasExtras = main != nil && dataset.taskIndices.count > 1
            var lambdaChoice: JSONValue = hasExtras ? .object([("method", .string(lambdaGiven ? "given" : "default"))]) : .null
            if choose, hasExtras {
                let label = "train: choosing λ" + (mains.count > 1 ? " for \(main!)" : "")
                let tuning = try withProgress(console, quiet: quiet, label: label, unit: "fold passes") {
                    try tuner.tune(dataset, progress: $0)
                }
                configuration.lambda = tuning.specification
                report += choiceReport(tuning, tuner: tuner, byDefault: !autoLambda && tuningOption == nil)
                lambdaChoice = choiceJSON(tuning)
            } else if hasExtras, !lambdaGiven {
                report += "λ = 1 for the extra tasks: train's default on data "
                report += dataset.rowCount < 10 * defaultFolds
                    ? "this small (\(dataset.rowCount) rows, under 10 per fold)"
                    : "this large (\(dataset.rowCount) rows × \(dataset.inputIndices.count) inputs × \(dataset.taskIndices.count) tasks)"
                report += "; --lambda auto chooses it by cross-validation\n"
            }
            var tree = try TreeInducer(configuration: configuration).fit(dataset)
            if pruning.isEnabled { tree = try tree.pruned(pruning) }
            report += trainingReport(tree, dataset: dataset, seconds: Date().timeIntervalSince(started))
            trees.append(tree)
            timed.append((tree, Date().timeIntervalSince(started), lambdaChoice))
        }
        if json { report = trainingJSON(timed, dataset: dataset, model: output ?? dataset.name + ".model.json").serialized() + "\n" }
        let model = TreeModel(trees: trees)
        guard output != Console.standardOutputName else {
            // `-o -`: the model is the data on standard output; the report goes with the messages.
            console.out(String(decoding: model.serialized(), as: UTF8.self))
            console.err(report)
            return 0
        }
        let destination = output ?? dataset.name + ".model.json"
        let replacing = replacesDefault(output, destination)
        try model.write(to: destination)
        console.out(report)
        do {
            try console.finish()
        } catch var error as MTLError {
            // The report was lost (`> /dev/full`), the model was not: say which.
            error.message += "; the model was written to \(destination)"
            throw error
        }
        console.note(wroteModelNote(destination, replacing: replacing))
        return 0
    }

    /// Whether the model goes to its default name (no `-o`) and a file of
    /// that name is already there: the previous `train` on the same data.
    static func replacesDefault(_ output: String?, _ destination: String) -> Bool {
        output == nil && FileManager.default.fileExists(atPath: destination)
    }

    /// "wrote model to PATH", with "(replaced the previous one)" when the
    /// default name replaced a model, which a user may not expect.
    static func wroteModelNote(_ destination: String, replacing: Bool) -> String {
        "wrote model to \(destination)" + (replacing ? " (replaced the previous one; -o names another file)" : "")
    }

    /// `1 task`, `4 tasks`.
    static func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)" + (n == 1 ? "" : "s") }

    /// Which λ was chosen for the main task, how, and why.
    ///
    /// When λ was chosen by default (not asked for), one line: how, and the
    /// rule's reason, which names the λ chosen.
    static func choiceReport(_ tuning: LambdaTuning, tuner: LambdaTuner, byDefault: Bool) -> String {
        if byDefault {
            var line = "λ chosen by \(tuner.resampling.description(stratified: !tuning.numericMainTask)), train's default on data this small "
            line += "(--lambda L fixes it): " + tuning.reason
            if let note = tuning.edgeNote { line += "; " + note }
            return line + "\n"
        }
        var out: String
        if let perTask = tuning.perTask {
            out = "λ_i " + zip(tuning.extraTasks, perTask).map { "\($0)=\(formatNumber($1))" }.joined(separator: ", ")
        } else {
            out = "λ = \(formatNumber(tuning.bestShared))"
        }
        out += " for the extra tasks of \(tuning.mainTask), chosen by \(tuner.resampling.description(stratified: !tuning.numericMainTask))\n"
        out += "  over λ = \(tuning.shared.map { formatNumber($0.lambda) }.joined(separator: ", ")) (rule \(tuning.rule)"
        if let racing = tuning.racing {
            out += "; raced, an approximation: λ more than \(formatNumber(racing.margin)) above the lowest error after \(racing.checkpoint) folds dropped"
        }
        out += "):\n"
        out += "  " + tuning.reason + "\n"
        if let note = tuning.edgeNote { out += "  " + note + "\n" }
        if tuning.perTask != nil {
            out += "  λ_i by coordinate search from λ = \(formatNumber(tuning.bestShared)), \(tuning.rounds) round"
            out += tuning.rounds == 1 ? "\n" : "s\n"
        }
        return out
    }

    /// Tree size and each task's accuracy on the training data.
    static func trainingReport(_ tree: MultitaskTree, dataset: Dataset, seconds: Double) -> String {
        var out = "trained on \(dataset.name): \(dataset.rowCount) rows, " + counted(tree.schema.attributes.count, "input")
        out += ", " + counted(tree.schema.tasks.count, "task")
        out += " in \(fixed(seconds, 2)) s\n"
        out += "tree: \(tree.nodeCount) nodes, \(tree.leafCount) leaves, depth \(tree.depth)"
        if let cf = tree.pruning.confidence {
            out += ", pruned (CF \(formatNumber(cf))\(tree.pruning.perTask ? ", per task" : ""))"
        }
        out += "\n"
        if let accuracy = try? tree.trainingAccuracy(grownOn: dataset) {
            let numeric = (try? tree.numericErrors(on: dataset)) ?? []
            let width = max(4, tree.schema.tasks.map { $0.name.count + 1 }.max() ?? 4)
            let allNumeric = tree.schema.tasks.allSatisfy(\.isNumeric)
            out += "task".padded(width) + "       λ  " + (allNumeric ? "training error" : "training accuracy") + "\n"
            for (t, task) in tree.schema.tasks.enumerated() {
                let (right, labelled) = accuracy[t]
                let name = task.name + (t == 0 && tree.schema.hasMainTask ? "*" : "")
                out += name.padded(width) + "  " + fixed(tree.lambdas[t], 3).leftPadded(6)
                if t < numeric.count, let errors = numeric[t] {
                    out += "  RMSE " + significant(errors.rmse) + ", R² " + fixed(errors.r2, 3) + "  (\(errors.count) rows)\n"
                } else {
                    // Rows, or their weights where the data weigh rows.
                    out += "  " + (labelled > 0 ? fixed(right / labelled, 4) : "n/a")
                    out += "  (\(formatPrediction(right))/\(formatPrediction(labelled)))\n"
                }
            }
            if tree.schema.hasMainTask { out += "(* main task)\n" }
        }
        return out
    }
}
