import Testing
@testable import MTLTreeKit

struct CrossValidationTests {
    /// Labels with unequal classes and some missing: 7 classes, 0–60 rows each.
    static func labels(seed: UInt64, rows: Int) -> [Int32] {
        var rng = SplitMix64(seed: seed)
        return (0 ..< rows).map { _ in
            let u = rng.nextUnit()
            return u < 0.05 ? -1 : Int32((u * u * 7).rounded(.down))
        }
    }

    @Test(arguments: [(1, 5), (2, 10), (3, 3), (4, 7)] as [(UInt64, Int)])
    func foldsAreStratifiedDisjointAndCoverEveryRow(seed: UInt64, k: Int) throws {
        let labels = Self.labels(seed: seed, rows: 173 + Int(seed) * 31)
        var rng = SplitMix64(seed: seed)
        let folds = CrossValidation.stratifiedFolds(labels: labels, folds: k, using: &rng)
        #expect(folds.count == k)
        // Disjoint and covering: every row exactly once.
        #expect(folds.flatMap { $0 }.sorted() == Array(labels.indices))
        // Fold sizes differ by at most one.
        let sizes = folds.map(\.count)
        #expect(sizes.max()! - sizes.min()! <= 1)
        // Each class (and the missing labels) within one row of its share.
        for label in Set(labels) {
            let total = labels.filter { $0 == label }.count
            let share = Double(total) / Double(k)
            for fold in folds {
                let count = fold.filter { labels[$0] == label }.count
                #expect(abs(Double(count) - share) < 1, "class \(label): \(count) rows in a fold, share \(share)")
            }
        }
        // Proportions per fold within ±1 row of the global proportions.
        for fold in folds {
            for label in Set(labels) {
                let expected = Double(labels.filter { $0 == label }.count) / Double(labels.count) * Double(fold.count)
                #expect(abs(Double(fold.filter { labels[$0] == label }.count) - expected) <= 1)
            }
        }
    }

    @Test func sameSeedSameFoldsOtherSeedOtherFolds() throws {
        let labels = Self.labels(seed: 9, rows: 300)
        let resampling = Resampling.crossValidation(folds: 10, repeats: 3)
        let a = try resampling.splits(labels: labels, seed: 42)
        let b = try resampling.splits(labels: labels, seed: 42)
        let c = try resampling.splits(labels: labels, seed: 43)
        #expect(a == b)
        #expect(a.map(\.test) != c.map(\.test))
        #expect(a.count == 30)
        // Repeats shuffle differently.
        #expect(a[0].test != a[10].test)
        for split in a {
            #expect(split.training == CrossValidation.complement(of: split.test, rows: 300))
            #expect(Set(split.training).isDisjoint(with: split.test))
            #expect(split.training.count + split.test.count == 300)
        }
        #expect(Set(a.map(\.seed)).count == 30)
        // Splits are numbered round by round, fold by fold.
        #expect(a.map(\.round) == (0 ..< 3).flatMap { [Int](repeating: $0, count: 10) })
        #expect(a.map(\.fold) == (0 ..< 3).flatMap { _ in Array(0 ..< 10) })
    }

    @Test func rowsAreDealtInShuffledOrderFromADrawnFold() {
        // 11 rows of one class in 5 folds: one fold gets 3 rows, and which
        // one depends on the drawn first fold. Which rows go together is
        // drawn too: dealt in row order, the folds could only be {0, 5, 10},
        // {1, 6}, … {4, 9} in one of 5 rotations, one per first fold.
        var large = Set<Int>(), partitions = Set<[[Int]]>()
        for seed in 1 ... 20 as ClosedRange<UInt64> {
            var rng = SplitMix64(seed: seed)
            let folds = CrossValidation.stratifiedFolds(labels: [Int32](repeating: 0, count: 11), folds: 5, using: &rng)
            #expect(folds.map(\.count).sorted() == [2, 2, 2, 2, 3])
            large.insert(folds.firstIndex { $0.count == 3 }!)
            partitions.insert(folds)
        }
        #expect(large.count > 1)
        #expect(partitions.count > 5)
    }

    @Test func leaveOneOutIsAsManyFoldsAsRows() throws {
        let splits = try Resampling.crossValidation(folds: 10, repeats: 1).splits(labels: Self.labels(seed: 1, rows: 10), seed: 1)
        #expect(splits.count == 10)
        #expect(splits.map(\.test).flatMap { $0 }.sorted() == Array(0 ..< 10))
        #expect(splits.allSatisfy { $0.test.count == 1 && $0.training.count == 9 })
    }

    @Test func chronologicalSplitKeepsTimeOrder() throws {
        let splits = try Resampling.chronological(trainingFraction: 0.7).splits(labels: Self.labels(seed: 1, rows: 200), seed: 1)
        #expect(splits.count == 1)
        #expect(splits[0].training == Array(0 ..< 140))
        #expect(splits[0].test == Array(140 ..< 200))
        // The cut is rounded to the nearest row: 0.66 of 10 rows is 6.6, so 7.
        let rounded = try Resampling.chronological(trainingFraction: 0.66).splits(labels: Self.labels(seed: 1, rows: 10), seed: 1)
        #expect(rounded[0].training == Array(0 ..< 7))
        #expect(rounded[0].test == Array(7 ..< 10))
    }

    @Test func walkForwardTrainsOnEverythingBefore() throws {
        let splits = try Resampling.walkForward(step: 30).splits(labels: Self.labels(seed: 1, rows: 100), seed: 1)
        #expect(splits.map(\.training.count) == [30, 60, 90])
        #expect(splits.map(\.test) == [Array(30 ..< 60), Array(60 ..< 90), Array(90 ..< 100)])
        #expect(splits.map(\.fold) == [0, 1, 2])
        // When the step divides the rows, the last step tests the last rows; there is no empty step after it.
        let even = try Resampling.walkForward(step: 30).splits(labels: Self.labels(seed: 1, rows: 90), seed: 1)
        #expect(even.map(\.training.count) == [30, 60])
        #expect(even.map(\.test) == [Array(30 ..< 60), Array(60 ..< 90)])
    }

    @Test(arguments: [
        (Resampling.crossValidation(folds: 1, repeats: 1), "at least 2 folds"),
        (.crossValidation(folds: 11, repeats: 1), "11 folds for 10 rows"),
        (.crossValidation(folds: 2, repeats: 0), "at least 1 repeat"),
        (.chronological(trainingFraction: 1), "between 0 and 1"),
        (.chronological(trainingFraction: 0.01), "no rows to learn from"),
        (.walkForward(step: 10), "walk-forward step"),
    ])
    func schemesThatDoNotFitTheRowsAreUsageErrors(resampling: Resampling, message: String) {
        let error = #expect(throws: MTLError.self) { try resampling.splits(labels: Self.labels(seed: 1, rows: 10), seed: 1) }
        #expect(error?.kind == .usage)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    /// One row cannot be cross-validated with any number of folds: the error
    /// says so, rather than advising "at most 1 folds".
    @Test func oneRowCannotBeCrossValidated() {
        for rows in [0, 1] {
            let error = #expect(throws: MTLError.self) {
                try Resampling.crossValidation(folds: 2, repeats: 1).splits(labels: [Int32](repeating: 0, count: rows), seed: 1)
            }
            #expect(error?.kind == .usage)
            #expect(error?.message == "cross-validation needs at least 2 rows, and there \(rows == 1 ? "is 1" : "are 0")")
        }
    }
}
