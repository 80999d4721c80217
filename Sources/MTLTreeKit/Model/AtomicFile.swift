import Foundation

/// Writes files so that a reader never sees a partial one.
public enum AtomicFile {
    /// Writes `bytes` to `path` through a temporary file in the same folder,
    /// renamed into place only once everything is written.
    ///
    /// - Throws: ``MTLError`` (`.outputFailed`) naming the path, with nothing left behind.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        try stream(to: path) { emit in
            if let array = bytes as? [UInt8] { try emit(array) } else { try emit(Array(bytes)) }
        }
    }

    /// Writes what `produce` emits, piece by piece, to `path` through a
    /// temporary file renamed into place only once everything is written, so
    /// a large file need not be held in memory whole.
    ///
    /// - Throws: ``MTLError`` (`.outputFailed`) naming the path, with nothing
    ///   left behind; or what `produce` throws, also leaving nothing behind.
    public static func stream(to path: String, _ produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
        try checkWritable(path)
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(url.lastPathComponent).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw MTLError(.outputFailed, "cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        func fail(_ code: Int32) -> MTLError {
            MTLError(.outputFailed, "cannot write '\(path)': \(String(cString: strerror(code)))")
        }
        do {
            try produce { data in
                try data.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                        if n < 0 {
                            if errno == EINTR { continue }
                            throw fail(errno)
                        }
                        offset += n
                    }
                }
            }
            if fsync(fd) != 0, errno != EINVAL { throw fail(errno) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        var failure: Int32 = 0
        if close(fd) != 0 { failure = errno }
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw fail(failure)
        }
    }

    /// Checks, before long work, that `path` could be written: its folder
    /// exists and is writable, and it is not a folder itself.
    ///
    /// - Throws: ``MTLError`` (`.outputFailed`) naming the path and the problem.
    public static func checkWritable(_ path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let place = folder.isEmpty ? "." : folder
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw MTLError(.outputFailed, "cannot write '\(path)': it is a directory")
        }
        guard FileManager.default.fileExists(atPath: place, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MTLError(.outputFailed, "cannot write '\(path)': no folder '\(folder)'")
        }
        guard access(place, W_OK) == 0 else {
            throw MTLError(.outputFailed, "cannot write '\(path)': the folder '\(place)' is not writable")
        }
    }

    /// Writes `text` as UTF-8; see ``write(_:to:)``.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }
}
