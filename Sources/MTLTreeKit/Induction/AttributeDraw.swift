/// The random subset of attributes a forest's tree searches at each node
/// (Breiman's random forests: `m` of the `A` attributes, drawn anew per node).
///
/// A node's draw depends only on its seed, and a node's seed only on its
/// tree's seed and its path from the root (``childSeed(_:branch:)``), so a
/// tree is the same whatever the number of threads or the order in which
/// its nodes are grown; trees grown together for several λ draw alike at
/// every node they share.
struct _AttributeDraw: Sendable, Equatable {
    /// How many attributes each node searches (at least 1).
    let count: Int

    init(count: Int) {
        precondition(count >= 1)
        self.count = count
    }

    /// The attributes a node with seed `seed` searches, in increasing order:
    /// `count` of `0 ..< attributes` without replacement (all when there are
    /// no more than `count`).
    ///
    /// - Complexity: O(attributes).
    func attributes(count attributes: Int, seed: UInt64) -> [Int] {
        guard count < attributes else { return Array(0 ..< attributes) }
        var generator = SplitMix64(seed: seed)
        var pool = Array(0 ..< attributes)
        // The first `count` places of a partial Fisher–Yates shuffle.
        for i in 0 ..< count {
            let j = i + generator.nextInt(below: attributes - i)
            pool.swapAt(i, j)
        }
        return pool[..<count].sorted()
    }

    /// The seed of a node's child on branch `branch` (from 0), from the node's
    /// seed: one SplitMix64 step, so nearby seeds give unrelated draws.
    static func childSeed(_ parent: UInt64, branch: Int) -> UInt64 {
        mix(parent &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(branch + 1))
    }

    /// The SplitMix64 finaliser: a bijection of 64 bits that scatters nearby inputs.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One tree's share of a forest's randomness, as the inducer sees it: the
/// rows of its bootstrap sample with their weights (the row's weight times
/// the number of times the sample drew it), the seed of its root's
/// attribute draw, and how many attributes each node draws.
struct _TreeSample: Sendable {
    /// The rows drawn at least once, in increasing order.
    var rows: [Int32]
    /// Each drawn row's weight, in the order of `rows`.
    var weights: [Double]
    /// The root node's seed (``_NodeData/seed``).
    var seed: UInt64
    /// The per-node attribute subset; `nil` searches every attribute.
    var attributeDraw: _AttributeDraw?
}
