import MTLTreeKit

/// Turns the file's VEVENTs into instances: single events as they are,
/// each series expanded (RRULE, RDATE, less EXDATE) up to the horizon, with
/// its overridden instances (`RECURRENCE-ID`) moved or cancelled.
struct SeriesExpansion {
    let events: [CalendarEvent]
    /// The last UTC instant a series instance may start at.
    let horizon: Int
    let keepAllDay: Bool
    let path: String
    private(set) var instances: [ICalendarReader.Instance] = []
    private(set) var allDaySkipped = 0
    private(set) var cancelledSkipped = 0

    init(events: [CalendarEvent], horizon: Int, keepAllDay: Bool, path: String) {
        self.events = events
        self.horizon = horizon
        self.keepAllDay = keepAllDay
        self.path = path
    }

    /// Expands every event.
    ///
    /// - Throws: ``MTLError`` (`.badData`) for an unknown TZID, a DTEND
    ///   before its DTSTART, or a series of more than a million instances.
    /// - Complexity: O(instances × log instances per series + periods up to the horizon).
    mutating func run(zones: inout ZoneResolver, owner: ZoneRules) throws(MTLError) {
        var overridesByUID: [String: [Int]] = [:]
        for (i, event) in events.enumerated() where event.recurrenceID != nil {
            overridesByUID[event.uid, default: []].append(i)
        }
        var handled = Set<Int>()
        for (i, event) in events.enumerated() where event.recurrenceID == nil {
            if event.cancelled {
                cancelledSkipped += 1
                for o in overridesByUID[event.uid] ?? [] { handled.insert(o) }  // the whole series is gone
                continue
            }
            guard event.isSeries else {
                try addOwn(i, recurring: false, zones: &zones, owner: owner)
                continue
            }
            var overrides: [Int: Int] = [:]
            for o in overridesByUID[event.uid] ?? [] {
                let key = try zones.utc(events[o].recurrenceID!, owner: owner, line: events[o].recurrenceIDLine)
                overrides[key] = o
            }
            try expand(i, overrides: overrides, handled: &handled, zones: &zones, owner: owner)
        }
        for (_, list) in overridesByUID {
            for o in list where !handled.contains(o) {
                // An instance whose series is not in the file, or whose date the series does not make.
                if events[o].cancelled { cancelledSkipped += 1 } else { try addOwn(o, recurring: true, zones: &zones, owner: owner) }
            }
        }
    }

    /// Adds event `index` at its own DTSTART.
    private mutating func addOwn(_ index: Int, recurring: Bool, zones: inout ZoneResolver, owner: ZoneRules) throws(MTLError) {
        let event = events[index]
        let utc = try zones.utc(event.start, owner: owner, line: event.startLine)
        let local: LocalTime
        switch event.start {
        case .date(let day): local = LocalTime(date: day, secondOfDay: 0)
        case .floating(let wall): local = wall
        case .utc, .zoned: local = owner.local(atUTC: utc)
        }
        let seconds = try length(of: event, startUTC: utc, zones: &zones, owner: owner)
        add(ICalendarReader.Instance(
            utc: utc, local: local, seconds: seconds, event: index, recurring: recurring, allDay: event.start.isDate))
    }

    private mutating func add(_ instance: ICalendarReader.Instance) {
        if instance.allDay, !keepAllDay {
            allDaySkipped += 1
            return
        }
        instances.append(instance)
    }

    /// An event's length in seconds: DTEND − DTSTART, else DURATION, else a
    /// day for an all-day event and 0 otherwise (RFC 5545 §3.6.1).
    private func length(of event: CalendarEvent, startUTC: Int, zones: inout ZoneResolver, owner: ZoneRules)
        throws(MTLError) -> Int
    {
        if let end = event.end {
            let endUTC: Int
            switch (event.start, end) {
            case (.date(let a), .date(let b)): endUTC = startUTC + (b.daysSinceEpoch - a.daysSinceEpoch) * 86_400
            case (.floating(let a), .floating(let b)): endUTC = startUTC + (b.seconds - a.seconds)
            default: endUTC = try zones.utc(end, owner: owner, line: event.startLine)
            }
            guard endUTC >= startUTC else {
                throw MTLError(.badData, "DTEND is before DTSTART", file: path, line: event.startLine)
            }
            return endUTC - startUTC
        }
        if let duration = event.duration { return duration }
        return event.start.isDate ? 86_400 : 0
    }

    /// Expands the series whose master is event `index`.
    private mutating func expand(
        _ index: Int, overrides: [Int: Int], handled: inout Set<Int>, zones: inout ZoneResolver, owner: ZoneRules
    ) throws(MTLError) {
        let master = events[index]
        // The clock the rule runs on: DTSTART's zone (floating and all-day: the owner's wall clock).
        let clock: ZoneRules
        let start: LocalTime
        var wallClock = false
        switch master.start {
        case .zoned(let local, let zone):
            clock = try zones.rules(for: zone, line: master.startLine)
            start = local
        case .floating(let local):
            clock = owner
            start = local
            wallClock = true
        case .date(let day):
            clock = owner
            start = LocalTime(date: day, secondOfDay: 0)
            wallClock = true
        case .utc(let instant):
            clock = ZoneRules(fixed: 0)
            start = LocalTime(seconds: instant)
        }
        let limit = LocalTime(seconds: clock.local(atUTC: horizon).seconds + 86_400)
        var locals: [LocalTime]
        if let rule = master.rule {
            var until: LocalTime?
            switch rule.until {
            case .utc(let instant): until = clock.local(atUTC: instant)
            case .date(let day): until = LocalTime(date: day, secondOfDay: 86_399)
            case .floating(let local), .zoned(let local, _): until = local
            case nil: until = nil
            }
            locals = try rule.expand(from: start, until: until, limit: limit, line: master.ruleLine, path: path)
        } else {
            locals = [start]
        }
        for (time, line) in master.extraDates {
            switch time {
            case .date(let day): locals.append(LocalTime(date: day, secondOfDay: master.start.isDate ? 0 : start.secondOfDay))
            case .floating(let local): locals.append(local)
            default: locals.append(clock.local(atUTC: try zones.utc(time, owner: owner, line: line)))
            }
        }
        locals = Array(Set(locals)).sorted()
        var excluded = Set<Int>()
        var excludedDays = Set<Int>()
        for (time, line) in master.excludedDates {
            if case .date(let day) = time, !master.start.isDate {
                excludedDays.insert(day.daysSinceEpoch)
            } else {
                excluded.insert(try zones.utc(time, owner: owner, line: line))
            }
        }
        let seconds = try length(
            of: master, startUTC: try zones.utc(master.start, owner: owner, line: master.startLine), zones: &zones,
            owner: owner)
        for local in locals {
            let utc = clock.utc(fromLocal: local)
            if utc > horizon { break }
            if excluded.contains(utc) || excludedDays.contains(LocalTime.floorDiv(local.seconds, 86_400)) { continue }
            if let o = overrides[utc] {
                handled.insert(o)
                if events[o].cancelled { cancelledSkipped += 1 } else { try addOwn(o, recurring: true, zones: &zones, owner: owner) }
                continue
            }
            add(ICalendarReader.Instance(
                utc: utc, local: wallClock ? local : owner.local(atUTC: utc), seconds: seconds, event: index,
                recurring: true, allDay: master.start.isDate))
        }
    }
}
