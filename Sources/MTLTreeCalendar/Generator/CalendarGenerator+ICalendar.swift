import MTLTreeKit

/// The generated log as an iCalendar file, the way a calendar program would
/// hold it: the regular meetings (classes, seminars, committees) as weekly
/// series with exceptions, in a zone with daylight saving.
extension CalendarGenerator {
    /// The zone the log's wall-clock times are in (Pittsburgh's, as CAP's user's were).
    static let zoneName = "America/New_York"

    /// The owner's address, the ORGANIZER of every meeting.
    static let ownerAddress = "owner@cs.example.edu"

    /// The log as iCalendar text (RFC 5545, CRLF line ends) holding exactly
    /// the meetings of ``csv()``: reading it back gives the same days, start
    /// times, lengths and locations.
    ///
    /// Meetings of a kind that recurs (all but interviews and defenses) with
    /// the same weekday, start, length and room in three or more weeks, no
    /// more than four weeks apart, become one weekly series (`RRULE` with
    /// `COUNT`): classes, seminars, committees, lab meetings. A week the
    /// series skips is an `EXDATE`, unless a meeting of the same kind
    /// happened elsewhere or at another time that week, which becomes an
    /// overridden instance (`RECURRENCE-ID`), as a moved meeting is in a
    /// real calendar; an instance with other attendees than the first is an
    /// overridden instance at its own time. Every other meeting is a single
    /// VEVENT. Times carry `TZID=America/New_York`, defined by a VTIMEZONE
    /// block, so series cross the changes of daylight saving. The event type
    /// is CATEGORIES, the attendee an ATTENDEE (address at their
    /// department), the owner the ORGANIZER.
    ///
    /// - Precondition: The configuration is valid (``Configuration/validate()``).
    /// - Complexity: O(meetings × log meetings).
    public func iCalendar() -> String {
        let rows = rows()
        var series = Self.findSeries(rows)
        var inSeries = Set<Int>()
        for s in series { inSeries.formUnion(s.members.values) }
        // A skipped week with a meeting of the same kind and attendee becomes a moved instance.
        for (i, row) in rows.enumerated() where !inSeries.contains(i) {
            let week = Self.week(of: row.date)
            if let s = series.indices.first(where: { k in
                series[k].key.event == row.event
                    && (series[k].firstWeek...series[k].lastWeek).contains(week) && series[k].members[week] == nil
                    && series[k].moved[week] == nil
            }) {
                series[s].moved[week] = i
                inSeries.insert(i)
            }
        }
        var out = ICalendarText()
        out.line("BEGIN:VCALENDAR")
        out.line("VERSION:2.0")
        out.line("PRODID:-//mtltree//generate-calendar//EN")
        out.line("CALSCALE:GREGORIAN")
        out.line("X-WR-CALNAME:meetings (seed \(configuration.seed))")
        out.line("X-WR-TIMEZONE:\(Self.zoneName)")
        for line in Self.newYorkZone { out.line(line) }
        var uid = 0
        for (i, row) in rows.enumerated() where !inSeries.contains(i) {
            uid += 1
            Self.event(row, uid: uid, into: &out) { _ in }
        }
        for s in series {
            uid += 1
            let first = rows[s.members[s.firstWeek]!]
            let weeks = s.lastWeek - s.firstWeek + 1
            Self.event(first, uid: uid, into: &out) { out in
                out.line("RRULE:FREQ=WEEKLY;COUNT=\(weeks);BYDAY=\(RecurrenceRule.weekdayCodes[first.date.weekday])")
                let skipped = (s.firstWeek...s.lastWeek).filter { s.members[$0] == nil && s.moved[$0] == nil }
                if !skipped.isEmpty {
                    let dates = skipped.map { Self.stamp(Self.slot(of: first, inWeek: $0), first.start) }
                    out.line("EXDATE;TZID=\(Self.zoneName):" + dates.joined(separator: ","))
                }
            }
            // Instances with other attendees than the first keep their time but override who comes.
            var changed = s.moved
            for (week, i) in s.members where rows[i].attendee != first.attendee || rows[i].attendees != first.attendees {
                changed[week] = i
            }
            for (week, i) in changed.sorted(by: { $0.key < $1.key }) {
                let id = Self.stamp(Self.slot(of: first, inWeek: week), first.start)
                Self.event(rows[i], uid: uid, into: &out) { out in
                    out.line("RECURRENCE-ID;TZID=\(Self.zoneName):\(id)")
                }
            }
        }
        out.line("END:VCALENDAR")
        return out.text
    }

