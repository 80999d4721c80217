/// Memory for radix sorts of up to `capacity` keys, reused from one column
/// to the next: sorting every column through fresh arrays cost a page fault
/// per 4 KiB of each (24,000 faults at 200,000 rows × 20 attributes).
final class _RadixScratch {
    let capacity: Int
    /// The keys and rows to sort, and the buffers the passes move them to.
    let keys: UnsafeMutablePointer<UInt64>
    let keys2: UnsafeMutablePointer<UInt64>
    let rows: UnsafeMutablePointer<Int32>
    let rows2: UnsafeMutablePointer<Int32>
    /// Every pass's digit histogram.
    let counts: UnsafeMutablePointer<Int>

    init(capacity: Int) {
        self.capacity = capacity
        let n = max(1, capacity)
        keys = .allocate(capacity: n)
        keys2 = .allocate(capacity: n)
        rows = .allocate(capacity: n)
        rows2 = .allocate(capacity: n)
        counts = .allocate(capacity: _RadixDigits.wide.passes << _RadixDigits.wide.bits)
    }

    deinit {
        keys.deallocate()
        keys2.deallocate()
        rows.deallocate()
        rows2.deallocate()
        counts.deallocate()
    }

    /// How many low bits of the loaded keys may differ (the sort's passes stop there).
    private(set) var keyBits = 64

    /// Puts keys for the known values in `keys`, in the values' order, and
    /// (`withRows`) their rows in `rows`, in row order; returns how many.
    ///
    /// A column of decimals with a few digits (every value `k / 10^d` exactly,
    /// d ≤ ``_FixedPoint/maximumDigits``) is keyed by `k` less the least `k`:
    /// a narrow range, so that most radix passes are skipped. Any other
    /// column is keyed by its values' ordered bits.
    func load(_ values: [Double], withRows: Bool) -> Int {
        precondition(values.count <= capacity)
        if let scale = _FixedPoint.scale(of: values), let n = loadFixedPoint(values, scale: scale, withRows: withRows) {
            return n
        }
        keyBits = 64
        var n = 0
        for (r, x) in values.enumerated() where !x.isNaN {
            keys[n] = orderedBits(x)
            if withRows { rows[n] = Int32(r) }
            n &+= 1
        }
        return n
    }

    /// ``load(_:withRows:)`` by `k = x · scale`; `nil` (keys left undefined)
    /// if some known value is not `k / scale`.
    private func loadFixedPoint(_ values: [Double], scale: Double, withRows: Bool) -> Int? {
        var n = 0
        var least = Int64.max
        var most = Int64.min
        for (r, x) in values.enumerated() where !x.isNaN {
            guard let k = _FixedPoint.integer(x, scale: scale) else { return nil }
            keys[n] = UInt64(bitPattern: k)
            least = min(least, k)
            most = max(most, k)
            if withRows { rows[n] = Int32(r) }
            n &+= 1
        }
        guard n > 0 else {
            keyBits = 1
            return n
        }
        for i in 0 ..< n { keys[i] = UInt64(bitPattern: Int64(bitPattern: keys[i]) &- least) }
        let range = UInt64(bitPattern: most &- least)
        keyBits = max(1, 64 - range.leadingZeroBitCount)
        return n
    }

    /// Sorts the first `n` keys ascending and stably, moving the rows along
    /// if `withRows`, by an LSD radix sort: every digit's histogram is
    /// counted in one read of the keys, and a pass is skipped when every key
    /// has the same digit. Short inputs take a comparison sort.
    ///
    /// - Returns: Where the sorted keys and rows are: `keys`/`rows`, or `keys2`/`rows2`.
    /// - Complexity: O(n) per pass, at most 6 passes.
    func sort(_ n: Int, withRows: Bool) -> (keys: UnsafeMutablePointer<UInt64>, rows: UnsafeMutablePointer<Int32>) {
        guard n > 1 else { return (keys, rows) }
        if n < 256 {
            let order = (0 ..< n).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
            for (i, j) in order.enumerated() {
                keys2[i] = keys[j]
                if withRows { rows2[i] = rows[j] }
            }
            return (keys2, rows2)
        }
        // Short inputs take narrower digits: a histogram costs its size to clear and to sum.
        var digits = n < 8192 ? _RadixDigits.narrow : _RadixDigits.wide
        // Narrow keys: as few passes, on digits as narrow as they allow (fewer buckets to write to).
        let passes = min(digits.passes, (keyBits + digits.bits - 1) / digits.bits)
        if keyBits < 64 { digits = _RadixDigits(bits: (keyBits + passes - 1) / passes) }
        let radix = 1 << digits.bits
        let mask = UInt64(radix - 1)
        counts.initialize(repeating: 0, count: passes * radix)
        for i in 0 ..< n {
            var k = keys[i]
            for p in 0 ..< passes {
                counts[p &* radix &+ Int(k & mask)] &+= 1
                k >>= UInt64(digits.bits)
            }
        }
        var (from, fromRows, to, toRows) = (keys, rows, keys2, rows2)
        for p in 0 ..< passes {
            let place = counts + p * radix
            if UnsafeBufferPointer(start: place, count: radix).contains(n) { continue }  // the pass would move nothing
            var total = 0
            for d in 0 ..< radix {
                let c = place[d]
                place[d] = total
                total &+= c
            }
            let shift = UInt64(p * digits.bits)
            for i in 0 ..< n {
                let d = Int((from[i] >> shift) & mask)
                let at = place[d]
                place[d] = at &+ 1
                to[at] = from[i]
                if withRows { toRows[at] = fromRows[i] }
            }
            swap(&from, &to)
            swap(&fromRows, &toRows)
        }
        return (from, fromRows)
    }
}

