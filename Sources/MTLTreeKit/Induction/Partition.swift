extension _Expander {
    /// The children's rows: a row with a known value goes to its branch; a row
    /// whose value is missing goes to every branch with its weight split in
    /// proportion to the known weight of each (C4.5).
    ///
    /// A child that is a leaf for all of `members` (the trees that take this
    /// split) gets its statistics but no sorted lists: nothing will search it.
    /// The node's lists are reordered in place unless `inPlace` is false
    /// (another split of the node still needs them).
    func partition(
        _ node: inout _NodeData, childCount: Int, members: _Members, inPlace: Bool, scratch: _Scratch, threads: Int
    ) -> [_NodeData] {
        // Per-branch bookkeeping on the stack: this runs once per split.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * childCount) { values in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: childCount) { branchRows in
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: childCount) { keep in
            let branchWeight = UnsafeMutableBufferPointer(rebasing: values[..<childCount])
            let fraction = UnsafeMutableBufferPointer(rebasing: values[childCount...])
            branchWeight.initialize(repeating: 0)
            branchRows.initialize(repeating: 0)
            let branchOf = scratch.branchOf
            for (i, row) in node.rows.enumerated() {
                let b = scratch.branch(of: Int(row))
                if b >= 0 {
                    branchWeight[b] += node.weight(at: i)
                    branchRows[b] += 1
                }
            }
            let known = branchWeight.reduce(0, +)
            for c in 0 ..< childCount { fraction[c] = known > 0 ? branchWeight[c] / known : 0 }
            let missingRows = node.rows.count - branchRows.reduce(0, +)
            // Rows that all weigh 1 and go to one child each keep weighing 1: no weights are written.
            let unit = node.weights.isEmpty && missingRows == 0
            var children = (0 ..< childCount).map { c in
                var child = _NodeData(rows: [], weights: [], depth: node.depth + 1)
                child.rows.reserveCapacity(branchRows[c] + missingRows)
                if !unit { child.weights.reserveCapacity(branchRows[c] + missingRows) }
                return child
            }
            for (i, row) in node.rows.enumerated() {
                let b = scratch.branch(of: Int(row))
                if b >= 0 {
                    children[b].rows.append(row)
                    if !unit { children[b].weights.append(node.weight(at: i)) }
                } else {
                    for c in 0 ..< childCount where fraction[c] > 0 {
                        children[c].rows.append(row)
                        children[c].weights.append(node.weight(at: i) * fraction[c])
                    }
                }
            }
            // Leaves need no lists; if no child needs them, nothing is cut.
            for c in 0 ..< childCount {
                let stats = statistics(children[c])
                children[c].stats = stats
                keep[c] = members.contains { !shouldStop(children[c], stats, member: $0) }
            }
            guard keep.contains(true), let lists = node.lists else { return children }
            node.lists = nil
            if childCount == 2 && missingRows == 0 {
                let parallel = node.rows.count >= 4096 ? threads : 1
                let (first, second) = scratch.sides.withUnsafeBufferPointer { sides in
                    Self.partitionInTwo(
                        lists, sideRows: (branchRows[0], branchRows[1]), sides: sides, keepSecond: keep[1], inPlace: inPlace,
                        threads: parallel, pool: pool)
                }
                if keep[0] { children[0].lists = first }
                if keep[1] { children[1].lists = second }
            } else {
                let childLists = Self.partitionByCopy(
                    lists, childRows: Array(branchRows), missingRows: missingRows, branchOf: branchOf, fraction: Array(fraction),
                    keep: Array(keep), inPlace: inPlace)
                for c in 0 ..< childCount { children[c].lists = childLists[c] }
            }
            return children
        }}}
    }
}
