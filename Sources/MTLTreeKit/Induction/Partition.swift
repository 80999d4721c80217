extension _Expander {
    /// The children's rows: a row with a known value goes to its branch; a row
    /// whose value is missing goes to every branch with its weight split in
    /// proportion to the known weight of each (C4.5).
    ///
    /// A child that is a leaf for all of `members` (the trees that take this
    /// split) gets its statistics but no sorted lists: nothing will search it.
    func partition(_ node: inout _NodeData, childCount: Int, members: _Members, scratch: _Scratch, threads: Int) -> [_NodeData] {
        let branchOf = scratch.branchOf
        let sideOf = scratch.sideOf
        var branchWeight = [Double](repeating: 0, count: childCount)
        var branchRows = [Int](repeating: 0, count: childCount)
        for (i, row) in node.rows.enumerated() {
            let b = Int(branchOf[Int(row)])
            if b >= 0 {
                branchWeight[b] += node.weights[i]
                branchRows[b] += 1
            }
        }
        let known = branchWeight.reduce(0, +)
        let fraction = branchWeight.map { known > 0 ? $0 / known : 0 }
        let missingRows = node.rows.count - branchRows.reduce(0, +)
        // A child's list holds at most its rows and the rows missing the split's value.
        let capacity = (0 ..< childCount).map { branchRows[$0] + missingRows }
        var children = (0 ..< childCount).map { c in
            var child = _NodeData(rows: [], weights: [], sorted: [], depth: node.depth + 1)
            child.rows.reserveCapacity(branchRows[c] + missingRows)
            child.weights.reserveCapacity(branchRows[c] + missingRows)
            return child
        }
        for (i, row) in node.rows.enumerated() {
            let b = Int(branchOf[Int(row)])
            if b >= 0 {
                children[b].rows.append(row)
                children[b].weights.append(node.weights[i])
            } else {
                for c in 0 ..< childCount where fraction[c] > 0 {
                    children[c].rows.append(row)
                    children[c].weights.append(node.weights[i] * fraction[c])
                }
            }
        }
        // Leaves need no lists; if no child needs them, nothing is cut.
        var keep = [Bool](repeating: true, count: childCount)
        for c in 0 ..< childCount {
            let stats = statistics(children[c])
            children[c].stats = stats
            keep[c] = members.contains { !shouldStop(children[c], stats, member: $0) }
        }
        guard keep.contains(true) else { return children }
        // A few attributes at a time, each parent list freed once cut, so the
        // parent's and children's lists are not all held at once.
        let parallel = node.rows.count >= 4096 ? threads : 1
        for c in 0 ..< childCount { children[c].sorted.reserveCapacity(node.sorted.count) }
        func cut(_ parent: [_SortedEntry]) -> _ChildLists {
            childCount == 2
                ? Self.partitionInTwo(parent, sideOf: sideOf, capacity: capacity, fraction: fraction, keep: (keep[0], keep[1]))
                : .many(Self.cut(parent, childCount: childCount, branchOf: branchOf, capacity: capacity, fraction: fraction))
        }
        func append(_ lists: _ChildLists) {
            switch lists {
            case .two(let first, let second):
                children[0].sorted.append(first)
                children[1].sorted.append(second)
            case .many(let lists):
                for c in 0 ..< childCount { children[c].sorted.append(lists[c]) }
            }
        }
        if parallel <= 1 {
            for a in node.sorted.indices {
                var parent: [_SortedEntry] = []
                swap(&parent, &node.sorted[a])
                append(cut(parent))
            }
            return children
        }
        var start = 0
        while start < node.sorted.count {
            let chunk = start ..< min(node.sorted.count, start + parallel)
            let parents = chunk.map { node.sorted[$0] }
            for a in chunk { node.sorted[a] = [] }
            for lists in parallelMap(parents.count, threads: parallel, { cut(parents[$0]) }) { append(lists) }
            start = chunk.upperBound
        }
        return children
    }
}

/// A parent's sorted list cut into its children's: two (the common case, without an array of them) or more.
enum _ChildLists {
    case two([_SortedEntry], [_SortedEntry])
    case many([[_SortedEntry]])
}

extension _Expander {
    /// A parent's sorted list cut into its children's, keeping the order.
    static func cut(
        _ parent: [_SortedEntry], childCount: Int, branchOf: [Int32], capacity: [Int], fraction: [Double]
    ) -> [[_SortedEntry]] {
        guard !parent.isEmpty else { return [[_SortedEntry]](repeating: [], count: childCount) }
        let capacity = capacity.map { min(parent.count, $0) }
        var lists = (0 ..< childCount).map { c -> [_SortedEntry] in
            var list: [_SortedEntry] = []
            list.reserveCapacity(capacity[c])
            return list
        }
        // A child's entry is followed by a new value if the parent's value
        // changes anywhere between it and the child's next entry.
        var changed = [Bool](repeating: false, count: childCount)
        func append(_ entry: _SortedEntry, to c: Int) {
            if !lists[c].isEmpty { lists[c][lists[c].count - 1].valueChangesNext = changed[c] }
            lists[c].append(entry)
            changed[c] = false
        }
        for entry in parent {
            let b = Int(branchOf[Int(entry.row)])
            if b >= 0 {
                append(entry, to: b)
            } else {
                for c in 0 ..< childCount where fraction[c] > 0 { append(entry, to: c) }
            }
            if entry.valueChangesNext { for c in 0 ..< childCount { changed[c] = true } }
        }
        return lists
    }

    /// A sorted list split in two by `branchOf`, written straight into
    /// preallocated storage: the hot case of ``partition(_:childCount:branchOf:threads:)``.
    static func partitionInTwo(
        _ parent: [_SortedEntry], sideOf: [Int8], capacity: [Int], fraction: [Double], keep: (Bool, Bool)
    ) -> _ChildLists {
        guard !parent.isEmpty else { return .two([], []) }
        let capacity = [keep.0 ? min(parent.count, capacity[0]) : 0, keep.1 ? min(parent.count, capacity[1]) : 0]
        var second: [_SortedEntry] = []
        let first = [_SortedEntry](unsafeUninitializedCapacity: capacity[0]) { firstBuffer, firstCount in
            second = [_SortedEntry](unsafeUninitializedCapacity: capacity[1]) { secondBuffer, secondCount in
                sideOf.withUnsafeBufferPointer { sideOf in
                    var f = 0
                    var g = 0
                    // Whether the parent's value changed since each child's last entry.
                    var firstChanged = false
                    var secondChanged = false
                    for entry in parent {
                        let b = sideOf[Int(entry.row)]
                        let toFirst = keep.0 && (b == 0 || (b < 0 && fraction[0] > 0))
                        let toSecond = keep.1 && (b == 1 || (b < 0 && fraction[1] > 0))
                        if toFirst {
                            if f > 0 { firstBuffer[f - 1].valueChangesNext = firstChanged }
                            firstBuffer.initializeElement(at: f, to: entry)
                            f += 1
                            firstChanged = false
                        }
                        if toSecond {
                            if g > 0 { secondBuffer[g - 1].valueChangesNext = secondChanged }
                            secondBuffer.initializeElement(at: g, to: entry)
                            g += 1
                            secondChanged = false
                        }
                        if entry.valueChangesNext {
                            firstChanged = true
                            secondChanged = true
                        }
                    }
                    firstCount = f
                    secondCount = g
                }
            }
        }
        return .two(first, second)
    }
}
