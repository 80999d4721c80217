#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read in chunks into one reusable byte buffer, for the readers to
/// parse in place.
///
/// The readers never hold a whole file: they parse the bytes in
/// `bytes[start..<end]`, advance ``start`` past what they have consumed, and
/// call ``refill(line:)`` when a record runs past ``end``. A refill slides the
/// unconsumed tail to the front of the buffer and reads the next chunk after
/// it, growing the buffer only when one record is longer than the buffer.
/// The buffer is raw memory owned by this object, so a parser can unescape
/// quoted fields in place; pointers into it are valid until the next refill.
final class ByteSource {
    /// The default number of bytes asked of each `read(2)`.
    static let defaultChunkSize = 1 << 20
    /// Longest record the readers accept by default; anything longer is not a table.
    static let defaultMaximumRecordSize = 1 << 28

    /// The path, as the user named it (for messages).
    let path: String
    /// The file's size, if it is a regular file.
    let fileSize: Int?
    /// The buffer; `bytes[0..<end]` holds data.
    private(set) var bytes: UnsafeMutableBufferPointer<UInt8>
    /// The first byte not yet consumed.
    var start = 0
    /// One past the last byte read.
    private(set) var end = 0
    /// Whether the file has no more bytes to give.
    private(set) var isAtEOF = false
    /// Bytes dropped from the front of the buffer by refills, so that
    /// `discarded + start` is the offset of `start` in the file.
    private(set) var discarded = 0
    private let descriptor: Int32
    /// Longest record accepted here: the buffer grows no further.
    let maximumRecordSize: Int

    /// Opens `path` for reading.
    ///
    /// - Throws: ``MTLError`` (`.inputMissing`) if the file does not exist,
    ///   cannot be read, or is a directory.
    init(
        path: String, chunkSize: Int = ByteSource.defaultChunkSize, maximumRecordSize: Int = ByteSource.defaultMaximumRecordSize
    ) throws(MTLError) {
        self.path = path
        self.maximumRecordSize = maximumRecordSize
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw MTLError(.inputMissing, "cannot open '\(path)': \(ByteSource.systemMessage(errno))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw MTLError(.inputMissing, "cannot read '\(path)': \(ByteSource.systemMessage(code))")
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            close(fd)
            throw MTLError(.inputMissing, "'\(path)' is a directory, not a data file")
        }
        descriptor = fd
        fileSize = type == S_IFREG ? Int(info.st_size) : nil
        bytes = Self.allocate(max(chunkSize, 16))
    }

    deinit {
        bytes.deallocate()
        close(descriptor)
    }

    /// Whether the file is a regular file, which can be read a second time.
    var isRegularFile: Bool { fileSize != nil }

    /// Drops the consumed bytes and reads more after the unconsumed ones.
    ///
    /// - Returns: `false` if the file had no more bytes (``isAtEOF`` is then set).
    /// - Parameter line: The line where the unconsumed record starts, if the
    ///   caller knows it, for the error of a record too long to buffer.
    /// - Throws: ``MTLError`` (`.inputMissing`) on a read error, (`.badData`)
    ///   if one record would exceed ``maximumRecordSize``.
    @discardableResult
    func refill(line: Int? = nil) throws(MTLError) -> Bool {
        if isAtEOF { return false }
        if start > 0 {
            let kept = end - start
            if kept > 0, let base = bytes.baseAddress {
                memmove(base, base + start, kept)
            }
            discarded += start
            start = 0
            end = kept
        }
        if end == bytes.count { try grow(line: line) }
        guard let base = bytes.baseAddress else { return false }
        while true {
            let n = read(descriptor, base + end, bytes.count - end)
            if n > 0 {
                end += n
                return true
            }
            if n == 0 {
                isAtEOF = true
                return false
            }
            if errno != EINTR {
                throw MTLError(.inputMissing, "cannot read '\(path)': \(ByteSource.systemMessage(errno))")
            }
        }
    }

