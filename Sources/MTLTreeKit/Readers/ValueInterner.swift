#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The distinct values of a nominal column, keyed by their bytes: a cell's
/// code is found without creating a `String`, and a `String` is made only
/// once per new value.
///
/// An open-addressing hash table (linear probing, load at most 1/2) maps a
/// byte string to its code; codes are dense and in insertion order. The
/// bytes of every value live in one arena. A value of at most eight bytes
/// (most class labels) is also kept as one 64-bit word, so that it is hashed
/// with one multiply and compared with one instruction. The hash is seeded
/// per process so that crafted files cannot force quadratic probing; codes
/// never depend on it.
struct ValueInterner {
    /// The value of each code, in insertion order.
    private(set) var values: [String] = []
    /// The bytes of all values, back to back.
    private var arena: [UInt8] = []
    /// `ends[code]` is where that value's bytes end in ``arena``.
    private var ends: [Int] = []
    /// The hash of each value, to skip most comparisons and to rehash.
    private var hashes: [UInt64] = []
    /// The bytes of each value of at most eight bytes, as a word; 0 for longer ones.
    private var words: [UInt64] = []
    /// `slots[i]` is `code + 1`, or 0 for an empty slot.
    private var slots: [Int32]
    private var mask: Int
    private let seed: UInt64

    private static let processSeed = UInt64.random(in: .min ... .max)

    /// Creates an empty table.
    init() {
        slots = [Int32](repeating: 0, count: 16)
        mask = 15
        seed = Self.processSeed
    }

    /// The number of distinct values.
    var count: Int { values.count }

    /// The code of `key`, if it has been interned.
    ///
    /// - Parameter padded: Whether the eight bytes from the key's start are
    ///   readable (a ``ByteSource`` buffer, with its slack), to load a short key as one word.
    func code(of key: UnsafeBufferPointer<UInt8>, padded: Bool = false) -> Int32? {
        let (code, _, _) = find(key, word: padded ? Self.word(padded: key) : Self.word(of: key))
        return code
    }

    /// The code of `key`, interning it as a new value if it is not there yet.
    ///
    /// - Throws: ``CellError/invalidUTF8`` if a new value is not valid UTF-8,
    ///   ``CellError/tooManyValues`` if a new value would get a code past `limit - 1`.
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>, limit: Int) throws(CellError) -> Int32 {
        try intern(key, word: Self.word(of: key), limit: limit)
    }

    /// ``intern(_:limit:)`` for a key in a buffer where the eight bytes from
    /// its start are readable (a ``ByteSource`` buffer, with its slack).
    @inline(__always)
    mutating func intern(padded key: UnsafeBufferPointer<UInt8>, limit: Int) throws(CellError) -> Int32 {
        try intern(key, word: Self.word(padded: key), limit: limit)
    }

    /// Interns `text`; returns `false` if it was already there.
    mutating func add(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { key in
            let word = Self.word(of: key)
            let (code, slot, h) = find(key, word: word)
            if code != nil { return false }
            _ = insert(text, bytes: key, word: word, hash: h, slot: slot)
            return true
        }
    }

    @inline(__always)
    private mutating func intern(_ key: UnsafeBufferPointer<UInt8>, word: UInt64, limit: Int) throws(CellError) -> Int32 {
        let (code, slot, h) = find(key, word: word)
        if let code { return code }
        guard values.count < limit, values.count < Int(Int32.max) - 1 else { throw .tooManyValues }
        guard let text = String(validating: key, as: UTF8.self) else { throw .invalidUTF8 }
        return insert(text, bytes: key, word: word, hash: h, slot: slot)
    }

    /// The code of `key` if present, else the empty slot where it would go; and its hash.
    /// `word` is the key as a word if it has at most eight bytes.
    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, word: UInt64) -> (Int32?, Int, UInt64) {
        let short = key.count <= 8
        let h = short ? Self.finalize(seed ^ (word &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(key.count)) : hash(key)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (nil, slot, h) }
            let code = Int(entry) &- 1
            if hashes[code] == h {
                if short ? words[code] == word && length(code) == key.count : matches(code, key) { return (entry &- 1, slot, h) }
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// Stores a new value in the empty `slot`, growing the table when half full.
    private mutating func insert(
        _ text: String, bytes key: UnsafeBufferPointer<UInt8>, word: UInt64, hash h: UInt64, slot: Int
    ) -> Int32 {
        let code = Int32(values.count)
        values.append(text)
        arena.append(contentsOf: key)
        ends.append(arena.count)
        hashes.append(h)
        words.append(word)
        slots[slot] = code + 1
        if values.count * 2 > slots.count { rehash(capacity: slots.count * 2) }
        return code
    }

    /// Rebuilds the slot table with `capacity` slots (a power of two).
    private mutating func rehash(capacity: Int) {
        slots = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        for code in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[code]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(code + 1)
        }
    }

    /// The number of bytes of value `code`.
    private func length(_ code: Int) -> Int {
        ends[code] - (code == 0 ? 0 : ends[code - 1])
    }

    /// Whether the bytes of `code` equal `key`.
    private func matches(_ code: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = code == 0 ? 0 : ends[code - 1]
        guard ends[code] - start == key.count else { return false }
        guard key.count > 0, let keyBase = key.baseAddress else { return true }
        return arena.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress else { return false }
            return memcmp(base + start, keyBase, key.count) == 0
        }
    }

    /// The bytes of a key of at most eight bytes as a word, the first byte
    /// least significant; 0 for a longer key.
    private static func word(of key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard key.count <= 8 else { return 0 }
        var word: UInt64 = 0
        for (i, b) in key.enumerated() { word |= UInt64(b) << UInt64(i * 8) }
        return word
    }

    /// ``word(of:)`` by one load, for a key followed by at least eight readable bytes.
    @inline(__always)
    private static func word(padded key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard key.count <= 8, let base = key.baseAddress else { return 0 }
        let loaded = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self))
        return key.count == 8 ? loaded : loaded & ((1 &<< UInt64(key.count &* 8)) &- 1)
    }

    /// A 64-bit hash of a key longer than eight bytes, eight bytes at a time.
    private func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = seed ^ (UInt64(key.count) &* 0x9E37_79B9_7F4A_7C15)
        guard let base = key.baseAddress else { return Self.finalize(h) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < key.count {
            tail |= UInt64(key[i]) << shift
            shift += 8
            i += 1
        }
        return Self.finalize(h ^ tail)
    }

    /// SplitMix64's finalizer: every input bit reaches every output bit.
    @inline(__always)
    private static func finalize(_ x: UInt64) -> UInt64 {
        var z = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
