/// Nodes as grown, before a tree is laid out flat: the structure, every
/// node's class counts in one flat array, and each split with its members
/// (the trees that take it) and every task's gain.
struct _GrownTree {
    struct Node {
        var weight = 0.0
        /// The first of the node's splits (index into `splits`), -1 for a leaf of every member.
        var split = -1
        /// For a node left to a worker: the index of its subtree.
        var deferred = -1
    }

    struct Split {
        var members: _Members
        var test: MultitaskTree.SplitTest
        var firstChild: Int
        var childCount: Int
        /// The node's next split, chosen by other members (-1: none).
        var next = -1
    }

    let stride: Int
    let tasks: Int
    var nodes: [Node] = []
    var counts: [Double] = []
    var splits: [Split] = []
    /// Split s's gain of task t at `s * tasks + t`.
    var gains: [Double] = []

    init(stride: Int, tasks: Int) {
        self.stride = stride
        self.tasks = tasks
    }

    /// Room for `count` nodes (and a split per two nodes), reserved at once:
    /// each growth copies the arrays into fresh memory, a page fault per
    /// 4 KiB touched, while room never used is never touched.
    mutating func reserve(nodes count: Int) {
        nodes.reserveCapacity(count)
        counts.reserveCapacity(count * stride)
        splits.reserveCapacity(count / 2 + 1)
        gains.reserveCapacity((count / 2 + 1) * tasks)
    }

    /// Adds `count` empty nodes.
    mutating func append(count: Int) {
        // Grow by a quarter, not double: a grown tree can hold most of a run's
        // memory at its end, and the slack of doubling would be half of it.
        if nodes.count + count > nodes.capacity {
            let capacity = (nodes.count + count) + (nodes.count + count) / 4 + 16
            nodes.reserveCapacity(capacity)
            counts.reserveCapacity(capacity * stride)
        }
        nodes += repeatElement(Node(), count: count)
        counts += repeatElement(0, count: count * stride)
    }

    /// Records an expanded node's weight and counts in slot `slot`.
    mutating func store(_ grown: _Grown, at slot: Int) {
        nodes[slot].weight = grown.weight
        for k in 0 ..< stride { counts[slot * stride + k] = grown.counts[k] }
    }

    /// Records a split of the node in `slot`, adds its children, and returns the first child's slot.
    mutating func addSplit(_ outcome: _Outcome, at slot: Int) -> Int {
        let first = nodes.count
        append(count: outcome.childCount)
        if splits.count == splits.capacity {
            splits.reserveCapacity(splits.count + splits.count / 4 + 16)
            gains.reserveCapacity((splits.count + splits.count / 4 + 16) * tasks)
        }
        var split = Split(members: outcome.members, test: outcome.test, firstChild: first, childCount: outcome.childCount)
        split.next = nodes[slot].split
        nodes[slot].split = splits.count
        splits.append(split)
        gains += outcome.gains
        return first
    }

    /// The split `member` takes at node `i`, if any.
    func split(at i: Int, member: Int) -> Int? {
        var s = nodes[i].split
        while s >= 0 {
            if splits[s].members.contains(member) { return s }
            s = splits[s].next
        }
        return nil
    }

    /// Each node's place among the nodes `member` reaches (-1: not reached),
    /// in array order, and how many it reaches. Children follow their parent.
    func places(member: Int) -> (place: [Int], count: Int) {
        var place = [Int](repeating: -1, count: nodes.count)
        guard !nodes.isEmpty else { return (place, 0) }
        place[0] = 0
        var count = 0
        for i in nodes.indices where place[i] >= 0 {
            place[i] = count
            count += 1
            if let s = split(at: i, member: member) {
                for c in 0 ..< splits[s].childCount { place[splits[s].firstChild + c] = 0 }
            }
        }
        return (place, count)
    }
}

/// The top of the grown trees (breadth first) and the subtrees the workers grew below it.
struct _GrownForest {
    var top: _GrownTree
    var subtrees: [_GrownTree]

    /// One member's tree laid out flat: its part of the top as grown, then
    /// each of its subtrees in turn, its root in the top's slot for it.
    /// Children stay contiguous and after their parent. With `consuming`,
    /// each subtree is freed once copied (for the last member laid out).
    mutating func layOut(member: Int, data: _TrainingData, consuming: Bool) -> (nodes: [MultitaskTree.Node], counts: [Double], gains: [Double]) {
        let stride = data.classStride
        let T = data.taskCount
        let lambdas = data.memberLambdas[member]
        var nodes: [MultitaskTree.Node] = []
        var counts: [Double] = []
        var gains: [Double] = []
        // Appends tree g's nodes that `member` reaches (the root to `rootSlot` if given).
        func copy(_ g: _GrownTree, rootSlot: Int?) -> [(deferred: Int, slot: Int)] {
            let (place, reached) = g.places(member: member)
            let base = nodes.count - (rootSlot == nil ? 0 : 1)
            if nodes.capacity < base + reached {
                let capacity = base + reached + (rootSlot == nil ? subtrees.reduce(0) { $0 + $1.nodes.count } : 0)
                nodes.reserveCapacity(capacity)
                counts.reserveCapacity(capacity * stride)
                gains.reserveCapacity(capacity * T)
            }
            var deferred: [(deferred: Int, slot: Int)] = []
            for i in g.nodes.indices where place[i] >= 0 {
                let at = place[i] == 0 ? (rootSlot ?? base) : base + place[i]
                var node = MultitaskTree.Node(weight: g.nodes[i].weight, test: nil, firstChild: 0, childCount: 0, score: 0)
                // A leaf's gains are zeros.
                let splitIndex = g.split(at: i, member: member)
                if let s = splitIndex {
                    let split = g.splits[s]
                    node.test = split.test
                    node.firstChild = base + place[split.firstChild]
                    node.childCount = split.childCount
                    var score = 0.0
                    for t in 0 ..< T { score += g.gains[s * T + t] * lambdas[t] }
                    node.score = score
                }
                if g.nodes[i].deferred >= 0 { deferred.append((g.nodes[i].deferred, at)) }
                if at == nodes.count {
                    nodes.append(node)
                    counts.append(contentsOf: g.counts[i * stride ..< (i + 1) * stride])
                    gains.append(contentsOf: repeatElement(0.0, count: T))
                } else {
                    nodes[at] = node
                    for k in 0 ..< stride { counts[at * stride + k] = g.counts[i * stride + k] }
                }
                for t in 0 ..< T { gains[at * T + t] = splitIndex.map { g.gains[$0 * T + t] } ?? 0 }
            }
            return deferred
        }
        var rootSlot = [Int?](repeating: nil, count: subtrees.count)
        for (s, slot) in copy(top, rootSlot: nil) { rootSlot[s] = slot }
        for s in subtrees.indices {
            if let slot = rootSlot[s] { _ = copy(subtrees[s], rootSlot: slot) }
            if consuming { subtrees[s] = _GrownTree(stride: stride, tasks: T) }
        }
        return (nodes, counts, gains)
    }
}
