import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

/// Calendars on the command line: .ics by extension, the calendar options and their errors.
struct CalendarDataTests {
    @Test func anICSFileIsACalendarByItsExtensionAndSaysWhatItRead() {
        let path = CLI.fixture("calendar/ics/outlook.ics")
        let run = CLI.run(["describe", path, "--time-zone", "Europe/Berlin", "--owner", "ada@example.edu"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("outlook: 3 rows, 15 columns (11 inputs, 4 tasks, 0 ignored)"))
        #expect(run.stderr == "read 3 meetings from \(path) (2 from recurring series, expanded to 2024-04-03) in Europe/Berlin for ada@example.edu; skipped 2 cancelled\n")
    }

    @Test func allDayEventsAreCountedOrKept() {
        let path = CLI.fixture("calendar/ics/google.ics")
        let skipped = CLI.run(["describe", path, "--calendar"])
        #expect(skipped.stderr.contains("; skipped 1 all-day event (--all-day keep keeps them)\n"))
        #expect(skipped.stdout.hasPrefix("google: 4 rows"))
        let kept = CLI.run(["describe", path, "--calendar", "--all-day", "keep"])
        #expect(kept.stdout.hasPrefix("google: 5 rows") && !kept.stderr.contains("skipped"))
    }

    @Test(arguments: [
        (["describe", "FIX/calendar/ics/google.ics", "--all-day", "some"], 64, "mtltree describe: error: --all-day takes skip or keep, not 'some'"),
        (["describe", "FIX/calendar/ics/google.ics", "--time-zone", "Nowhere/Atlantis"], 64, "mtltree describe: error: unknown time zone 'Nowhere/Atlantis': neither the system nor the file defines it"),
        (["describe", "FIX/data/bridges.arff", "--calendar"], 64, "FIX/data/bridges.arff: error: this is an ARFF file, but a calendar is read from a meeting log (CSV) or an iCalendar file; read it as ARFF, without the calendar format"),
        (["describe", "x.dat"], 64, "mtltree describe: error: cannot tell the format of 'x.dat' from the extension '.dat'; name its format: csv, arff or calendar"),
    ])
    func badCalendarOptions(arguments: [String], status: Int32, line: String) {
        let root = CLI.fixture("") + "/"
        let run = CLI.run(arguments.map { $0.replacingOccurrences(of: "FIX/", with: root) })
        #expect(run.status == status)
        #expect(run.stderr.contains(line.replacingOccurrences(of: "FIX/", with: root)), "\(run.stderr)")
    }
}
