/// A set of the trees grown together (members, numbered from 0), as bits.
///
/// Trees for several λ are grown in lockstep: a node is expanded once for
/// every member that reaches it, and its members part only where their best
/// splits differ. Up to ``capacity`` members fit; ``TreeInducer`` grows
/// larger sets in batches.
struct _Members: Sequence, Equatable, Sendable {
    static let capacity = 64
    private(set) var bits: UInt64

    /// The empty set.
    init() { bits = 0 }

    /// Members `0 ..< count`.
    init(all count: Int) {
        precondition(count >= 1 && count <= Self.capacity)
        bits = count == Self.capacity ? ~0 : (1 << UInt64(count)) - 1
    }

    var count: Int { bits.nonzeroBitCount }
    /// Exact, so `map` allocates once.
    var underestimatedCount: Int { count }
    var isEmpty: Bool { bits == 0 }
    /// The lowest-numbered member (the set must not be empty).
    var first: Int { bits.trailingZeroBitCount }

    func contains(_ member: Int) -> Bool { bits & (1 << UInt64(member)) != 0 }

    mutating func insert(_ member: Int) { bits |= 1 << UInt64(member) }

    /// The members in increasing order.
    func makeIterator() -> Iterator { Iterator(rest: bits) }

    struct Iterator: IteratorProtocol {
        var rest: UInt64
        mutating func next() -> Int? {
            guard rest != 0 else { return nil }
            let member = rest.trailingZeroBitCount
            rest &= rest - 1
            return member
        }
    }
}

extension _Members {
    /// The set of one member.
    init(_ member: Int) {
        bits = 1 << UInt64(member)
    }
}
