/// Reports how much of a long computation is done: `completed` of `total`
/// units (folds, or folds times stages). Called on the caller's thread.
public typealias ProgressHandler = @Sendable (_ completed: Int, _ total: Int) -> Void

/// One training/test division of a dataset's rows.
public struct DataSplit: Sendable, Equatable {
    /// The rows to learn from, ascending.
    public var training: [Int]
    /// The rows to measure on, ascending.
    public var test: [Int]
    /// Which repetition of cross-validation this is (0 for the time-ordered schemes).
    public var round: Int
    /// Which fold of the round (or which step of a walk forward).
    public var fold: Int
    /// A seed for anything random done within this split (label shuffles,
    /// subsamples, inner cross-validation), fixed by the evaluation's seed.
    public var seed: UInt64
}

/// How rows are divided into training and test sets.
public enum Resampling: Sendable, Equatable, CustomStringConvertible {
    /// k-fold cross-validation, stratified on a nominal main task's classes
    /// (a numeric main task's rows are only shuffled), repeated with
    /// differently seeded shuffles.
    case crossValidation(folds: Int, repeats: Int)
    /// For time-ordered rows: learn from the first `trainingFraction` of the
    /// rows, test on the rest.
    case chronological(trainingFraction: Double)
    /// For time-ordered rows: every `step` rows, learn from all rows so far
    /// and test on the next `step` (as the Calendar Apprentice was evaluated).
    case walkForward(step: Int)

    /// The divisions of `rowCount` rows, stratified by `labels` (the main
    /// task's codes, -1 for missing) for cross-validation.
    ///
    /// - Parameters:
    ///   - labels: One code per row; rows with a missing label (-1) are
    ///     spread over the folds like a class of their own.
    ///   - seed: Fixes the shuffles; the same seed gives the same splits.
    /// - Returns: The splits, round by round, fold by fold.
    /// - Throws: ``MTLError`` (`.usage`) when the scheme does not fit the rows
    ///   (more folds than rows, a fraction leaving a part empty, a step as
    ///   long as the data).
    /// - Complexity: O(rows × folds × repeats).
    public func splits(labels: [Int32], seed: UInt64) throws -> [DataSplit] {
        let rows = labels.count
        var master = SplitMix64(seed: seed)
        switch self {
        case .crossValidation(let k, let repeats):
            guard k >= 2 else { throw MTLError(.usage, "cross-validation needs at least 2 folds, not \(k)") }
            guard rows >= 2 else { throw MTLError(.usage, "cross-validation needs at least 2 rows, and there \(rows == 1 ? "is 1" : "are 0")") }
            guard k <= rows else { throw MTLError(.usage, "\(k) folds for \(rows) rows: use at most \(rows) folds") }
            guard repeats >= 1 else { throw MTLError(.usage, "cross-validation needs at least 1 repeat, not \(repeats)") }
            var result: [DataSplit] = []
            for round in 0 ..< repeats {
                var rng = SplitMix64(seed: master.next())
                let folds = CrossValidation.stratifiedFolds(labels: labels, folds: k, using: &rng)
                for (f, test) in folds.enumerated() {
                    let training = CrossValidation.complement(of: test, rows: rows)
                    result.append(DataSplit(training: training, test: test, round: round, fold: f, seed: rng.next()))
                }
            }
            return result
        case .chronological(let fraction):
            guard fraction > 0, fraction < 1 else {
                throw MTLError(.usage, "the training fraction must be between 0 and 1, not \(formatNumber(fraction))")
            }
            let cut = Int((fraction * Double(rows)).rounded())
            guard cut > 0, cut < rows else {
                let empty = cut == 0 ? "learn from" : "test"
                throw MTLError(.usage, "a training fraction of \(formatNumber(fraction)) leaves no rows to \(empty) in \(rows)")
            }
            return [DataSplit(training: Array(0 ..< cut), test: Array(cut ..< rows), round: 0, fold: 0, seed: master.next())]
        case .walkForward(let step):
            guard step >= 1, step < rows else {
                throw MTLError(
                    .usage, "a walk-forward step must be from 1 to \(rows - 1) rows (fewer than the data's \(rows)), not \(step)")
            }
            return stride(from: step, to: rows, by: step).enumerated().map { i, start in
                let test = Array(start ..< min(rows, start + step))
                return DataSplit(training: Array(0 ..< start), test: test, round: 0, fold: i, seed: master.next())
            }
        }
    }

