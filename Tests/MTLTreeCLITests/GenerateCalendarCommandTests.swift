import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

struct GenerateCalendarCommandTests {
    @Test func writesTheRequestedNumberOfMeetings() {
        let run = CLI.run(["generate-calendar", "--meetings", "5", "--seed", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 6)
    }

    @Test func writesICalendarWithFormatICS() {
        let run = CLI.run(["generate-calendar", "--meetings", "5", "--seed", "3", "--format", "ics"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && run.stdout.hasSuffix("END:VCALENDAR\r\n"))
        #expect(run.stdout.components(separatedBy: "BEGIN:VEVENT").count - 1 == 5)
        expectError(CLI.run(["generate-calendar", "--format", "xml"]), 64, "mtltree generate-calendar: error: --format takes csv or ics, not 'xml'")
    }

    /// It takes no positional argument: a stray word (a forgotten -o, say) is an error, not ignored.
    @Test(arguments: [
        (["generate-calendar", "log.csv"], "mtltree generate-calendar: error: unexpected argument 'log.csv'"),
        (["generate-calendar", "--meetings", "5", "--", "-x"], "mtltree generate-calendar: error: unexpected argument '-x'"),
        (["generate-calendar", "--meeting", "5"], "mtltree generate-calendar: error: unknown option '--meeting'; did you mean '--meetings'?"),
    ])
    func strayArgumentsAreUsageErrors(arguments: [String], line: String) {
        expectError(CLI.run(arguments), 64, line)
    }
}
