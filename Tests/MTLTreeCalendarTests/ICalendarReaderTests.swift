import Foundation
import TestSupport
import Testing

@testable import MTLTreeCalendar
import MTLTreeKit

/// The instances of an iCalendar file as (UTC start, owner's local start, minutes), formatted.
private func instances(_ path: String, zone: String, keepAllDay: Bool = false, until: String? = nil) throws
    -> (rows: [String], report: CalendarReadReport)
{
    let reader = ICalendarReader(path: path, options: CalendarOptions(timeZone: zone, keepAllDay: keepAllDay, until: until))
    let (found, _, report) = try reader.read()
    let rows = found.map { i in
        let utc = LocalTime(seconds: i.utc)
        return "\(utc.date) \(ClockTime.format(utc.secondOfDay / 60))Z \(i.local.date) \(ClockTime.format(i.local.secondOfDay / 60)) \(i.seconds / 60)"
    }
    return (rows, report)
}

/// Each row's text in column `name`.
private func labels(_ dataset: Dataset, _ name: String) -> [String?] {
    guard let column = dataset[name] else { return [] }
    return (0..<dataset.rowCount).map { column.text(atRow: $0) }
}

/// A minimal calendar around `events` (content lines joined with CRLF).
private func calendar(_ lines: [String]) -> String {
    (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"] + lines + ["END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
}

@Suite("iCalendar reader")
struct ICalendarReaderTests {
    /// Google's shape: X-WR-TIMEZONE, IANA TZIDs, folded ATTENDEE lines, a
    /// weekly series over the US change to daylight saving (2024-03-10),
    /// an EXDATE, a moved instance, a UTC single event, an all-day event.
    /// Expected by hand: 15:00 EST is 20:00Z, 15:00 EDT is 19:00Z.
    @Test("Google Calendar export: series across DST, EXDATE, moved instance, UTC event, all-day skipped")
    func google() throws {
        let (rows, report) = try instances(FixturePaths.calendar("ics/google.ics"), zone: "America/New_York")
        #expect(rows == [
            "2024-03-04 20:00Z 2024-03-04 15:00 60",
            "2024-03-13 14:00Z 2024-03-13 10:00 60",  // the 11th's instance, moved
            "2024-03-25 19:00Z 2024-03-25 15:00 60",  // after DST: same wall time, an hour earlier in UTC
            "2024-03-29 17:00Z 2024-03-29 13:00 30",
        ])
        #expect(report.allDaySkipped == 1 && report.cancelledSkipped == 0 && report.recurringMeetings == 3)

        let kept = try instances(FixturePaths.calendar("ics/google.ics"), zone: "America/New_York", keepAllDay: true)
        #expect(kept.rows.count == 5 && kept.report.allDaySkipped == 0)
        #expect(kept.rows[2] == "2024-03-20 04:00Z 2024-03-20 00:00 1440")
    }

    @Test("Google Calendar export: the derived tasks and inputs")
    func googleDataset() throws {
        let d = try CalendarLog.read(
            path: FixturePaths.calendar("ics/google.ics"), options: ReadOptions(), calendar: CalendarOptions())
        #expect(d.taskIndices.map { d.columns[$0].name } == CalendarLog.taskNames)
        #expect(labels(d, "location") == ["ghc 8102, gates hillman", "nsh 3305", "ghc 8102, gates hillman", "skibo cafe"])
        #expect(labels(d, "time_of_day") == ["afternoon", "morning", "afternoon", "midday"])
        #expect(labels(d, "day_of_week") == ["mon", "wed", "mon", "fri"])
        #expect(labels(d, "duration") == ["60", "60", "60", "30"])
        #expect(labels(d, "owner_role") == ["organizer", "organizer", "organizer", "attendee"])
        #expect(labels(d, "attendee") == ["Bob Baker", nil, "Bob Baker", "Carol"])  // the override lists no attendees
        #expect(labels(d, "attendee_domain") == ["example.edu", nil, "example.edu", "other.org"])
        #expect(labels(d, "outside_domain") == ["no", nil, "no", "yes"])
        #expect(labels(d, "attendee_partstat") == ["accepted", nil, "accepted", nil])
        #expect(labels(d, "recurring") == ["yes", "yes", "yes", "no"])
        #expect(labels(d, "lead_time") == ["over-4-weeks", nil, "over-4-weeks", nil])  // created 2024-02-01
        #expect(labels(d, "semester") == ["spring-2024", "spring-2024", "spring-2024", "spring-2024"])
        #expect(d["num_attendees"]?.numeric == [2, 1, 2, 2])
    }

    /// Outlook's shape: a Windows zone name quoted in TZID and defined by a
    /// VTIMEZONE (last Sunday of March/October), a cancelled instance, a
    /// cancelled event, escapes, a folded DESCRIPTION, X- properties, a VALARM.
    /// Europe switched on 2024-03-31: 09:00 CET is 08:00Z, 09:00 CEST 07:00Z.
    @Test("Outlook export: Windows zone via VTIMEZONE, cancelled instance and event")
    func outlook() throws {
        let (rows, report) = try instances(FixturePaths.calendar("ics/outlook.ics"), zone: "Europe/Berlin")
        #expect(rows == [
            "2024-03-18 08:00Z 2024-03-18 09:00 60",
            "2024-04-01 07:00Z 2024-04-01 09:00 60",
            "2024-04-03 12:00Z 2024-04-03 14:00 30",
        ])
        #expect(report.cancelledSkipped == 2)
        let d = try CalendarLog.read(
            path: FixturePaths.calendar("ics/outlook.ics"), options: ReadOptions(),
            calendar: CalendarOptions(timeZone: "Europe/Berlin", owner: "ADA@example.edu"))
        #expect(labels(d, "location") == ["room 1; building b", "room 1; building b", "room 1; building b"])
        #expect(labels(d, "owner_role") == ["attendee", "attendee", "organizer"])
        #expect(labels(d, "attendee") == ["Meier, Jana", "Meier, Jana", "Jan de Vries"])
        #expect(labels(d, "attendee_role") == ["chair", "chair", "opt-participant"])
        #expect(labels(d, "categories") == [nil, nil, "project x+red category"])
        #expect(labels(d, "outside_domain") == ["yes", "yes", "no"])
    }

    /// Apple's shape: X-WR-TIMEZONE (the owner's zone when none is given),
    /// a monthly BYDAY=2TU series with a UTC UNTIL and an RDATE across the UK
    /// change (2024-03-31), a yearly all-day birthday, quoted parameters, a
    /// LOCATION with an escaped line break. 14:00 GMT is 14:00Z, 14:00 BST 13:00Z.
    @Test("Apple Calendar export: monthly series with UNTIL and RDATE, zone from X-WR-TIMEZONE")
    func apple() throws {
        let path = FixturePaths.calendar("ics/apple.ics")
        let reader = ICalendarReader(path: path, options: CalendarOptions())
        let (found, _, report) = try reader.read()
        #expect(report.timeZone == "Europe/London" && report.allDaySkipped == 1)
        #expect(found.count == 6)
        let (rows, _) = try instances(path, zone: "Europe/London")
        #expect(rows == [
            "2024-03-12 14:00Z 2024-03-12 14:00 60", "2024-03-20 10:00Z 2024-03-20 10:00 60",
            "2024-04-09 13:00Z 2024-04-09 14:00 60", "2024-05-14 13:00Z 2024-05-14 14:00 60",
            "2024-06-11 13:00Z 2024-06-11 14:00 60", "2024-06-14 08:00Z 2024-06-14 09:00 30",
        ])
        let d = try CalendarLog.read(path: path, options: ReadOptions(), calendar: CalendarOptions())
        #expect(labels(d, "location") == Array(repeating: "library seminar room 2", count: 5) + ["café nero"])
        #expect(labels(d, "owner_role") == Array(repeating: "attendee", count: 5) + ["organizer"])
        #expect(labels(d, "attendee") == Array(repeating: "Grace Hopper", count: 5) + [nil])
        #expect(labels(d, "attendee_role") == Array(repeating: "chair", count: 5) + [nil])
        #expect(labels(d, "outside_domain") == Array(repeating: "yes", count: 5) + [nil])
        #expect(labels(d, "lead_time") == ["1-4-weeks", "1-4-weeks", "over-4-weeks", "over-4-weeks", "over-4-weeks", "same-day"])
        #expect(d["num_attendees"]?.numeric == [2, 2, 2, 2, 2, 1])
    }

    /// Thunderbird's shape: a VTIMEZONE with X-LIC-LOCATION, a last-Friday
    /// series (BYDAY=FR;BYSETPOS=-1) with a DURATION and a UTC EXDATE, escaped
    /// commas in CATEGORIES, a folded CN. Read in Los Angeles, where daylight
    /// saving starts three weeks before Berlin's: 17:00 CET is 08:00 PST but
    /// 09:00 PDT; 08:00 CEST on a Tuesday is 23:00 PDT on the Monday.
    @Test("Thunderbird export: last-Friday series read in another zone, a meeting that changes day")
    func thunderbird() throws {
        let path = FixturePaths.calendar("ics/thunderbird.ics")
        let (rows, _) = try instances(path, zone: "America/Los_Angeles")
        #expect(rows == [
            "2024-01-26 16:00Z 2024-01-26 08:00 90", "2024-03-29 16:00Z 2024-03-29 09:00 90",
            "2024-04-26 15:00Z 2024-04-26 08:00 90", "2024-04-30 06:00Z 2024-04-29 23:00 60",
        ])
        let d = try CalendarLog.read(
            path: path, options: ReadOptions(), calendar: CalendarOptions(timeZone: "America/Los_Angeles"))
        #expect(labels(d, "day_of_week") == ["fri", "fri", "fri", "mon"])
        #expect(labels(d, "time_of_day") == ["early", "morning", "early", "late"])
        #expect(labels(d, "categories") == ["review+work,team", "review+work,team", "review+work,team", nil])
        #expect(labels(d, "attendee") == ["Kurt Gödel", "Kurt Gödel", "Kurt Gödel", nil])
        #expect(labels(d, "attendee_partstat") == ["declined", "declined", "declined", nil])
        #expect(labels(d, "owner_role") == ["organizer", "organizer", "organizer", "absent"])
    }

    @Test("a zone only the file's VTIMEZONE defines, with a change inside a daily series; owner in UTC")
    func privateZone() throws {
        let text = calendar([
            "BEGIN:VTIMEZONE", "TZID:Lab Time", "BEGIN:STANDARD", "DTSTART:20001029T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "TZOFFSETFROM:+0400", "TZOFFSETTO:+0300", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:20000326T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "TZOFFSETFROM:+0300", "TZOFFSETTO:+0400", "END:DAYLIGHT", "END:VTIMEZONE",
            "BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Lab Time:20241026T100000", "DURATION:PT45M",
            "RRULE:FREQ=DAILY;COUNT=3", "END:VEVENT",
            "BEGIN:VEVENT", "UID:b", "DTSTART:20241030T000000Z", "DTEND:20241030T010000Z", "END:VEVENT",
        ])
        let (rows, _) = try instances(try FixturePaths.scratch("lab.ics", text), zone: "UTC")
        // 2024-10-27 is the last Sunday of October: +0400 before 03:00 local, +0300 after.
        #expect(rows == [
            "2024-10-26 06:00Z 2024-10-26 06:00 45", "2024-10-27 07:00Z 2024-10-27 07:00 45",
            "2024-10-28 07:00Z 2024-10-28 07:00 45", "2024-10-30 00:00Z 2024-10-30 00:00 60",
        ])
    }

    @Test("series stop at the last single event's day, or at the until day")
    func horizon() throws {
        let text = calendar([
            "BEGIN:VEVENT", "UID:s", "DTSTART:20240101T090000", "DTEND:20240101T100000", "RRULE:FREQ=DAILY", "END:VEVENT",
            "BEGIN:VEVENT", "UID:t", "DTSTART:20240103T120000", "DTEND:20240103T130000", "END:VEVENT",
        ])
        let path = try FixturePaths.scratch("h.ics", text)
        #expect(try instances(path, zone: "UTC").rows.count == 4)  // Jan 1, 2, 3 and the single
        #expect(try instances(path, zone: "UTC", until: "2024-01-10").rows.count == 11)
    }

    @Test("rows are in order of start, then UID; floating times are the owner's wall clock")
    func order() throws {
        let text = calendar([
            "BEGIN:VEVENT", "UID:zz", "DTSTART:20240105T090000", "END:VEVENT",
            "BEGIN:VEVENT", "UID:aa", "DTSTART:20240105T090000", "END:VEVENT",
            "BEGIN:VEVENT", "UID:mm", "DTSTART:20240104T090000", "END:VEVENT",
        ])
        let (found, events, _) = try ICalendarReader(
            path: try FixturePaths.scratch("o.ics", text), options: CalendarOptions(timeZone: "Asia/Tokyo")
        ).read()
        #expect(found.map { events[$0.event].uid } == ["mm", "aa", "zz"])
        #expect(found.map { ClockTime.format($0.local.secondOfDay / 60) } == ["09:00", "09:00", "09:00"])
    }

    @Test(
        "bad input is a one-line error naming the file and line",
        arguments: [
            (["BEGIN:VEVENT", "UID:x", "DTSTART:20240101T090000"], 7, "END:VCALENDAR while VEVENT (begun on line 4) is still open"),
            (["BEGIN:VEVENT", "UID:x", "DTSTART:20241301T090000", "END:VEVENT"], 6, "bad date '20241301T090000' in DTSTART: expected YYYYMMDD or YYYYMMDDTHHMMSS, optionally ending in Z"),
            (["BEGIN:VEVENT", "DTSTART:20240101T090000", "RRULE:FREQ=WEEKLY;BYDAY=MO;BYSETPOS=x", "END:VEVENT"], 6, "bad RRULE: BYSETPOS=X: 'X' is not a whole number in -366...366 other than 0"),
            (["BEGIN:VEVENT", "DTSTART;TZID=Nowhere/Atlantis:20240101T090000", "END:VEVENT"], 5, "unknown time zone 'Nowhere/Atlantis': the file has no VTIMEZONE for it and the system does not know it"),
            (["BEGIN:VEVENT", "DTSTART:20240101T090000", "DTEND:20240101T080000", "END:VEVENT"], 5, "DTEND is before DTSTART"),
            (["BEGIN:VEVENT", "DTSTART:20240101T090000", "END:VTODO"], 6, "END:VTODO while VEVENT (begun on line 4) is still open"),
            (["BEGIN:VEVENT", "no colon here", "END:VEVENT"], 5, "expected a content line NAME:VALUE, found 'no colon here'"),
            (["BEGIN:VEVENT", "UID:x", "END:VEVENT"], 4, "VEVENT has no DTSTART"),
            (["BEGIN:VEVENT", "DTSTART:20240101T090000", "DURATION:PT1X", "END:VEVENT"], 6, "bad duration 'PT1X': expected a form like PT1H30M, P1D or P2W"),
        ])
    func badInput(lines: [String], line: Int, message: String) throws {
        let path = try FixturePaths.scratch("bad.ics", calendar(lines))
        let error = try #require(throws: MTLError.self) {
            try CalendarLog.read(path: path, options: ReadOptions(), calendar: CalendarOptions(timeZone: "UTC"))
        }
        #expect(error.description == "\(path):\(line): error: \(message)")
        #expect(error.kind == .badData)
    }

    @Test("a file that ends inside a component names the BEGIN's line")
    func unterminated() throws {
        let path = try FixturePaths.scratch("cut.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20240101T090000Z\r\n")
        let error = try #require(throws: MTLError.self) { try ICalendarReader(path: path, options: CalendarOptions()).read() }
        #expect(error.description == "\(path):2: error: BEGIN:VEVENT is never ended (the file ends without END:VEVENT)")
    }

    @Test("content lines: folding with a space or a tab, quoted parameters, TEXT escapes, bare LF line ends")
    func contentLines() throws {
        let text = "BEGIN:VCALENDAR\nX-A;P=\"a;b:c\";Q=1:v\n al\n\tue\nLOCATION:x\\, y\\; z\\\\w\\nq\nEND:VCALENDAR\n"
        let lines = try ContentLines.parse(Array(text.utf8), path: "t")
        #expect(lines.map(\.name) == ["BEGIN", "X-A", "LOCATION", "END"])
        #expect(lines[1].value == "value" && lines[1].parameter("P") == "a;b:c" && lines[1].parameter("Q") == "1")
        #expect(lines[2].line == 5 && ContentLines.unescapeText(lines[2].value) == "x, y; z\\w\nq")
        #expect(ContentLines.splitTextList("a\\,b,c") == ["a,b", "c"])
    }

    @Test("several VCALENDARs in one file are one calendar; unknown components are skipped")
    func severalCalendars() throws {
        let one = calendar(["BEGIN:VTODO", "DTSTART:garbage", "END:VTODO", "BEGIN:VEVENT", "DTSTART:20240102T100000Z", "END:VEVENT"])
        let two = calendar(["BEGIN:VEVENT", "DTSTART:20240101T100000Z", "END:VEVENT"])
        let (rows, _) = try instances(try FixturePaths.scratch("two.ics", one + two), zone: "UTC")
        #expect(rows == ["2024-01-01 10:00Z 2024-01-01 10:00 0", "2024-01-02 10:00Z 2024-01-02 10:00 0"])
    }
}