/// A radix sort's digit width, and the passes that cover 64 bits.
struct _RadixDigits {
    let bits: Int
    var passes: Int { (64 + bits - 1) / bits }
    static let wide = _RadixDigits(bits: 11)
    static let narrow = _RadixDigits(bits: 8)
}

/// The rows whose value is known, ordered by value and, among equal values,
/// by row, written to `target` (room for every row); returns how many.
///
/// A stable radix sort on the values' order-preserving bit patterns
/// (``_RadixScratch/sort(_:withRows:)``); where a new value starts is read
/// off the sorted keys.
///
/// - Complexity: O(rows) per pass, at most 6 passes.
func sortedKnownRows(_ values: [Double], into target: UnsafeMutablePointer<_SortedEntry>, scratch: _RadixScratch? = nil) -> Int {
    let scratch = scratch ?? _RadixScratch(capacity: values.count)
    let n = scratch.load(values, withRows: true)
    let (keys, rows) = scratch.sort(n, withRows: true)
    for i in 0 ..< n {
        (target + i).initialize(to: _SortedEntry(row: rows[i], startsValue: i == 0 || keys[i] != keys[i &- 1]))
    }
    return n
}

/// The number of distinct known values: a keys-only radix sort, then a count of changes.
///
/// - Complexity: O(rows) per pass, at most 6 passes.
func distinctKnownValues(_ values: [Double]) -> Int {
    let scratch = _RadixScratch(capacity: values.count)
    let n = scratch.load(values, withRows: false)
    let keys = scratch.sort(n, withRows: false).keys
    guard n > 1 else { return n }
    var distinct = 1
    for i in 1 ..< n where keys[i] != keys[i &- 1] { distinct &+= 1 }
    return distinct
}

/// Decimals with a few digits as integers: `x = k / 10^d` exactly.
///
/// Ordering by `k` is ordering by `x`: `k ↦ Double(k) / 10^d` (one correctly
/// rounded division of an exact integer) never decreases, and `k` is a
/// function of `x`, so `x < y` gives `k < l`, and `x == y` gives `k == l`.
enum _FixedPoint {
    static let maximumDigits = 6
    /// 10^0 … 10^6, exact.
    private static let scales: [Double] = [1, 10, 100, 1000, 10000, 100_000, 1_000_000]

    /// `k` with `Double(k) / scale == x`, if there is one below 2^52 in magnitude.
    @inline(__always)
    static func integer(_ x: Double, scale: Double) -> Int64? {
        let product = (x * scale).rounded()
        guard abs(product) < 0x1p52 else { return nil }
        let k = Int64(product)
        return Double(k) / scale == x ? k : nil
    }

    /// The least `10^d` that makes the first few known values integers, if any
    /// (the rest are checked as they are keyed).
    static func scale(of values: [Double]) -> Double? {
        var sample: [Double] = []
        for x in values where !x.isNaN {
            sample.append(x)
            if sample.count == 16 { break }
        }
        guard !sample.isEmpty else { return nil }
        return scales.first { scale in sample.allSatisfy { integer($0, scale: scale) != nil } }
    }
}

/// A double's bits flipped so that unsigned order is numeric order (-0.0 as 0.0).
@inline(__always)
func orderedBits(_ x: Double) -> UInt64 {
    let bits = (x == 0 ? 0.0 : x).bitPattern
    return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
}
