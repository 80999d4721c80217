import Foundation

/// Writes files so that a reader never sees a partial one.
public enum AtomicFile {
    /// Writes `bytes` to `path` through a temporary file in the same folder,
    /// renamed into place only once everything is written.
    ///
    /// - Throws: ``MTLError`` (`.outputFailed`) naming the path, with nothing left behind.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw MTLError(.outputFailed, "cannot write '\(path)': it is a directory")
        }
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MTLError(.outputFailed, "cannot write '\(path)': no folder '\(folder)'")
        }
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(url.lastPathComponent).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw MTLError(.outputFailed, "cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        var failure: Int32 = 0
        let data = bytes as? [UInt8] ?? Array(bytes)  // no copy of what is already an array
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure == 0, fsync(fd) != 0, errno != EINVAL { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw MTLError(.outputFailed, "cannot write '\(path)': \(String(cString: strerror(failure)))")
        }
    }

    /// Writes `text` as UTF-8; see ``write(_:to:)``.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }
}
