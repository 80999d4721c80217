/// The sorted lists of every numeric attribute for a set of rows, in one
/// buffer: slot s (the s-th numeric attribute) at `s * stride ..< (s + 1) * stride`.
///
/// A node's lists are a range in each slot, and splitting a node reorders its
/// ranges in place into its children's, so growing a tree allocates no lists
/// (SLIQ's presorting without its per-node copies). Nodes in different
/// subtrees own disjoint ranges, so workers write to one storage at once.
final class _ListStorage: @unchecked Sendable {
    let entries: UnsafeMutablePointer<_SortedEntry>
    let stride: Int
    let slots: Int

    init(stride: Int, slots: Int) {
        self.stride = stride
        self.slots = slots
        entries = .allocate(capacity: max(1, stride * slots))
    }

    deinit { entries.deallocate() }
}

/// A node's sorted lists: in each slot of `storage`, the node's rows whose
/// value is known, by value, from position `base`; the range holds room for
/// all `rows` of the node.
struct _NodeLists {
    let storage: _ListStorage
    let base: Int
    let rows: Int
    /// Each slot's entries; empty when every slot lists all `rows`.
    let counts: [Int]

    func count(_ slot: Int) -> Int { counts.isEmpty ? rows : counts[slot] }

    /// Where the node's range of slot `slot` starts.
    private func start(_ slot: Int) -> UnsafeMutablePointer<_SortedEntry> { storage.entries + slot * storage.stride + base }

    /// Slot `slot`'s list (valid while `storage` lives).
    func list(_ slot: Int) -> UnsafeMutableBufferPointer<_SortedEntry> {
        UnsafeMutableBufferPointer(start: start(slot), count: count(slot))
    }

    /// Gives the memory pages wholly inside these lists' ranges back to the
    /// system (Linux), so a finished subtree's lists stop taking memory
    /// before the storage is freed. The entries must not be read again.
    func discard() {
        #if os(Linux)
        let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
        for s in 0 ..< storage.slots {
            let first = (UInt(bitPattern: start(s)) + page - 1) / page * page
            let last = UInt(bitPattern: start(s) + rows) / page * page
            if last > first { _ = madvise(UnsafeMutableRawPointer(bitPattern: first), Int(last - first), MADV_DONTNEED) }
        }
        #endif
    }

    /// The lists in storage of their own, for a split that must leave these intact.
    func copied() -> _NodeLists {
        let copy = _ListStorage(stride: rows, slots: storage.slots)
        for s in 0 ..< storage.slots {
            let list = list(s)
            (copy.entries + s * rows).update(from: list.baseAddress!, count: list.count)
        }
        return _NodeLists(storage: copy, base: 0, rows: rows, counts: counts)
    }
}

extension _TrainingData {
    /// The root's lists: each numeric attribute's known rows in value order.
    ///
    /// - Complexity: O(rows) per numeric attribute (radix sort), on up to `threads` threads.
    func rootLists(threads: Int) -> _NodeLists {
        let slots = numericAttributes.count
        let storage = _ListStorage(stride: rowCount, slots: slots)
        let target = _SendableBox(storage.entries)
        // Each worker sorts the attributes it takes through one scratch.
        let workers = max(1, min(threads, slots))
        let next = _Counter()
        let perWorker = parallelMap(workers, threads: workers) { _ in
            let scratch = _RadixScratch(capacity: rowCount)
            var sorted: [(slot: Int, count: Int)] = []
            while case let s = next.take(), s < slots {
                guard case .numeric(let values) = attributes[numericAttributes[s]] else { continue }
                sorted.append((s, sortedKnownRows(values, into: target.value + s * rowCount, scratch: scratch)))
            }
            return sorted
        }
        var counts = [Int](repeating: 0, count: slots)
        for (s, count) in perWorker.joined() { counts[s] = count }
        return _NodeLists(storage: storage, base: 0, rows: rowCount, counts: counts.allSatisfy { $0 == rowCount } ? [] : counts)
    }
}

extension _Expander {
    /// Reorders a node's lists into its two children's (the rows of side 0,
    /// then those of side 1, each in value order), when every row goes to one
    /// side: the hot case of ``partition(_:childCount:members:inPlace:scratch:threads:)``.
    /// In place, or with `inPlace` false into new storage, leaving the node's
    /// lists as they were (for another split of the same node). Side 1's
    /// lists are not moved into place unless `keepSecond` (side 0's cost
    /// nothing extra: they are written as the list is read).
    ///
    /// A child's entry starts a new value if the parent's value changes
    /// anywhere between the child's previous entry and it.
    static func partitionInTwo(
        _ lists: _NodeLists, sideRows: (Int, Int), sides: UnsafeBufferPointer<UInt64>, keepSecond: Bool, inPlace: Bool, threads: Int,
        pool: _BufferPool
    ) -> (_NodeLists, _NodeLists) {
        let slots = lists.storage.slots
        let target = inPlace ? lists.storage : _ListStorage(stride: sideRows.0 + sideRows.1, slots: slots)
        let base = inPlace ? lists.base : 0
        // Each slot's entries on side 0, at s * 2, and on side 1 (lists with unknown values only).
        var counts = [Int](repeating: 0, count: lists.counts.isEmpty ? 0 : 2 * slots)
        counts.withUnsafeMutableBufferPointer { counts in
            let out = _SendableBox(counts)
            // Side 1's entries wait in a spill (one entry longer than side 1) while side 0's are written.
            let cutSlot = { (s: Int, spill: UnsafeMutablePointer<_SortedEntry>) in
                let (f, g) = cutInTwo(
                    UnsafeBufferPointer(lists.list(s)), into: target.entries + s * target.stride + base, firstCapacity: sideRows.0,
                    sides: sides, keepSecond: keepSecond, spill: spill)
                if !out.value.isEmpty {
                    out.value[2 * s] = f
                    out.value[2 * s + 1] = g
                }
            }
            if threads <= 1 {
                pool.withBuffer(of: _SortedEntry.self, count: sideRows.1 + 1) { spill in
                    for s in 0 ..< slots { cutSlot(s, spill) }
                }
            } else {
                parallelFor(slots, threads: threads) { s in
                    pool.withBuffer(of: _SortedEntry.self, count: sideRows.1 + 1) { cutSlot(s, $0) }
                }
            }
        }
        func side(_ k: Int) -> [Int] { counts.isEmpty ? [] : (0 ..< slots).map { counts[2 * $0 + k] } }
        return (
            _NodeLists(storage: target, base: base, rows: sideRows.0, counts: side(0)),
            _NodeLists(storage: target, base: base + sideRows.0, rows: sideRows.1, counts: side(1))
        )
    }

