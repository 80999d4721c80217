import Foundation
import Testing

@testable import MTLTreeCalendar
import MTLTreeKit

/// Expands `rule` from `start` (both as a file writes them) far enough for its COUNT or UNTIL.
private func expand(_ start: String, _ rule: String) throws -> [String] {
    let property = ContentLine(name: "RRULE", parameters: [], value: rule, line: 1)
    let parsed = try RecurrenceRule.parse(property, path: "t.ics")
    guard case .floating(let first) = try ICalendarTime.parse(
        start, property: ContentLine(name: "DTSTART", parameters: [], value: start, line: 1), path: "t.ics")
    else { return [] }
    var until: LocalTime?
    if case .floating(let local) = parsed.until { until = local }
    let limit = LocalTime(date: CivilDate(year: 2040, month: 1, day: 1)!, secondOfDay: 0)
    return try parsed.expand(from: first, until: until, limit: limit, line: 1, path: "t.ics").map {
        "\($0.date) " + ClockTime.format($0.secondOfDay / 60)
    }
}

@Suite("Recurrence rules")
struct RecurrenceRuleTests {
    /// Every RRULE part the reader supports; the expected instances come
    /// from python-dateutil (Tests/Reference/reference_rrule.py), pasted.
    @Test(
        "instances agree with dateutil",
        arguments: [
        ("20240130T090000", "FREQ=DAILY;INTERVAL=3;COUNT=5", ["2024-01-30 09:00", "2024-02-02 09:00", "2024-02-05 09:00", "2024-02-08 09:00", "2024-02-11 09:00"]),
        ("20240206T103000", "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20240220T235959", ["2024-02-06 10:30", "2024-02-08 10:30", "2024-02-13 10:30", "2024-02-15 10:30", "2024-02-20 10:30"]),
        ("20240107T100000", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU;COUNT=6", ["2024-01-07 10:00", "2024-01-08 10:00", "2024-01-21 10:00", "2024-01-22 10:00", "2024-02-04 10:00", "2024-02-05 10:00"]),
        ("20240107T100000", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=MO;COUNT=6", ["2024-01-07 10:00", "2024-01-15 10:00", "2024-01-21 10:00", "2024-01-29 10:00", "2024-02-04 10:00", "2024-02-12 10:00"]),
        ("20240108T140000", "FREQ=MONTHLY;BYDAY=2MO;COUNT=4", ["2024-01-08 14:00", "2024-02-12 14:00", "2024-03-11 14:00", "2024-04-08 14:00"]),
        ("20240126T160000", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=4", ["2024-01-26 16:00", "2024-02-23 16:00", "2024-03-29 16:00", "2024-04-26 16:00"]),
        ("20240131T080000", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4", ["2024-01-31 08:00", "2024-03-31 08:00", "2024-05-31 08:00", "2024-07-31 08:00"]),
        ("20240131T080000", "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", ["2024-01-31 08:00", "2024-02-29 08:00", "2024-03-31 08:00"]),
        ("20240131T170000", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=4", ["2024-01-31 17:00", "2024-02-29 17:00", "2024-03-29 17:00", "2024-04-30 17:00"]),
        ("20240306T120000", "FREQ=YEARLY;BYMONTH=3,9;BYDAY=1WE;COUNT=4", ["2024-03-06 12:00", "2024-09-04 12:00", "2025-03-05 12:00", "2025-09-03 12:00"]),
        ("20240229T090000", "FREQ=YEARLY;COUNT=3", ["2024-02-29 09:00", "2028-02-29 09:00", "2032-02-29 09:00"]),
        ("20240228T090000", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=28,29;COUNT=4", ["2024-02-28 09:00", "2024-02-29 09:00", "2025-02-28 09:00", "2026-02-28 09:00"]),
        ("20240513T090000", "FREQ=YEARLY;BYDAY=20MO;COUNT=3", ["2024-05-13 09:00", "2025-05-19 09:00", "2026-05-18 09:00"]),
        ("20240102T093000", "FREQ=DAILY;BYHOUR=9,14;BYMINUTE=30;COUNT=5", ["2024-01-02 09:30", "2024-01-02 14:30", "2024-01-03 09:30", "2024-01-03 14:30", "2024-01-04 09:30"]),
        ("20240105T110000", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=5,-5;BYMONTH=1,3,7;COUNT=5", ["2024-01-05 11:00", "2024-01-27 11:00", "2024-03-05 11:00", "2024-03-27 11:00", "2024-07-05 11:00"]),
        ])
    func agreesWithDateutil(start: String, rule: String, expected: [String]) throws {
        #expect(try expand(start, rule) == expected)
    }

    @Test("a rule with neither COUNT nor UNTIL stops at the limit; one matching no day ends too")
    func bounded() throws {
        let property = ContentLine(name: "RRULE", parameters: [], value: "FREQ=DAILY", line: 1)
        let start = LocalTime(date: CivilDate(year: 2024, month: 1, day: 1)!, secondOfDay: 0)
        let limit = LocalTime(date: CivilDate(year: 2024, month: 1, day: 10)!, secondOfDay: 0)
        #expect(try RecurrenceRule.parse(property, path: "t").expand(from: start, until: nil, limit: limit, line: 1, path: "t").count == 10)
        let never = ContentLine(name: "RRULE", parameters: [], value: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", line: 1)
        let far = LocalTime(date: CivilDate(year: 9000, month: 1, day: 1)!, secondOfDay: 0)
        #expect(try RecurrenceRule.parse(never, path: "t").expand(from: start, until: nil, limit: far, line: 1, path: "t") == [start])
    }

    @Test(
        "a bad RRULE part is a one-line error at its line",
        arguments: [
            ("FREQ=FORTNIGHTLY", "t.ics:7: error: bad RRULE: FREQ=FORTNIGHTLY is not a frequency (DAILY, WEEKLY, MONTHLY or YEARLY)"),
            ("FREQ=HOURLY", "t.ics:7: error: bad RRULE: FREQ=HOURLY is not supported (DAILY, WEEKLY, MONTHLY or YEARLY)"),
            ("FREQ=WEEKLY;BYDAY=XX", "t.ics:7: error: bad RRULE: BYDAY=XX: 'XX' is not a weekday such as MO, 2TU or -1FR"),
            ("FREQ=MONTHLY;BYMONTHDAY=32", "t.ics:7: error: bad RRULE: BYMONTHDAY=32: '32' is not a whole number in -31...31 other than 0"),
            ("FREQ=DAILY;COUNT=2;UNTIL=20240101", "t.ics:7: error: bad RRULE: COUNT and UNTIL are both given; RFC 5545 allows one"),
            ("INTERVAL=2", "t.ics:7: error: bad RRULE: no FREQ"),
            ("FREQ=DAILY;INTERVAL=0", "t.ics:7: error: bad RRULE: INTERVAL=0: '0' is not a whole number in 1...100000 other than 0"),
            ("FREQ=WEEKLY;BYDAY=2MO", "t.ics:7: error: bad RRULE: BYDAY with an ordinal (2MO) needs FREQ=MONTHLY or YEARLY"),
            ("FREQ=YEARLY;BYWEEKNO=20", "t.ics:7: error: bad RRULE: BYWEEKNO is not supported (FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, BYHOUR, BYMINUTE, BYSECOND, WKST are)"),
            ("FREQ=DAILY;FOO=1", "t.ics:7: error: bad RRULE: unknown part 'FOO'"),
        ])
    func badParts(rule: String, message: String) throws {
        let property = ContentLine(name: "RRULE", parameters: [], value: rule, line: 7)
        let error = try #require(throws: MTLError.self) { try RecurrenceRule.parse(property, path: "t.ics") }
        #expect(error.description == message)
        #expect(error.kind == .badData)
    }
}
