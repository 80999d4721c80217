import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

/// The fast cases of the bad-input audit (`scripts/audit/cases.sh`), run in
/// this process: every `check` line whose command is one plain `$BIN …`
/// call on the corpus or the fixtures. The script stays the one list of
/// cases; it runs all of them (output places, closed and full standard
/// output, signals, memory limits, hand-edited models) on the release binary
/// from `.ci/run`.
struct AuditCorpusTests {
    /// One `check NAME STATUS PATTERN KEEP -- COMMAND` line of the script.
    struct AuditCase: CustomTestStringConvertible, Sendable {
        var name: String
        var statuses: [Int32]
        var pattern: String
        var keep: [String]
        var arguments: [String]
        var testDescription: String { name }
    }

    static let script = CLI.root.appendingPathComponent("scripts/audit/cases.sh").path
    static let cases: [AuditCase] = (try? String(contentsOfFile: script, encoding: .utf8)).map(parse) ?? []

    /// The script's simple cases: a top-level `check` whose command is
    /// `$BIN` and plain words, with `$C` (the corpus) and `$F` (the fixtures).
    static func parse(_ text: String) -> [AuditCase] {
        let corpus = CLI.root.appendingPathComponent("scripts/audit/corpus").path
        let fixtures = CLI.root.appendingPathComponent("Fixtures").path
        var cases: [AuditCase] = []
        for line in text.split(separator: "\n") where line.hasPrefix("check ") {
            let words = shellWords(String(line))
            guard words.count == 7, words[5] == "--" else { continue }
            let command = words[6].split(separator: " ").map(String.init)
            guard command.first == "$BIN", command.count > 1 else { continue }
            let plain = command.dropFirst().allSatisfy { word in
                !word.contains(where: { "><|;&()'\"`*".contains($0) })
                    && !word.replacingOccurrences(of: "$C/", with: "").replacingOccurrences(of: "$F/", with: "").contains("$")
            }
            guard plain else { continue }
            cases.append(AuditCase(
                name: words[1],
                statuses: words[2].split(separator: "|").compactMap { Int32($0) },
                pattern: words[3],
                keep: words[4].split(separator: " ").map(String.init),
                arguments: command.dropFirst().map {
                    $0.replacingOccurrences(of: "$C/", with: corpus + "/").replacingOccurrences(of: "$F/", with: fixtures + "/")
                }))
        }
        return cases
    }

    /// The words of a shell line: single quotes literal, double quotes with
    /// backslash escapes, unquoted words split at blanks.
    static func shellWords(_ line: String) -> [String] {
        var words: [String] = [], word = "", inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped {
                word.append(c)
                escaped = false
            } else if let q = quote {
                if c == q {
                    quote = nil
                } else if q == "\"" && c == "\\" {
                    escaped = true
                } else {
                    word.append(c)
                }
            } else if c == "'" || c == "\"" {
                quote = c
                inWord = true
            } else if c == " " || c == "\t" {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(c)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    @Test func theScriptHasFastCases() {
        // The CSV, ARFF and calendar-log corpus and the plain option cases: dozens, not none.
        #expect(Self.cases.count >= 40, "\(Self.cases.count) cases parsed from \(Self.script)")
        #expect(Self.cases.contains { $0.name == "arff-not-a-number" })
    }

    /// The audit's contract: the exit status; on failure one line on standard
    /// error, `mtltree COMMAND: … error: …`, matching the case's pattern; no
    /// file left in the output folder but those the case keeps.
    @Test(arguments: cases)
    func auditCase(_ audit: AuditCase) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Outputs named relative to the folder the script runs each case in.
        var arguments = audit.arguments
        for i in arguments.indices.dropFirst() where ["-o", "--output", "--plot"].contains(arguments[i - 1]) {
            if !arguments[i].hasPrefix("/") && arguments[i] != "-" { arguments[i] = folder + "/" + arguments[i] }
        }
        let result = CLI.run(arguments)
        #expect(audit.statuses.contains(result.status), "exit \(result.status): \(result.stderr)")
        if !audit.statuses.contains(0) {
            let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 2 && lines[1].isEmpty, "not one line: \(result.stderr)")
            #expect(result.stderr.contains(try Regex("^mtltree( [a-z-]+)?: .*error: ")), "\(result.stderr)")
            #expect(result.stderr.contains(try Regex(audit.pattern)), "/\(audit.pattern)/ in \(result.stderr)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(left == audit.keep.sorted())
    }
}
