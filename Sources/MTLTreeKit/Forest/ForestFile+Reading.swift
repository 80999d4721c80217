import Foundation

/// Bytes read from a file descriptor as they are asked for (or from memory),
/// so a forest's trees are read a batch at a time, never the whole file.
final class _ByteSource {
    private var buffer: [UInt8]
    private var position = 0
    private let fd: Int32
    private let path: String?
    /// Whether the end of the input has been seen.
    private(set) var atEnd: Bool

    /// Reads `path` (the caller closes nothing: `deinit` does).
    init(path: String) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        self.path = path
        buffer = []
        atEnd = false
        guard fd >= 0 else {
            let code = errno
            throw MTLError(.inputMissing, code == ENOENT ? "no such file" : "cannot read the file: \(String(cString: strerror(code)))", file: path)
        }
        var status = stat()
        if fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            close(fd)
            throw MTLError(.inputMissing, "is a directory, not a file", file: path)
        }
    }

    /// Reads from `bytes` in memory.
    init(bytes: [UInt8], path: String?) {
        fd = -1
        self.path = path
        buffer = bytes
        atEnd = true
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The bytes read but not yet taken.
    var pending: ArraySlice<UInt8> { buffer[position...] }

    /// Reads up to `count` more bytes onto the pending ones; `false` at the end of the input.
    @discardableResult
    func fill(_ count: Int = 1 << 20) throws -> Bool {
        guard !atEnd else { return false }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        let old = buffer.count
        // An array, not repeatElement: unspecialised (debug) builds walked the
        // generic sequence byte by byte, ~1.3 s for every model read in tests.
        buffer += [UInt8](repeating: 0, count: count)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + old, count) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else {
                let code = errno
                let reason = code == EISDIR ? "is a directory, not a file" : "cannot read the file: \(String(cString: strerror(code)))"
                throw MTLError(.inputMissing, reason, file: path)
            }
            buffer.removeLast(count - n)
            if n == 0 { atEnd = true }
            return n > 0
        }
    }

    /// Takes the next `count` bytes, or `nil` if the input ends first.
    func take(_ count: Int) throws -> ArraySlice<UInt8>? {
        while buffer.count - position < count {
            guard try fill(max(1 << 20, min(count - (buffer.count - position), 1 << 26))) else { return nil }
        }
        defer { position += count }
        return buffer[position ..< position + count]
    }

    /// Takes every byte left.
    func takeAll() throws -> [UInt8] {
        while try fill(1 << 22) {}
        defer { position = buffer.count }
        return Array(buffer[position...])
    }
}

/// Finds where the JSON object that starts a byte stream ends, chunk by chunk.
struct _JSONObjectScanner {
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var started = false
    /// Set when the first byte that is not white space is not `{`.
    private(set) var notAnObject = false

    /// Scans `bytes[from...]`, having scanned `bytes[..<from]` before; returns
    /// the index just past the object's closing brace once it is seen.
    mutating func scan(_ bytes: ArraySlice<UInt8>, from: Int) -> Int? {
        var i = from
        while i < bytes.endIndex {
            let b = bytes[i]
            i += 1
            if inString {
                if escaped {
                    escaped = false
                } else if b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: "\""): inString = true
            default: break
            }
            if !started {
                started = true
                if b != UInt8(ascii: "{") {
                    notAnObject = true
                    return nil
                }
            }
            if depth == 0 { return i }
        }
        return nil
    }
}

extension ModelFile {
    /// Reads a model file of either kind from `source`; with `treesOnly`, a
    /// forest is refused from its header alone.
    static func read(_ source: _ByteSource, path: String?, treesOnly: Bool) throws -> ModelFile {
        // Does the file start with a JSON object followed by more than white space?
        var scanner = _JSONObjectScanner()
        var end: Int?
        var scanned = source.pending.startIndex
        while end == nil, !scanner.notAnObject {
            end = scanner.scan(source.pending, from: scanned)
            scanned = source.pending.endIndex
            if end == nil, !scanner.notAnObject {
                let before = source.pending.count
                guard try source.fill() else { break }
                scanned = source.pending.startIndex + before
            }
        }
        var bytes: [UInt8] = []
        if let headerEnd = end {
            let offset = headerEnd - source.pending.startIndex
            while source.pending.count <= offset + 1, try source.fill() {}
            let rest = source.pending.dropFirst(offset)
            if rest.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) {
                // A header, then the trees in binary (or a JSON document with something after it).
                bytes = Array(try source.take(offset)!)
                let header = try parse(bytes, path: path)
                if header["version"]?.numberValue == Double(_ForestFile.version), header["kind"]?.stringValue == MultitaskForest.kind {
                    let r = _ModelReader(file: path)
                    if treesOnly { throw r.error("a forest's model, not a tree model: read it with ModelFile.read(path:)") }
                    return .forest(try MultitaskForest(header: header, trees: source, reader: r))
                }
            }
        }
        bytes += try source.takeAll()
        guard !bytes.isEmpty else { throw MTLError(.badData, "empty file, not an mtltree model", file: path) }
        let json = try parse(bytes, path: path)
        if json["kind"]?.stringValue == MultitaskForest.kind, !treesOnly { return .forest(try MultitaskForest(json: json, file: path)) }
        return .trees(try TreeModel(json: json, file: path))
    }

    /// Parses a JSON document, its errors worded for a model file.
    private static func parse(_ bytes: [UInt8], path: String?) throws -> JSONValue {
        do {
            return try JSONValue.parse(bytes, file: path)
        } catch let error as MTLError {
            var e = error
            e.message = "not an mtltree model (invalid JSON: \(error.message))"
            throw e
        }
    }
}
