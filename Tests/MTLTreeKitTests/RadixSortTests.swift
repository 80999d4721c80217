import Testing
@testable import MTLTreeKit

/// The root's sorted lists come from an LSD radix sort (8-bit digits below
/// 8,192 keys, 11-bit above, a comparison sort below 256); it must order as
/// a comparison sort does, stably, with -0.0 equal to 0.0.
struct RadixSortTests {
    /// Values drawn to hit every digit: wide and narrow ranges, negatives,
    /// zeros of both signs, runs of ties, infinities, and missing values.
    static func values(seed: UInt64, count: Int) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0 ..< count).map { i in
            switch i % 7 {
            case 0: (rng.nextUnit() - 0.5) * 1e12
            case 1: (rng.nextUnit() * 100).rounded() / 10  // ties
            case 2: i % 2 == 0 ? 0.0 : -0.0
            case 3: rng.nextUnit() < 0.1 ? .nan : rng.nextUnit() - 0.5
            case 4: rng.nextUnit() < 0.05 ? (i % 3 == 0 ? .infinity : -.infinity) : rng.nextUnit() * 1e-300
            default: rng.nextUnit() * 3 - 1
            }
        }
    }

    @Test(arguments: [(1 as UInt64, 10), (2, 255), (3, 256), (4, 5000), (5, 40_000)])
    func sortsAsAComparisonSortDoesAndStably(seed: UInt64, count: Int) {
        let values = Self.values(seed: seed, count: count)
        // The definition: known rows by value, equal values (0.0 == -0.0) by row.
        let expected = values.indices.filter { !values[$0].isNaN }.sorted {
            values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1
        }
        let entries = UnsafeMutablePointer<_SortedEntry>.allocate(capacity: count)
        defer { entries.deallocate() }
        let n = sortedKnownRows(values, into: entries)
        #expect(n == expected.count)
        #expect((0 ..< n).map { Int(entries[$0].row) } == expected)
        // Every first row of a value starts one.
        for i in 0 ..< n {
            #expect(entries[i].startsValue == (i == 0 || values[expected[i]] != values[expected[i - 1]]))
        }
        #expect(distinctKnownValues(values) == Set(expected.map { values[$0] == 0 ? 0 : values[$0] }).count)
    }

    /// The training lists sort attribute after attribute through one scratch:
    /// what a longer column left there must not leak into a shorter one's order.
    @Test func aReusedScratchSortsEachColumnAfresh() {
        let scratch = _RadixScratch(capacity: 40_000)
        let entries = UnsafeMutablePointer<_SortedEntry>.allocate(capacity: 40_000)
        defer { entries.deallocate() }
        for (seed, count) in [(6 as UInt64, 40_000), (7, 9000), (8, 3000), (9, 200), (10, 12_000)] {
            let values = Self.values(seed: seed, count: count)
            let expected = values.indices.filter { !values[$0].isNaN }.sorted {
                values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1
            }
            let n = sortedKnownRows(values, into: entries, scratch: scratch)
            #expect(n == expected.count)
            #expect((0 ..< n).map { Int(entries[$0].row) } == expected, "column of \(count) rows")
        }
    }

    /// Decimals with few digits (as CSV files hold them) are keyed by their
    /// integer numerators; other columns, or a column one late value breaks,
    /// by their bits. Either way the order is the comparison sort's.
    static func decimals(seed: UInt64, count: Int, digits: Int, breakAt: Int? = nil) -> [Double] {
        var rng = SplitMix64(seed: seed)
        let scale = [1.0, 10, 100, 1000, 10000, 100_000, 1_000_000][digits]
        return (0 ..< count).map { i in
            if i == breakAt { return 1.0 / 3.0 }
            switch i % 5 {
            case 0: return .nan
            case 1: return i % 2 == 0 ? 0.0 : -0.0
            default:
                let numerator = ((rng.nextUnit() - 0.5) * 2e5).rounded()
                return numerator / scale
            }
        }
    }

    @Test(arguments: [
        (11 as UInt64, 300, 0, nil as Int?), (12, 5000, 2, nil), (13, 20_000, 4, nil), (14, 20_000, 6, nil), (15, 20_000, 4, 15_001),
        (16, 9000, 3, 3),
    ])
    func decimalColumnsSortByTheirNumerators(seed: UInt64, count: Int, digits: Int, breakAt: Int?) {
        let values = Self.decimals(seed: seed, count: count, digits: digits, breakAt: breakAt)
        let expected = values.indices.filter { !values[$0].isNaN }.sorted {
            values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1
        }
        let scratch = _RadixScratch(capacity: count)
        let entries = UnsafeMutablePointer<_SortedEntry>.allocate(capacity: count)
        defer { entries.deallocate() }
        let n = sortedKnownRows(values, into: entries, scratch: scratch)
        #expect(n == expected.count)
        #expect((0 ..< n).map { Int(entries[$0].row) } == expected)
        for i in 0 ..< n {
            #expect(entries[i].startsValue == (i == 0 || values[expected[i]] != values[expected[i - 1]]))
        }
        // Numerators within ±100,000 span at most 18 bits; a broken column falls back to all 64.
        #expect(breakAt == nil ? scratch.keyBits <= 18 : scratch.keyBits == 64)
        #expect(distinctKnownValues(values) == Set(expected.map { values[$0] == 0 ? 0 : values[$0] }).count)
    }

    @Test func numeratorsAreExactOrRefused() {
        #expect(_FixedPoint.integer(0.1234, scale: 10000) == 1234)
        #expect(_FixedPoint.integer(-2.5, scale: 10) == -25)
        #expect(_FixedPoint.integer(-0.0, scale: 100) == 0)
        #expect(_FixedPoint.integer(0.1234, scale: 1000) == nil)
        #expect(_FixedPoint.integer(1.0 / 3.0, scale: 1_000_000) == nil)
        #expect(_FixedPoint.integer(0x1p60, scale: 1) == nil)  // beyond 2^52: not keyed
        #expect(_FixedPoint.integer(.infinity, scale: 1) == nil)
        #expect(_FixedPoint.scale(of: [.nan, 12, 0.5, -3.25]) == 100)
        #expect(_FixedPoint.scale(of: [.nan, .nan]) == nil)
    }
}
