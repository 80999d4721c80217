import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

/// What a command printed and returned.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    /// The package root, found from this file's path.
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// A path under `Fixtures/`.
    static func fixture(_ path: String) -> String { root.appendingPathComponent("Fixtures/" + path).path }

    /// Runs `mtltree` in this process.
    static func run(_ arguments: [String], environment: [String: String] = [:]) -> CommandResult {
        let (console, captured) = Console.capturing(environment: environment)
        let status = MTLTreeTool.run(arguments, console: console)
        return CommandResult(status: status, stdout: captured.stdout, stderr: captured.stderr)
    }

    /// The built `mtltree` binary beside the test bundle, if there is one.
    static var binary: String? {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("mtltree").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        let debug = root.appendingPathComponent(".build/debug/mtltree").path
        return FileManager.default.isExecutableFile(atPath: debug) ? debug : nil
    }

    /// Runs the built binary as a separate process (to see real exit statuses and signals).
    ///
    /// - Parameters:
    ///   - standardOutput: Where its standard output goes instead of a pipe
    ///     (the result's `stdout` is then empty).
    ///   - stackKiB: A limit on the main thread's stack (`ulimit -s`), in KiB.
    ///   - standardInput: What it reads as standard input (default: inherited).
    static func process(
        _ arguments: [String], standardOutput: FileHandle? = nil, stackKiB: Int? = nil, standardInput: FileHandle? = nil
    ) throws -> CommandResult {
        guard let binary else { throw MTLError(.other, "mtltree binary not built") }
        let process = Process()
        if let stackKiB {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -s \(stackKiB) && exec \"$0\" \"$@\"", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = standardOutput ?? out
        if standardOutput != nil { try out.fileHandleForWriting.close() }
        process.standardError = err
        if let standardInput { process.standardInput = standardInput }
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return CommandResult(status: status, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "mtltree-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` to the file `name` in `folder` and returns its path.
    static func file(_ name: String, _ text: String, in folder: String) throws -> String {
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Checks the project's rule for a bad input: exit `status`, nothing on
/// standard output, and exactly `line` (plus its newline) on standard error.
func expectError(_ result: CommandResult, _ status: Int32, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == status, "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr == line + "\n", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, "\(result.stdout)", sourceLocation: sourceLocation)
}
