import Foundation
import MTLTreeKit

/// A subcommand of `mtltree`.
protocol Subcommand {
    /// The word that selects it (`train`).
    static var name: String { get }
    /// One line for the command list.
    static var summary: String { get }
    /// The full help text (usage and options).
    static var help: String { get }
    /// Parses `arguments` and runs; returns the exit status.
    static func run(_ arguments: inout Arguments, console: Console) throws -> Int32
}

/// The `mtltree` command line: dispatches to a subcommand and turns errors into
/// one line on standard error and a `sysexits.h` status.
public enum MTLTreeTool {
    /// The version printed by `mtltree --version` and recorded in model files.
    public static let version = MTLTreeVersion.current

    static var subcommands: [any Subcommand.Type] { [
        TrainCommand.self, PredictCommand.self, DescribeCommand.self, PrintCommand.self, GenerateCalendarCommand.self,
        ScoreCommand.self, EvaluateCommand.self, TuneCommand.self, CurveCommand.self,
    ] }

    /// Runs the process's command line and exits with its status.
    public static func main() -> Never {
        #if os(Linux)
        // Keep large arrays (sorted lists, columns) in their own mappings, so that
        // memory freed during induction goes back to the system. glibc otherwise
        // raises this threshold after the first large free and keeps freed blocks.
        _ = _mallopt(_mmapThreshold, 256 * 1024)
        #endif
        // A standard descriptor the caller closed (`>&-`) would be taken by the next
        // file opened, and output meant for the terminal would go into it: hold
        // each with /dev/null (open takes the lowest free descriptor), and have
        // standard output report what was written to it as lost.
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 {
            _ = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if fd == 1 { _standardOutput.markClosed() }
        }
        // Walks down a tree recurse once per level (a row with missing values
        // in predict, a model's JSON nesting), and a model may hold a tree of
        // any depth: the command runs on a thread with room for them.
        let status = withLargeStack(256 << 20) { run(Array(CommandLine.arguments.dropFirst())) }
        // Help and --version print outside a command; their output may be lost too.
        let failure = _standardOutput.finish()
        guard status == 0, failure != 0 else { exit(status) }
        let error = Console.lostStandardOutput(failure)
        _standardError.write("mtltree: \(error.description)\n")
        _standardError.flush()
        exit(error.kind.exitCode)
    }

    /// Runs `mtltree` with `arguments` (without the program name).
    ///
    /// - Parameters:
    ///   - arguments: The command-line words after `mtltree`.
    ///   - console: Where to write; ``Console/standard`` for a real process.
    /// - Returns: The exit status: 0 success, 64 usage, 65 bad data or model,
    ///   66 input missing, 73 output not writable, 1 anything else.
    public static func run(_ arguments: [String], console: Console = .standard) -> Int32 {
        guard let first = arguments.first else {
            console.err(overview)
            return MTLError.Kind.usage.exitCode
        }
        switch first {
        case "-h", "--help":
            console.out(overview)
            return 0
        case "--version":
            console.print(version)
            return 0
        case "help":
            guard arguments.count > 1 else {
                console.out(overview)
                return 0
            }
            guard let command = subcommand(named: arguments[1]) else { return unknown(arguments[1], console) }
            console.out(command.help)
            return 0
        default:
            guard let command = subcommand(named: first) else { return unknown(first, console) }
            var rest = Arguments(Array(arguments.dropFirst()))
            if rest.flag("-h", "--help") {
                console.out(command.help)
                return 0
            }
            do {
                let status = try command.run(&rest, console: console)
                try console.finish()
                return status
            } catch let error as MTLError {
                console.note("mtltree \(command.name): " + error.commandLineDescription)
                return error.kind.exitCode
            } catch {
                console.note("mtltree \(command.name): " + MTLError.oneLine("error: \(error)"))
                return 1
            }
        }
    }

    static func subcommand(named name: String) -> (any Subcommand.Type)? {
        subcommands.first { $0.name == name }
    }

    private static func unknown(_ name: String, _ console: Console) -> Int32 {
        var message = "mtltree: error: unknown command '\(name)'"
        if let best = closestMatch(to: name, in: subcommands.map { $0.name }) { message += "; did you mean '\(best)'?" }
        console.note(MTLError.oneLine(message + " (see 'mtltree --help')"))
        return MTLError.Kind.usage.exitCode
    }

    static var overview: String {
        var text = """
            mtltree \(version): multitask decision trees (λ-weighted information gain across tasks)

            USAGE: mtltree <command> [options]

            COMMANDS:

            """
        for command in subcommands {
            text += "  " + command.name.padding(toLength: 19, withPad: " ", startingAt: 0) + command.summary + "\n"
        }
        text += "\nSee 'mtltree help <command>' or 'mtltree <command> --help' for a command's options.\n"
        text += "Options take '--name value' or '--name=value'; after '--', every argument is a file.\n"
        return text
    }
}

#if os(Linux)
/// glibc's `mallopt(3)`, which the Glibc module does not export.
@_silgen_name("mallopt")
private func _mallopt(_ parameter: Int32, _ value: Int32) -> Int32
/// glibc's `M_MMAP_THRESHOLD`.
private let _mmapThreshold: Int32 = -3
#endif
