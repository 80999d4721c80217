import MTLTreeKit

/// A person an event names: its ORGANIZER or one of its ATTENDEEs.
struct CalendarPerson: Sendable {
    /// The address without `mailto:`, lowercased; "" if the value has none.
    var address: String
    /// The `CN` parameter (the display name), if any.
    var name: String?
    /// `PARTSTAT`, lowercased; RFC 5545's default `needs-action` if absent.
    var participation: String
    /// `ROLE`, lowercased; RFC 5545's default `req-participant` if absent.
    var role: String

    init(_ property: ContentLine) {
        var value = property.value.trimmingSpaces
        if value.lowercased().hasPrefix("mailto:") { value = String(value.dropFirst(7)) }
        address = value.lowercased()
        name = property.parameter("CN").map { $0.trimmingSpaces }.flatMap { $0.isEmpty ? nil : $0 }
        participation = property.parameter("PARTSTAT")?.lowercased() ?? "needs-action"
        role = property.parameter("ROLE")?.lowercased() ?? "req-participant"
    }

    /// The part of the address after `@`, or `nil`.
    var domain: String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : String(domain)
    }
}

/// One VEVENT as read from the file: a single meeting, the master of a
/// recurring series, or an overridden instance (with `RECURRENCE-ID`).
struct CalendarEvent: Sendable {
    /// The line of its `BEGIN:VEVENT`.
    var line: Int
    var uid: String
    var start: ICalendarTime
    var startLine: Int
    /// `DTEND`, if given.
    var end: ICalendarTime?
    /// `DURATION` in seconds, if given.
    var duration: Int?
    var rule: RecurrenceRule?
    var ruleLine = 0
    /// `RDATE` values (a PERIOD's start) and `EXDATE` values, each with its line.
    var extraDates: [(time: ICalendarTime, line: Int)] = []
    var excludedDates: [(time: ICalendarTime, line: Int)] = []
    var recurrenceID: ICalendarTime?
    var recurrenceIDLine = 0
    var cancelled = false
    var location: String?
    var organizer: CalendarPerson?
    var attendees: [CalendarPerson] = []
    var categories: [String] = []
    /// `CREATED`, seconds since the Unix epoch (a floating value read as UTC).
    var created: Int?

    /// Whether the event starts a series (RRULE or RDATE).
    var isSeries: Bool { rule != nil || !extraDates.isEmpty }

    /// Reads a VEVENT's properties; unknown and `X-` properties are ignored.
    ///
    /// - Throws: ``MTLError`` (`.badData`) at the line of a malformed value,
    ///   a missing DTSTART, or a DTEND before the DTSTART.
    init(_ component: Component, path: String) throws(MTLError) {
        line = component.line
        guard let startProperty = component.first("DTSTART") else {
            throw MTLError(.badData, "VEVENT has no DTSTART", file: path, line: component.line)
        }
        start = try ICalendarTime.parse(startProperty, path: path)
        startLine = startProperty.line
        uid = component.first("UID")?.value.trimmingSpaces ?? ""
        if uid.isEmpty { uid = "line-\(component.line)" }
        for property in component.properties {
            switch property.name {
            case "DTEND": end = try ICalendarTime.parse(property, path: path)
            case "DURATION": duration = try ICalendarTime.parseDuration(property.value, line: property.line, path: path)
            case "RRULE":
                guard rule == nil else {
                    throw MTLError(.badData, "a second RRULE in one VEVENT is not supported", file: path, line: property.line)
                }
                rule = try RecurrenceRule.parse(property, path: path)
                ruleLine = property.line
            case "RDATE", "EXDATE":
                for item in property.value.split(separator: ",") {
                    let text = item.split(separator: "/").first.map(String.init) ?? ""  // a PERIOD's start
                    let time = try ICalendarTime.parse(text, property: property, path: path)
                    if property.name == "RDATE" { extraDates.append((time, property.line)) } else {
                        excludedDates.append((time, property.line))
                    }
                }
            case "RECURRENCE-ID":
                recurrenceID = try ICalendarTime.parse(property, path: path)
                recurrenceIDLine = property.line
            case "STATUS": cancelled = property.value.trimmingSpaces.uppercased() == "CANCELLED"
            case "LOCATION": location = ContentLines.unescapeText(property.value)
            case "ORGANIZER": organizer = CalendarPerson(property)
            case "ATTENDEE": attendees.append(CalendarPerson(property))
            case "CATEGORIES":
                categories += ContentLines.splitTextList(property.value).map { $0.trimmingSpaces.lowercased() }
                    .filter { !$0.isEmpty }
            case "CREATED":
                switch try ICalendarTime.parse(property, path: path) {
                case .utc(let instant): created = instant
                case .floating(let local), .zoned(let local, _): created = local.seconds
                case .date(let day): created = day.daysSinceEpoch * 86_400
                }
            default: break
            }
        }
        if let end, end.isDate != start.isDate {
            throw MTLError(
                .badData, "DTEND is " + (end.isDate ? "a date" : "a date-time") + " but DTSTART is "
                    + (start.isDate ? "a date" : "a date-time"), file: path, line: component.first("DTEND")?.line ?? line)
        }
        if let duration, duration < 0 {
            throw MTLError(.badData, "DURATION is negative", file: path, line: component.first("DURATION")?.line ?? line)
        }
    }
}

extension ICalendarTime {
    /// Whether this is a whole day (`VALUE=DATE`).
    var isDate: Bool {
        if case .date = self { return true }
        return false
    }
}