    /// A weekly series found in the log: its rows by week.
    struct Series {
        var key: SeriesKey
        var members: [Int: Int] = [:]
        var moved: [Int: Int] = [:]
        var firstWeek: Int
        var lastWeek: Int
    }

    struct SeriesKey: Hashable {
        var event: String
        var weekday: Int
        var start: Int
        var duration: Int
        var location: String
    }

    /// Runs of three or more meetings with the same key in distinct weeks, at most four weeks apart.
    static func findSeries(_ rows: [LogRow]) -> [Series] {
        var groups: [SeriesKey: [Int]] = [:]
        var order: [SeriesKey] = []
        for (i, row) in rows.enumerated() where !["interview", "defense"].contains(row.event) {
            let key = SeriesKey(
                event: row.event, weekday: row.date.weekday, start: row.start,
                duration: row.duration, location: row.location)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(i)
        }
        var found: [Series] = []
        for key in order {
            var run: [Int: Int] = [:]
            var last = Int.min / 2
            func close() {
                if run.count >= 3 {
                    found.append(Series(key: key, members: run, firstWeek: run.keys.min()!, lastWeek: run.keys.max()!))
                }
                run = [:]
            }
            for i in groups[key]! {
                let week = week(of: rows[i].date)
                if week == last { continue }  // a second one that week stays single
                if week - last > 4 { close() }
                run[week] = i
                last = week
            }
            close()
        }
        return found
    }

    /// Weeks (Monday to Sunday) since the one holding 1970-01-01.
    static func week(of date: CivilDate) -> Int { LocalTime.floorDiv(date.daysSinceEpoch + 3, 7) }

    /// The day of `row`'s weekday in week `week`.
    static func slot(of row: LogRow, inWeek week: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: week * 7 - 3 + row.date.weekday)
    }

    /// `YYYYMMDDTHHMMSS` for a day and minutes after midnight.
    static func stamp(_ date: CivilDate, _ minutes: Int) -> String {
        CivilDate.pad(date.year, 4) + CivilDate.pad(date.month, 2) + CivilDate.pad(date.day, 2) + "T"
            + CivilDate.pad(minutes / 60, 2) + CivilDate.pad(minutes % 60, 2) + "00"
    }

    /// Writes one VEVENT for `row`; `extra` adds the recurrence lines.
    static func event(_ row: LogRow, uid: Int, into out: inout ICalendarText, extra: (inout ICalendarText) -> Void) {
        out.line("BEGIN:VEVENT")
        out.line("UID:meeting-\(uid)@mtltree.example")
        out.line("DTSTAMP:20250601T000000Z")
        out.line("DTSTART;TZID=\(zoneName):" + stamp(row.date, row.start))
        out.line("DTEND;TZID=\(zoneName):" + stamp(row.date, row.start + row.duration))
        extra(&out)
        out.line("SUMMARY:" + ICalendarText.escape(row.event + (row.attendee[0] == "?" ? "" : " with " + row.attendee[0])))
        out.line("LOCATION:" + ICalendarText.escape(row.location))
        out.line("CATEGORIES:" + ICalendarText.escape(row.event))
        out.line("ORGANIZER;CN=Owner:mailto:" + ownerAddress)
        if row.attendee[0] != "?" {
            let department = row.attendee[2] == "?" ? "" : row.attendee[2] + "."
            out.line("ATTENDEE;CN=\(row.attendee[0]);ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:\(row.attendee[0])@\(department)example.edu")
        }
        out.line("END:VEVENT")
    }

    /// America/New_York since 2007: daylight time from the second Sunday of
    /// March, standard time from the first Sunday of November, both at 02:00.
    static let newYorkZone = [
        "BEGIN:VTIMEZONE", "TZID:America/New_York", "X-LIC-LOCATION:America/New_York",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT", "DTSTART:20070311T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "TZNAME:EST", "DTSTART:20071104T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD", "END:VTIMEZONE",
    ]
}

/// iCalendar text being written: content lines folded at 75 octets, CRLF ends.
struct ICalendarText {
    private(set) var text = ""

    /// Appends one content line, folded so no physical line exceeds 75
    /// octets (RFC 5545 §3.1), never inside a UTF-8 sequence.
    mutating func line(_ content: String) {
        var octets = 0
        for scalar in content.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > 75 {
                text += "\r\n "
                octets = 1
            }
            text.unicodeScalars.append(scalar)
            octets += size
        }
        text += "\r\n"
    }

    /// `value` as TEXT: backslash, semicolon, comma and line breaks escaped.
    static func escape(_ value: String) -> String {
        var out = ""
        for c in value {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }
}