    /// A short description: `10-fold stratified cross-validation × 3 repeats`,
    /// `chronological split, …`, `walk forward: …`; ``description(stratified:)``
    /// with `true`.
    public var description: String { description(stratified: true) }

    /// A short description, saying "stratified" for cross-validation only
    /// when `stratified`: the folds are stratified on a nominal main task's
    /// classes, and only shuffled for a numeric one.
    public func description(stratified: Bool) -> String {
        switch self {
        case .crossValidation(let k, let r):
            "\(k)-fold \(stratified ? "stratified " : "")cross-validation" + (r > 1 ? " × \(r) repeats" : "")
        case .chronological(let f): "chronological split, first \(formatNumber((f * 1000).rounded() / 10))% to learn, rest to test"
        case .walkForward(let s): "walk forward: retrain every \(s) rows on all rows before, test on the next \(s)"
        }
    }

    /// The scheme as JSON: `method` and its parameters; for
    /// cross-validation, whether its folds were `stratified`.
    package func json(stratified: Bool) -> JSONValue {
        switch self {
        case .crossValidation(let k, let r):
            .object([
                ("method", .string("cross-validation")), ("folds", .number(Double(k))), ("repeats", .number(Double(r))),
                ("stratified", .bool(stratified)),
            ])
        case .chronological(let f):
            .object([("method", .string("chronological")), ("training_fraction", .number(f))])
        case .walkForward(let s):
            .object([("method", .string("walk-forward")), ("step", .number(Double(s)))])
        }
    }
}

/// Fold assignment for cross-validation.
public enum CrossValidation {
    /// Divides rows into `folds` disjoint test sets that together cover every
    /// row, each class spread as evenly as it can be.
    ///
    /// Each class's rows (and the rows with a missing label, as one more
    /// class) are shuffled, the classes laid end to end, and the rows dealt to
    /// the folds in turn from a random first fold. So every fold holds
    /// ⌊n_c / k⌋ or ⌈n_c / k⌉ rows of each class c, and the fold sizes differ
    /// by at most one.
    ///
    /// - Parameters:
    ///   - labels: Each row's class code, -1 for missing.
    ///   - folds: k, at least 1.
    ///   - rng: The shuffles' source.
    /// - Returns: k arrays of row indices, each ascending.
    /// - Complexity: O(rows).
    public static func stratifiedFolds(labels: [Int32], folds k: Int, using rng: inout SplitMix64) -> [[Int]] {
        precondition(k >= 1)
        let classes = Int(labels.max() ?? -1) + 1
        var groups = [[Int]](repeating: [], count: classes + 1)
        for (row, label) in labels.enumerated() { groups[label < 0 ? classes : Int(label)].append(row) }
        var result = [[Int]](repeating: [], count: k)
        var position = rng.nextInt(below: k)
        for var group in groups {
            rng.shuffle(&group)
            for row in group {
                result[position].append(row)
                position = position + 1 == k ? 0 : position + 1
            }
        }
        return result.map { $0.sorted() }
    }

    /// The rows of `0 ..< rows` not in `test` (which is ascending), ascending.
    ///
    /// - Complexity: O(rows).
    public static func complement(of test: [Int], rows: Int) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(rows - test.count)
        var next = 0
        for row in 0 ..< rows {
            if next < test.count, test[next] == row { next += 1 } else { result.append(row) }
        }
        return result
    }
}
