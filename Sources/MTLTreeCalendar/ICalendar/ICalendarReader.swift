import Foundation
import MTLTreeKit

/// Reads an iCalendar file (RFC 5545) into meetings: every VEVENT, every
/// instance of a recurring series, in the owner's time zone.
struct ICalendarReader {
    var path: String
    var options: CalendarOptions

    /// One meeting to become a row.
    struct Instance {
        /// Sort key: the UTC start (for a floating or all-day time, read in the owner's zone).
        var utc: Int
        /// The start on the owner's clock.
        var local: LocalTime
        /// Length in seconds.
        var seconds: Int
        /// The VEVENT whose properties describe it (an override's own).
        var event: Int
        var recurring: Bool
        var allDay: Bool
    }

    /// The file's meetings in chronological order (start, then UID), the
    /// events they come from, and what was skipped.
    func read() throws -> (instances: [Instance], events: [CalendarEvent], report: CalendarReadReport) {
        let bytes = try Self.contents(of: path)
        let calendars = try Component.parse(try ContentLines.parse(bytes, path: path), path: path)
        guard !calendars.isEmpty else {
            throw MTLError(.badData, "no calendar in the file: expected BEGIN:VCALENDAR", file: path, line: 1)
        }
        var definitions: [String: Component] = [:]
        var events: [CalendarEvent] = []
        var calendarZone: ContentLine?
        for calendar in calendars {
            if calendarZone == nil { calendarZone = calendar.first("X-WR-TIMEZONE") }
            for child in calendar.children {
                if child.name == "VTIMEZONE", let id = child.first("TZID")?.value.trimmingSpaces,
                    definitions[id] == nil
                {
                    definitions[id] = child
                } else if child.name == "VEVENT" {
                    events.append(try CalendarEvent(child, path: path))
                }
            }
        }
        let until = try options.untilDate()
        var years = Self.years(of: events, until: until)
        var zones = ZoneResolver(definitions: definitions, years: years, path: path)

        // The owner's zone: the option, else X-WR-TIMEZONE, else the machine's.
        let ownerZoneName: String
        let owner: ZoneRules
        if let name = options.timeZone {
            ownerZoneName = name
            guard let rules = try zones.rules(forOwner: name) else {
                throw MTLError(.usage, "unknown time zone '\(name)': neither the system nor the file defines it")
            }
            owner = rules
        } else if let property = calendarZone, !property.value.trimmingSpaces.isEmpty {
            ownerZoneName = property.value.trimmingSpaces
            guard let rules = try zones.rules(forOwner: ownerZoneName) else {
                throw MTLError(
                    .badData, "unknown time zone '\(ownerZoneName)' in X-WR-TIMEZONE: neither the system nor the file defines it",
                    file: path, line: property.line)
            }
            owner = rules
        } else {
            ownerZoneName = TimeZone.current.identifier
            owner = ZoneRules.system(TimeZone.current, years: years)
        }

        // Series are expanded to the end of `until`, else of the day of the last single event.
        let horizon: Int
        if let until {
            horizon = owner.utc(fromLocal: LocalTime(date: until, secondOfDay: 86_399))
        } else {
            var last: Int?
            for event in events where !event.isSeries && event.recurrenceID == nil {
                let start = try zones.utc(event.start, owner: owner, line: event.startLine)
                last = max(last ?? start, start)
            }
            if let last {
                horizon = owner.utc(fromLocal: LocalTime(date: owner.local(atUTC: last).date, secondOfDay: 86_399))
            } else {
                // Only series: a year past the latest first instance.
                var latest = Int.min
                for event in events { latest = max(latest, try zones.utc(event.start, owner: owner, line: event.startLine)) }
                horizon = latest == Int.min ? 0 : latest + 365 * 86_400
            }
        }
        years = years.lowerBound...max(years.upperBound, owner.local(atUTC: horizon).date.year + 1)
        zones.years = years

        var expansion = SeriesExpansion(events: events, horizon: horizon, keepAllDay: options.keepAllDay, path: path)
        try expansion.run(zones: &zones, owner: owner)
        var instances = expansion.instances
        instances.sort { a, b in
            if a.utc != b.utc { return a.utc < b.utc }
            if events[a.event].uid != events[b.event].uid { return events[a.event].uid < events[b.event].uid }
            return a.event < b.event
        }
        let report = CalendarReadReport(
            path: path, meetings: instances.count, recurringMeetings: instances.count(where: { $0.recurring }),
            allDaySkipped: expansion.allDaySkipped, cancelledSkipped: expansion.cancelledSkipped, owner: nil,
            timeZone: ownerZoneName,
            expandedUntil: events.contains(where: { $0.isSeries }) ? owner.local(atUTC: horizon).date.description : nil)
        return (instances, events, report)
    }

