import Foundation

/// Writes files so that a reader never sees a partial one.
package enum AtomicFile {
    /// Writes `bytes` to `path` through a temporary file in the same folder,
    /// renamed into place only once everything is written.
    ///
    /// - Throws: ``MTLError`` (`.outputFailed`) naming the path, with nothing left behind.
    package static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        try stream(to: path) { emit in
            if let array = bytes as? [UInt8] { try emit(array) } else { try emit(Array(bytes)) }
        }
    }

    /// Writes what `produce` emits, piece by piece, to `path` through a
    /// temporary file renamed into place only once everything is written, so
    /// a large file need not be held in memory whole.
    ///
    /// A symbolic link is followed: the file it points to is replaced, the
    /// link kept. A character device or pipe (`/dev/stdout`, a FIFO) is
    /// written in place, since nothing can be renamed over it.
    ///
    /// - Throws: ``MTLError`` (`.outputFailed`) naming the path, with nothing
    ///   left behind; or what `produce` throws, also leaving nothing behind.
    package static func stream(to path: String, _ produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
        try checkWritable(path)
        func fail(_ code: Int32) -> MTLError {
            MTLError(.outputFailed, "cannot write '\(path)': \(String(cString: strerror(code)))")
        }
        /// Writes everything `produce` emits to `fd`.
        func fill(_ fd: Int32) throws {
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
        }
        guard case .file(let target) = destination(of: path) else {
            // A device or pipe (/dev/stdout, a FIFO): nothing can be renamed over it, so write in place.
            let fd = open(path, O_WRONLY | O_TRUNC)
            guard fd >= 0 else { throw fail(errno) }
            do { try fill(fd) } catch {
                close(fd)
                throw error
            }
            if close(fd) != 0 { throw fail(errno) }
            return
        }
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(url.lastPathComponent).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw fail(errno) }
        do {
            try fill(fd)
            if fsync(fd) != 0, errno != EINVAL { throw fail(errno) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        var failure: Int32 = 0
        if close(fd) != 0 { failure = errno }
        if failure == 0, rename(temporary, target) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw fail(failure)
        }
    }

    /// Where the bytes for `path` go.
    private enum Destination {
        /// A regular file, or none yet: written to a temporary file renamed to this path.
        case file(String)
        /// A character device, pipe or socket (`/dev/stdout`, `/dev/null`, a FIFO): written in place.
        case stream
        /// A block device (a disk), which mtltree refuses to write.
        case blockDevice
    }

    /// What `path` is: an existing file reached through symbolic links is
    /// replaced where it is, so that the links stay links (and `-o` through
    /// `/dev/stdout` never replaces the link itself).
    private static func destination(of path: String) -> Destination {
        var info = stat()
        guard stat(path, &info) == 0 else { return .file(path) }  // created (through a dangling link, the link is replaced)
        switch info.st_mode & S_IFMT {
        case S_IFCHR, S_IFIFO, S_IFSOCK: return .stream
        case S_IFBLK: return .blockDevice
        default: break
        }
        var link = stat()
        guard lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) else { return .file(path) }
        defer { free(resolved) }
        return .file(String(cString: resolved))
    }

    /// Checks, before long work, that `path` could be written: its folder
    /// exists and is writable, and it is not a folder itself; or it is a
    /// device or pipe open for writing. With `inputs` (the files the work
    /// reads), also that it is none of them.
    ///
    /// - Throws: ``MTLError`` naming the path and the problem: `.usage` for
    ///   an input, else `.outputFailed`.
    package static func checkWritable(_ path: String, notReplacing inputs: [String] = []) throws {
        try checkNotInput(path, inputs: inputs)
        let target: String
        switch destination(of: path) {
        case .file(let file): target = file
        case .stream:
            guard access(path, W_OK) == 0 else {
                throw MTLError(.outputFailed, "cannot write '\(path)': \(String(cString: strerror(errno)))")
            }
            return
        case .blockDevice:
            throw MTLError(.outputFailed, "cannot write '\(path)': it is a block device")
        }
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        let place = folder.isEmpty ? "." : folder
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue {
            throw MTLError(.outputFailed, "cannot write '\(path)': it is a directory")
        }
        guard FileManager.default.fileExists(atPath: place, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MTLError(.outputFailed, "cannot write '\(path)': no folder '\(folder)'")
        }
        guard access(place, W_OK) == 0 else {
            throw MTLError(.outputFailed, "cannot write '\(path)': the folder '\(place)' is not writable")
        }
    }

    /// Throws if `path` is one of `inputs` (the same file by another name or
    /// link counts): an output naming the data or the model would replace
    /// it, most likely by mistake.
    private static func checkNotInput(_ path: String, inputs: [String]) throws {
        var output = stat()
        guard stat(path, &output) == 0, output.st_mode & S_IFMT == S_IFREG else { return }  // new, or a device
        for input in inputs {
            var read = stat()
            if stat(input, &read) == 0, read.st_dev == output.st_dev, read.st_ino == output.st_ino {
                throw MTLError(.usage, "the output '\(path)' is the input '\(input)', which it would replace: write elsewhere")
            }
        }
    }

    /// Writes `text` as UTF-8; see ``write(_:to:)``.
    package static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }
}
