import MTLTreeKit

extension CalendarLog {
    /// Reads an iCalendar file (RFC 5545; `.ics`, as Google Calendar,
    /// Outlook, Apple Calendar and Thunderbird export) into the four tasks
    /// and the CAP-style inputs documented in `Fixtures/calendar/README.md`.
    ///
    /// Each VEVENT is a meeting, each instance of a recurring series
    /// (RRULE, RDATE, less EXDATE, with overridden instances moved or
    /// cancelled) a row; series are expanded up to `calendar.until`, else
    /// the day of the last single event. Cancelled events and (unless kept)
    /// all-day events are skipped and counted in the report. Times are
    /// converted to the owner's zone. Rows are in chronological order (start,
    /// then UID).
    ///
    /// - Parameters:
    ///   - path: The `.ics` file.
    ///   - options: Roles and the value limit; the CSV options do not apply.
    ///   - calendar: The owner, time zone, all-day choice and expansion bound.
    /// - Returns: The dataset, its roles assigned.
    /// - Throws: ``MTLError``: `.inputMissing` for a missing file; `.badData`
    ///   with the file and line for malformed content (an unterminated
    ///   component, a bad date or RRULE part, a TZID neither the file nor the
    ///   system defines); `.usage` for a bad option or role.
    /// - Complexity: O(bytes + instances × log instances).
    public static func readICalendar(path: String, options: ReadOptions, calendar: CalendarOptions) throws -> Dataset {
        let (instances, events, summary) = try ICalendarReader(path: path, options: calendar).read()
        var report = summary
        let owner = calendar.owner?.lowercased() ?? mostFrequentAddress(events)
        report.owner = owner
        let ownerDomain = owner.flatMap { CalendarPerson.domain(of: $0) }

        // What each event says, computed once per VEVENT.
        var roleCodes = FirstSeenCodes(), attendeeCodes = FirstSeenCodes(), domainCodes = FirstSeenCodes()
        var outsideCodes = FirstSeenCodes(), partstatCodes = FirstSeenCodes(), roleParameterCodes = FirstSeenCodes()
        var categoryCodes = FirstSeenCodes(), locationCodes = FirstSeenCodes()
        struct Facts {
            var role: Int32, attendee: Int32, domain: Int32, outside: Int32, partstat: Int32, attendeeRole: Int32
            var category: Int32, location: Int32, people: Double
        }
        let missing = NominalColumn.missing
        var facts: [Facts] = []
        facts.reserveCapacity(events.count)
        for event in events {
            let isOrganizer = owner != nil && event.organizer?.address == owner
            let isAttendee = owner != nil && event.attendees.contains { $0.address == owner }
            let role = isOrganizer ? "organizer" : isAttendee ? "attendee" : "absent"
            let main = event.attendees.first { $0.address != owner && !$0.address.isEmpty }
                ?? event.organizer.flatMap { $0.address != owner && !$0.address.isEmpty ? $0 : nil }
            let mainIsAttendee = main != nil && event.attendees.contains { $0.address == main!.address }
            var people = Set(event.attendees.map(\.address).filter { !$0.isEmpty })
            if let organizer = event.organizer, !organizer.address.isEmpty { people.insert(organizer.address) }
            if let owner { people.insert(owner) }
            var outside: String?
            if let ownerDomain, people.count > 1 {
                outside = people.contains { CalendarPerson.domain(of: $0).map { $0 != ownerDomain } ?? false } ? "yes" : "no"
            }
            let category = event.categories.isEmpty ? nil : Array(Set(event.categories)).sorted().joined(separator: "+")
            facts.append(Facts(
                role: roleCodes.code(role),
                attendee: main.map { attendeeCodes.code($0.name ?? $0.address) } ?? missing,
                domain: main?.domain.map { domainCodes.code($0) } ?? missing,
                outside: outside.map { outsideCodes.code($0) } ?? missing,
                partstat: mainIsAttendee ? partstatCodes.code(main!.participation) : missing,
                attendeeRole: mainIsAttendee ? roleParameterCodes.code(main!.role) : missing,
                category: category.map { categoryCodes.code($0) } ?? missing,
                location: normalisedLocation(event.location).map { locationCodes.code($0) } ?? missing,
                people: Double(max(1, people.count))))
        }

        let rows = instances.count
        var columns = [[Int32]](repeating: [Int32](repeating: missing, count: rows), count: 8)
        var people = [Double](repeating: .nan, count: rows)
        var recurring = [Int32](repeating: missing, count: rows)
        var lead = [Int32](repeating: missing, count: rows)
        var semester = [Int32](repeating: missing, count: rows)
        var slots = [Int32](repeating: missing, count: rows)
        var days = [Int32](repeating: missing, count: rows)
        var minutes = [Int](repeating: 0, count: rows)
        var semesters = FirstSeenCodes()
        for (row, instance) in instances.enumerated() {
            let f = facts[instance.event]
            columns[0][row] = f.role
            columns[1][row] = f.attendee
            columns[2][row] = f.domain
            columns[3][row] = f.outside
            columns[4][row] = f.partstat
            columns[5][row] = f.attendeeRole
            columns[6][row] = f.category
            columns[7][row] = f.location
            people[row] = f.people
            recurring[row] = instance.recurring ? 1 : 0
            if let created = events[instance.event].created { lead[row] = Int32(leadTimeBucket(instance.utc - created)) }
            let date = instance.local.date
            semester[row] = semesters.code(CalendarSlots.semester(of: date))
            days[row] = Int32(date.weekday)
            if !instance.allDay { slots[row] = Int32(CalendarSlots.timeSlot(startingAt: instance.local.secondOfDay / 60)) }
            minutes[row] = (instance.seconds + 30) / 60
        }
        let distinct = Set(minutes).sorted()
        var durationCode = [Int: Int32]()
        for (code, value) in distinct.enumerated() { durationCode[value] = Int32(code) }

        func nominal(_ name: String, _ codes: [Int32], _ values: [String]) -> Column {
            Column(name: name, storage: .nominal(NominalColumn(codes: codes, values: values)))
        }
        let dataset = [
            nominal("owner_role", columns[0], roleCodes.values),
            Column(name: "num_attendees", storage: .numeric(people)),
            nominal("attendee", columns[1], attendeeCodes.values),
            nominal("attendee_domain", columns[2], domainCodes.values),
            nominal("outside_domain", columns[3], outsideCodes.values),
            nominal("attendee_partstat", columns[4], partstatCodes.values),
            nominal("attendee_role", columns[5], roleParameterCodes.values),
            nominal("categories", columns[6], categoryCodes.values),
            nominal("recurring", recurring, ["no", "yes"]),
            nominal("lead_time", lead, leadTimeBuckets),
            nominal("semester", semester, semesters.values),
            nominal("location", columns[7], locationCodes.values),
            nominal("time_of_day", slots, CalendarSlots.timeSlotNames),
            nominal("day_of_week", days, CalendarSlots.dayNames),
            nominal("duration", minutes.map { durationCode[$0] ?? missing }, distinct.map(String.init)),
        ]
        var result = try Dataset(name: Dataset.datasetName(path), columns: dataset)
        var roles = options.roles
        if roles.tasks.isEmpty { roles.tasks = taskNames.filter { !roles.ignore.contains($0) } }
        try result.assignRoles(roles)
        calendar.report?(report)
        return result
    }