    /// The years the events start in, widened by one each way, and `until`'s.
    static func years(of events: [CalendarEvent], until: CivilDate?) -> ClosedRange<Int> {
        var low = Int.max, high = Int.min
        for event in events {
            let year: Int
            switch event.start {
            case .date(let day): year = day.year
            case .floating(let local), .zoned(let local, _): year = local.date.year
            case .utc(let instant): year = LocalTime(seconds: instant).date.year
            }
            low = min(low, year)
            high = max(high, year)
        }
        if let until { high = max(high, until.year) }
        if low > high { return 1970...1971 }
        return (low - 1)...(high + 1)
    }

    /// The whole file.
    ///
    /// - Throws: ``MTLError`` (`.inputMissing`) if it does not exist, is a directory or cannot be read.
    static func contents(of path: String) throws(MTLError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MTLError(.inputMissing, "no such file", file: path)
        }
        guard !isDirectory.boolValue else { throw MTLError(.inputMissing, "is a directory, not a calendar file", file: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MTLError(.inputMissing, "cannot be read", file: path)
        }
        return [UInt8](data)
    }
}

/// Finds each TZID's rules once: the file's VTIMEZONE, else the system's
/// zone database, else Outlook's Windows name mapped to an IANA zone.
struct ZoneResolver {
    var definitions: [String: Component]
    var years: ClosedRange<Int> {
        didSet { cache.removeAll() }
    }
    var path: String
    private var cache: [String: ZoneRules] = [:]

    init(definitions: [String: Component], years: ClosedRange<Int>, path: String) {
        self.definitions = definitions
        self.years = years
        self.path = path
    }

    /// The rules of a TZID used at `line`.
    ///
    /// - Throws: ``MTLError`` (`.badData`) at `line` if no VTIMEZONE, system zone or Windows name matches.
    mutating func rules(for id: String, line: Int) throws(MTLError) -> ZoneRules {
        if let cached = cache[id] { return cached }
        var found: ZoneRules?
        if let definition = definitions[id] {
            found = try ZoneRules.vtimezone(definition, lastYear: years.upperBound, path: path)
        } else {
            found = Self.system(id, years: years)
        }
        guard let found else {
            throw MTLError(
                .badData, "unknown time zone '\(id)': the file has no VTIMEZONE for it and the system does not know it",
                file: path, line: line)
        }
        cache[id] = found
        return found
    }

    /// The rules of the owner's zone name: the system's first, then the file's.
    mutating func rules(forOwner name: String) throws(MTLError) -> ZoneRules? {
        if let system = Self.system(name, years: years) { return system }
        guard let definition = definitions[name] else { return nil }
        return try ZoneRules.vtimezone(definition, lastYear: years.upperBound, path: path)
    }

    /// A system zone by IANA name, Windows name, or an old Mozilla-style
    /// path ending in an IANA name (`/mozilla.org/20050126_1/Europe/Berlin`).
    static func system(_ id: String, years: ClosedRange<Int>) -> ZoneRules? {
        if let rules = ZoneRules.system(named: id, years: years) { return rules }
        if let iana = WindowsZones.iana[id] { return ZoneRules.system(named: iana, years: years) }
        let parts = id.split(separator: "/")
        if parts.count > 2 { return ZoneRules.system(named: parts.suffix(2).joined(separator: "/"), years: years) }
        return nil
    }

    /// The UTC instant of a DTSTART-like value; floating times and dates are read in the owner's zone.
    mutating func utc(_ time: ICalendarTime, owner: ZoneRules, line: Int) throws(MTLError) -> Int {
        switch time {
        case .utc(let instant): instant
        case .floating(let local): owner.utc(fromLocal: local)
        case .date(let day): owner.utc(fromLocal: LocalTime(date: day, secondOfDay: 0))
        case .zoned(let local, let zone): try rules(for: zone, line: line).utc(fromLocal: local)
        }
    }
}