    /// One list cut in two: side 0's entries go to the front of `list`, side
    /// 1's through `spill` (room for one more than side 1 has) to
    /// `firstCapacity` onward, unless `keepSecond` is false. With `list` the
    /// list's own start, side 0's writes never pass the read position, so
    /// nothing unread is overwritten. Returns each side's entry count.
    ///
    /// Without branches on the side: each entry is written to both places,
    /// and only the count of its side moves on (the other place is written
    /// over by the next entry), since the sides of a list sorted by another
    /// attribute are a coin toss to a branch predictor.
    @inline(__always)
    private static func cutInTwo(
        _ source: UnsafeBufferPointer<_SortedEntry>, into list: UnsafeMutablePointer<_SortedEntry>, firstCapacity: Int,
        sides: UnsafeBufferPointer<UInt64>, keepSecond: Bool, spill: UnsafeMutablePointer<_SortedEntry>
    ) -> (Int, Int) {
        var f = 0
        var g = 0
        // Whether a new value started since each side's last entry, as the
        // entry's bit (a child's first entry starts one).
        var firstStarts: UInt32 = 1 << 31
        var secondStarts: UInt32 = 1 << 31
        for i in 0 ..< source.count {
            let entry = source[i]
            firstStarts |= entry.startBit
            secondStarts |= entry.startBit
            list[f] = entry.starting(bit: firstStarts)
            spill[g] = entry.starting(bit: secondStarts)
            let row = Int(entry.row)
            let second = UInt32(truncatingIfNeeded: sides[row &>> 6] &>> UInt64(row & 63)) & 1
            let onSecond = 0 &- second  // all ones on side 1
            firstStarts &= onSecond
            secondStarts &= ~onSecond
            f &+= Int(1 &- second)
            g &+= Int(second)
        }
        if keepSecond { (list + firstCapacity).update(from: spill, count: g) }
        return (f, g)
    }

    /// The general case: each child's lists cut from the node's (a row whose
    /// value is missing goes to every branch of known weight), written over
    /// the node's ranges when no row goes to two children and `inPlace`,
    /// else into storage of each child's own.
    static func partitionByCopy(
        _ lists: _NodeLists, childRows: [Int], missingRows: Int, branchOf: [Int32], fraction: [Double], keep: [Bool], inPlace: Bool
    ) -> [_NodeLists?] {
        let childCount = childRows.count
        let slots = lists.storage.slots
        let capacity = childRows.map { $0 + missingRows }
        let cutLists = (0 ..< slots).map { s in
            cut(UnsafeBufferPointer(lists.list(s)), childCount: childCount, branchOf: branchOf, capacity: capacity, fraction: fraction)
        }
        var start = lists.base
        return (0 ..< childCount).map { c in
            defer { start += childRows[c] }
            guard keep[c] else { return nil }
            let over = missingRows == 0 && inPlace
            let storage = over ? lists.storage : _ListStorage(stride: capacity[c], slots: slots)
            let base = over ? start : 0
            for s in 0 ..< slots {
                (storage.entries + s * storage.stride + base).update(from: cutLists[s][c], count: cutLists[s][c].count)
            }
            let counts = (0 ..< slots).map { cutLists[$0][c].count }
            return _NodeLists(
                storage: storage, base: base, rows: capacity[c], counts: counts.allSatisfy { $0 == capacity[c] } ? [] : counts)
        }
    }

    /// A parent's sorted list cut into its children's, keeping the order.
    static func cut(
        _ parent: UnsafeBufferPointer<_SortedEntry>, childCount: Int, branchOf: [Int32], capacity: [Int], fraction: [Double]
    ) -> [[_SortedEntry]] {
        let capacity = capacity.map { min(parent.count, $0) }
        var lists = (0 ..< childCount).map { c -> [_SortedEntry] in
            var list: [_SortedEntry] = []
            list.reserveCapacity(capacity[c])
            return list
        }
        // Whether a new value started since each child's last entry (its first starts one).
        var starts = [Bool](repeating: true, count: childCount)
        func append(_ entry: _SortedEntry, to c: Int) {
            lists[c].append(entry.starting(starts[c]))
            starts[c] = false
        }
        for entry in parent {
            if entry.startsValue { for c in 0 ..< childCount { starts[c] = true } }
            let b = Int(branchOf[Int(entry.row)])
            if b >= 0 {
                append(entry, to: b)
            } else {
                for c in 0 ..< childCount where fraction[c] > 0 { append(entry, to: c) }
            }
        }
        return lists
    }
}

#if canImport(Glibc)
import Glibc
#endif
