import Foundation
import MTLTreeKit

/// Where a command writes: data to standard output, messages to standard error.
///
/// The standard console writes through buffered C streams; tests use
/// ``Console/capturing()`` to read what a command printed.
public struct Console: Sendable {
    /// Writes data (trees, predictions, tables) to standard output.
    public var out: @Sendable (String) -> Void
    /// Writes messages (errors, progress, where a file went) to standard error.
    public var err: @Sendable (String) -> Void
    /// Whether standard output is a terminal (colour is used only then).
    public var stdoutIsTerminal: Bool
    /// Whether standard error is a terminal (progress is shown only then).
    public var stderrIsTerminal: Bool
    /// The environment (for `NO_COLOR`).
    public var environment: [String: String]
    /// Flushes standard output, and throws if anything written to it was lost.
    public var finish: @Sendable () throws -> Void = {}

    /// The process's real standard output and error.
    public static var standard: Console {
        Console(
            out: { text in _standardOutput.write(text) },
            err: { text in
                _standardOutput.flush()
                _standardError.write(text)
                _standardError.flush()
            },
            stdoutIsTerminal: isatty(1) == 1,
            stderrIsTerminal: isatty(2) == 1,
            environment: ProcessInfo.processInfo.environment,
            finish: {
                let code = _standardOutput.finish()
                guard code == 0 else { throw lostStandardOutput(code) }
            })
    }

    /// The error for output to standard output that was lost, with its `errno`.
    static func lostStandardOutput(_ code: Int32) -> MTLError {
        MTLError(.outputFailed, "cannot write to standard output: \(String(cString: strerror(code)))")
    }

    /// A console that records what is written, for tests.
    public static func capturing(environment: [String: String] = [:]) -> (Console, CapturedOutput) {
        let captured = CapturedOutput()
        let console = Console(
            out: { captured.append($0, error: false) },
            err: { captured.append($0, error: true) },
            stdoutIsTerminal: false, stderrIsTerminal: false, environment: environment)
        return (console, captured)
    }

    /// Writes `text` and a newline to standard output.
    func print(_ text: String) { out(text + "\n") }

    /// Writes `text` and a newline to standard error.
    func note(_ text: String) { err(text + "\n") }

    /// The output name that means standard output, for every option that
    /// names an output file (`-o -`, `--plot -`).
    static let standardOutputName = "-"

    /// Checks, before the work, that `output` (if given, and not `-`) can be
    /// written and is none of `inputs`.
    func checkWritable(_ output: String?, notReplacing inputs: [String]) throws {
        guard let output, output != Self.standardOutputName else { return }
        try AtomicFile.checkWritable(output, notReplacing: inputs)
    }

    /// Writes `text` to the file `output` atomically, saying so on standard
    /// error as "wrote `what` to `output`", or to standard output without one
    /// (no `output`, or `-`).
    func emit(_ text: String, to output: String?, what: String) throws {
        guard let output, output != Self.standardOutputName else { return out(text) }
        try AtomicFile.write(text, to: output)
        note("wrote \(what) to \(output)")
    }
}

/// What a capturing ``Console`` recorded.
public final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""

    /// Everything written to standard output.
    public var stdout: String { lock.withLock { outText } }
    /// Everything written to standard error.
    public var stderr: String { lock.withLock { errText } }

    func append(_ text: String, error: Bool) {
        lock.withLock {
            if error { errText += text } else { outText += text }
        }
    }
}

/// A buffered writer to a file descriptor; standard output is flushed when
/// the buffer fills, before anything goes to standard error, and at exit.
///
/// A write error (a full disk, a descriptor closed by the caller) drops the
/// rest of the output and is kept for ``finish()`` to report.
final class _FileSink: @unchecked Sendable {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let lock = NSLock()
    /// The first write error, an `errno`; 0 while every write has succeeded.
    private var failure: Int32 = 0
    /// Whether the descriptor was closed when the process started (`>&-`).
    private var closed = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    func write(_ text: String) {
        lock.withLock {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 16 { drain() }
        }
    }

    func flush() { lock.withLock { drain() } }

    /// Writes what is buffered; returns the first write error so far (an `errno`), or 0.
    func finish() -> Int32 {
        lock.withLock {
            drain()
            return failure
        }
    }

    /// Records that the descriptor was closed at start, so that output written to it
    /// is reported as lost (the descriptor itself now holds `/dev/null`).
    func markClosed() { lock.withLock { closed = true } }

    private func drain() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == 0, !buffer.isEmpty else { return }
        guard !closed else {
            failure = EBADF
            return
        }
        var offset = 0
        buffer.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else {
                    failure = written < 0 ? errno : EIO
                    return
                }
                offset += written
            }
        }
    }
}

let _standardOutput = _FileSink(descriptor: 1)
let _standardError = _FileSink(descriptor: 2)