    /// The lead-time classes: how long before the start the event was created.
    static let leadTimeBuckets = ["after-start", "same-day", "1-6-days", "1-4-weeks", "over-4-weeks"]

    /// The index into ``leadTimeBuckets`` of `seconds` from CREATED to the start.
    static func leadTimeBucket(_ seconds: Int) -> Int {
        if seconds < 0 { return 0 }
        let days = seconds / 86_400
        return days < 1 ? 1 : days < 7 ? 2 : days < 29 ? 3 : 4
    }

    /// LOCATION trimmed, lowercased, runs of white space made one space; `nil` if empty.
    static func normalisedLocation(_ text: String?) -> String? {
        guard let text else { return nil }
        let words = text.lowercased().split(whereSeparator: { $0.isWhitespace })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// The address that organises or attends the most events (ties: the
    /// alphabetically first), or `nil` if no event names anyone.
    static func mostFrequentAddress(_ events: [CalendarEvent]) -> String? {
        var counts: [String: Int] = [:]
        for event in events {
            var seen = Set(event.attendees.map(\.address))
            if let organizer = event.organizer { seen.insert(organizer.address) }
            for address in seen where !address.isEmpty { counts[address, default: 0] += 1 }
        }
        return counts.min { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }?.key
    }
}

extension CalendarPerson {
    /// The part of `address` after `@`, or `nil`.
    static func domain(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : String(domain)
    }
}