    /// Bytes past the end of ``bytes`` that are allocated (and zeroed), so
    /// that a word-at-a-time kernel may load eight bytes from any offset of
    /// the buffer, or from one past it.
    static let slack = 16

    /// A zeroed buffer of `count` bytes plus ``slack``, of which `count` are in the buffer pointer.
    private static func allocate(_ count: Int) -> UnsafeMutableBufferPointer<UInt8> {
        let memory = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count + slack)
        memory.initialize(repeating: 0)
        // Rebased from the start, it keeps the allocation's base: deallocate() frees it all.
        return UnsafeMutableBufferPointer(rebasing: memory[..<count])
    }

    /// Makes sure at least `count` unconsumed bytes are buffered, unless the file ends first.
    func prefetch(_ count: Int) throws(MTLError) {
        while end - start < count, try refill() {}
    }

    /// About how many lines follow ``start``, from the file size and the
    /// average length of the buffered lines, a little over to avoid regrowth;
    /// 1024 if the size is unknown.
    func estimatedLinesRemaining() throws(MTLError) -> Int {
        // Stay within the buffer: growing it here would only waste memory.
        try prefetch(min(1 << 16, bytes.count / 2))
        guard let fileSize, let base = bytes.baseAddress else { return 1024 }
        let remaining = max(0, fileSize - discarded - start)
        var lines = 0
        var at = UnsafeRawPointer(base + start)
        let stop = UnsafeRawPointer(base + end)
        while at < stop, let found = memchr(at, 10, stop - at) {
            lines += 1
            at = UnsafeRawPointer(found) + 1
        }
        let sampled = end - start
        guard lines > 0, sampled > 0 else { return 1024 }
        let estimate = Double(remaining) * Double(lines) / Double(sampled) * 1.02 + 16
        return Int(min(estimate, Double(remaining / 2 + 16)))
    }

    /// Doubles the buffer, keeping its contents.
    private func grow(line: Int?) throws(MTLError) {
        guard bytes.count < maximumRecordSize else {
            let limit = maximumRecordSize >= 1 << 20 ? "\(maximumRecordSize >> 20) MiB" : "\(maximumRecordSize) bytes"
            throw MTLError(.badData, "a record is longer than \(limit); this does not look like a table", file: path, line: line)
        }
        let larger = Self.allocate(bytes.count * 2)
        if end > 0, let from = bytes.baseAddress, let to = larger.baseAddress {
            memcpy(to, from, end)
        }
        bytes.deallocate()
        bytes = larger
    }

    /// Skips a UTF-8 byte order mark at the start of the file, and rejects
    /// compressed files, whose bytes would otherwise be reported as garbage.
    func skipPreamble() throws(MTLError) {
        try prefetch(3)
        let available = end - start
        if available >= 3, bytes[start] == 0xEF, bytes[start + 1] == 0xBB, bytes[start + 2] == 0xBF {
            start += 3
        } else if available >= 2, bytes[start] == 0x1F, bytes[start + 1] == 0x8B {
            throw MTLError(.badData, "this is a gzip-compressed file; decompress it first (gunzip)", file: path, line: 1, column: 1)
        }
    }

    /// The text of an `errno` value.
    static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// A line and byte column in a text file, 1-based, as compilers print them.
struct TextPosition: Equatable {
    var line: Int
    var column: Int

    /// The position of `offset`, counting line ends from `lineStart`, the
    /// offset where line `line` begins; `bytes[..<limit]` holds data.
    /// `\n`, `\r\n` and a lone `\r` each end a line.
    static func locate(
        _ offset: Int, in bytes: UnsafeMutableBufferPointer<UInt8>, limit: Int, lineStart: Int, line: Int
    ) -> TextPosition {
        var line = line
        var lineStart = lineStart
        var i = lineStart
        while i < offset {
            let b = bytes[i]
            if b == 10 || (b == 13 && (i + 1 >= limit || bytes[i + 1] != 10)) {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return TextPosition(line: line, column: offset - lineStart + 1)
    }
}
