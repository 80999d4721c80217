import MTLTreeKit

/// An `RRULE` (RFC 5545 §3.3.10): FREQ DAILY, WEEKLY, MONTHLY or YEARLY with
/// INTERVAL, COUNT, UNTIL, BYDAY (with ordinals such as `2MO`, `-1FR`),
/// BYMONTHDAY, BYMONTH, BYSETPOS, BYHOUR, BYMINUTE, BYSECOND and WKST.
struct RecurrenceRule: Sendable, Equatable {
    enum Frequency: String, Sendable { case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY" }

    /// A BYDAY entry: a weekday (0 = Monday … 6 = Sunday), with an ordinal
    /// (the 2nd, the last = -1) or 0 for every such day.
    struct WeekdayNumber: Sendable, Equatable {
        var ordinal: Int
        var weekday: Int
    }

    var frequency: Frequency
    var interval = 1
    var count: Int?
    var until: ICalendarTime?
    var byDay: [WeekdayNumber] = []
    var byMonthDay: [Int] = []
    var byMonth: [Int] = []
    var bySetPosition: [Int] = []
    var byHour: [Int] = []
    var byMinute: [Int] = []
    var bySecond: [Int] = []
    /// The first day of the week, 0 = Monday (the default) … 6 = Sunday.
    var weekStart = 0

    static let weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Parses an RRULE property.
    ///
    /// - Throws: ``MTLError`` (`.badData`) at the property's line naming the
    ///   bad part: an unknown or unsupported part (BYWEEKNO, BYYEARDAY,
    ///   FREQ finer than DAILY), a value out of range, no FREQ, or both
    ///   COUNT and UNTIL.
    static func parse(_ property: ContentLine, path: String) throws(MTLError) -> RecurrenceRule {
        func bad(_ message: String) -> MTLError { MTLError(.badData, "bad RRULE: " + message, file: path, line: property.line) }
        var frequency: Frequency?
        var rule = RecurrenceRule(frequency: .daily)
        var seen = Set<String>()
        for part in property.value.split(separator: ";", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { throw bad("'\(part)' is not NAME=VALUE") }
            let name = pieces[0].uppercased(), value = String(pieces[1]).uppercased()
            guard seen.insert(name).inserted else { throw bad("\(name) is given twice") }
            func integers(_ range: ClosedRange<Int>, zeroAllowed: Bool = false) throws(MTLError) -> [Int] {
                var out: [Int] = []
                for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let n = Int(item), range.contains(n), zeroAllowed || n != 0 else {
                        throw bad("\(name)=\(value): '\(item)' is not a whole number in \(range.lowerBound)...\(range.upperBound)"
                            + (zeroAllowed ? "" : " other than 0"))
                    }
                    out.append(n)
                }
                return out
            }
            switch name {
            case "FREQ":
                guard let f = Frequency(rawValue: value) else {
                    let known = ["SECONDLY", "MINUTELY", "HOURLY"].contains(value)
                    throw bad("FREQ=\(value) " + (known ? "is not supported (DAILY, WEEKLY, MONTHLY or YEARLY)"
                        : "is not a frequency (DAILY, WEEKLY, MONTHLY or YEARLY)"))
                }
                frequency = f
            case "INTERVAL": rule.interval = try integers(1...100_000)[0]
            case "COUNT": rule.count = try integers(1...10_000_000)[0]
            case "UNTIL":
                rule.until = try ICalendarTime.parse(
                    value, property: ContentLine(name: "RRULE UNTIL", parameters: [], value: value, line: property.line),
                    path: path)
            case "BYDAY":
                for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                    let code = String(item.suffix(2))
                    let number = item.dropLast(2)
                    guard let weekday = weekdayCodes.firstIndex(of: code),
                        number.isEmpty || (Int(number).map { $0 != 0 && abs($0) <= 53 } ?? false)
                    else { throw bad("BYDAY=\(value): '\(item)' is not a weekday such as MO, 2TU or -1FR") }
                    rule.byDay.append(WeekdayNumber(ordinal: Int(number) ?? 0, weekday: weekday))
                }
            case "BYMONTHDAY": rule.byMonthDay = try integers(-31...31)
            case "BYMONTH": rule.byMonth = try integers(1...12)
            case "BYSETPOS": rule.bySetPosition = try integers(-366...366)
            case "BYHOUR": rule.byHour = try integers(0...23, zeroAllowed: true)
            case "BYMINUTE": rule.byMinute = try integers(0...59, zeroAllowed: true)
            case "BYSECOND": rule.bySecond = try integers(0...60, zeroAllowed: true).map { min($0, 59) }
            case "WKST":
                guard let day = weekdayCodes.firstIndex(of: value) else { throw bad("WKST=\(value) is not a weekday (MO … SU)") }
                rule.weekStart = day
            case "BYWEEKNO", "BYYEARDAY":
                throw bad("\(name) is not supported (FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, BYHOUR, BYMINUTE, BYSECOND, WKST are)")
            default:
                if name.hasPrefix("X-") { continue }
                throw bad("unknown part '\(name)'")
            }
        }
        guard let frequency else { throw bad("no FREQ") }
        rule.frequency = frequency
        if rule.count != nil, rule.until != nil { throw bad("COUNT and UNTIL are both given; RFC 5545 allows one") }
        if rule.frequency != .monthly, rule.frequency != .yearly, rule.byDay.contains(where: { $0.ordinal != 0 }) {
            throw bad("BYDAY with an ordinal (\(value(rule.byDay))) needs FREQ=MONTHLY or YEARLY")
        }
        return rule
    }

    private static func value(_ days: [WeekdayNumber]) -> String {
        days.map { ($0.ordinal == 0 ? "" : String($0.ordinal)) + weekdayCodes[$0.weekday] }.joined(separator: ",")
    }

    /// The instants of the rule from `start` (its DTSTART, the first instance
    /// whether or not it matches the rule, as RFC 5545 counts it), in
    /// increasing order, up to `until` (inclusive, a local time on the same
    /// clock), `count` and `limit`, whichever comes first.
    ///
    /// Every step moves forward by one period (a day, a week, a month or a
    /// year times INTERVAL), so the loop ends at `limit` even for a rule
    /// that matches no day (BYMONTHDAY=30;BYMONTH=2).
    ///
    /// - Throws: ``MTLError`` (`.badData`) at `line` if the rule would make
    ///   more than a million instances before `limit`.
    /// - Complexity: O(periods up to `limit` + instances).
    func expand(from start: LocalTime, until: LocalTime?, limit: LocalTime, line: Int, path: String) throws(MTLError)
        -> [LocalTime]
    {
        var out: [LocalTime] = [start]
        let end = min(until ?? limit, limit)
        if let count, count <= 1 { return start <= end ? out : [] }
        if start > end { return [] }
        let startDate = start.date
        let times = timesOfDay(start.secondOfDay)
        var period = 0
        var candidates: [LocalTime] = []
        var dates: [CivilDate] = []
        while true {
            guard let first = periodStart(period, from: startDate) else { break }
            if first.daysSinceEpoch * 86_400 > end.seconds { break }
            dates.removeAll(keepingCapacity: true)
            self.dates(inPeriodFrom: first, startDate: startDate, into: &dates)
            candidates.removeAll(keepingCapacity: true)
            for date in dates {
                let base = date.daysSinceEpoch * 86_400
                for t in times { candidates.append(LocalTime(seconds: base + t)) }
            }
            candidates.sort()
            if !bySetPosition.isEmpty { candidates = Self.select(candidates, positions: bySetPosition) }
            for candidate in candidates where candidate > start {
                if candidate > end { return out }
                out.append(candidate)
                if let count, out.count >= count { return out }
                if out.count > 1_000_000 {
                    throw MTLError(
                        .badData, "the RRULE makes more than a million instances before \(end.date); "
                            + "give an earlier end date", file: path, line: line)
                }
            }
            period += interval
        }
        return out
    }

    /// The seconds after midnight of each instance in a day, sorted.
    private func timesOfDay(_ startSecond: Int) -> [Int] {
        let hours = byHour.isEmpty ? [startSecond / 3600] : byHour
        let minutes = byMinute.isEmpty ? [startSecond / 60 % 60] : byMinute
        let seconds = bySecond.isEmpty ? [startSecond % 60] : bySecond
        var out: [Int] = []
        for h in hours { for m in minutes { for s in seconds { out.append(h * 3600 + m * 60 + s) } } }
        return Array(Set(out)).sorted()
    }

    /// The first day of period number `index` (0 = the one holding DTSTART),
    /// or `nil` past year 9999.
    private func periodStart(_ index: Int, from start: CivilDate) -> CivilDate? {
        switch frequency {
        case .daily:
            return CivilDate(daysSinceEpoch: start.daysSinceEpoch + index)
        case .weekly:
            let back = (start.weekday - weekStart + 7) % 7
            return CivilDate(daysSinceEpoch: start.daysSinceEpoch - back + 7 * index)
        case .monthly:
            let months = start.year * 12 + (start.month - 1) + index
            guard months / 12 <= 9999 else { return nil }
            return CivilDate(year: months / 12, month: months % 12 + 1, day: 1)
        case .yearly:
            guard start.year + index <= 9999 else { return nil }
            return CivilDate(year: start.year + index, month: 1, day: 1)
        }
    }

    /// The days of the period starting on `first` that the BY parts allow, unsorted.
    private func dates(inPeriodFrom first: CivilDate, startDate: CivilDate, into out: inout [CivilDate]) {
        switch frequency {
        case .daily:
            if allows(first, limitDays: true) { out.append(first) }
        case .weekly:
            // Weekdays by arithmetic; a CivilDate only for a day that matches.
            let firstDay = first.daysSinceEpoch
            let firstWeekday = first.weekday
            let startWeekday = startDate.weekday
            for offset in 0..<7 {
                let weekday = (firstWeekday + offset) % 7
                let weekdayMatches = byDay.isEmpty ? weekday == startWeekday : byDay.contains { $0.weekday == weekday }
                guard weekdayMatches else { continue }
                let day = CivilDate(daysSinceEpoch: firstDay + offset)
                if byMonth.isEmpty || byMonth.contains(day.month) { out.append(day) }
            }
        case .monthly:
            guard byMonth.isEmpty || byMonth.contains(first.month) else { return }
            monthDays(year: first.year, month: first.month, startDate: startDate, into: &out)
        case .yearly:
            if !byMonth.isEmpty {
                for month in byMonth.sorted() { monthDays(year: first.year, month: month, startDate: startDate, into: &out) }
            } else if !byMonthDay.isEmpty {
                for month in 1...12 { monthDays(year: first.year, month: month, startDate: startDate, into: &out) }
            } else if !byDay.isEmpty {
                let days = CivilDate.isLeap(first.year) ? 366 : 365
                weekdays(from: first.daysSinceEpoch, count: days, into: &out)
            } else if let day = CivilDate(year: first.year, month: startDate.month, day: startDate.day) {
                out.append(day)
            }
        }
    }

    /// The days of one month that BYMONTHDAY and BYDAY (ordinals within the
    /// month) allow; DTSTART's day of the month if neither is given.
    private func monthDays(year: Int, month: Int, startDate: CivilDate, into out: inout [CivilDate]) {
        let length = CivilDate.daysIn(month: month, year: year)
        guard let first = CivilDate(year: year, month: month, day: 1) else { return }
        if !byMonthDay.isEmpty {
            for n in byMonthDay {
                let day = n > 0 ? n : length + 1 + n
                guard (1...length).contains(day) else { continue }
                let date = CivilDate(daysSinceEpoch: first.daysSinceEpoch + day - 1)
                if byDay.isEmpty || byDay.contains(where: { $0.weekday == date.weekday }) { out.append(date) }
            }
        } else if !byDay.isEmpty {
            weekdays(from: first.daysSinceEpoch, count: length, into: &out)
        } else if startDate.day <= length {
            out.append(CivilDate(daysSinceEpoch: first.daysSinceEpoch + startDate.day - 1))
        }
    }

    /// The BYDAY days among `count` days from `firstDay` (days since the
    /// epoch): every such weekday for an entry without ordinal, else the
    /// n-th from the start (n > 0) or from the end (n < 0).
    private func weekdays(from firstDay: Int, count: Int, into out: inout [CivilDate]) {
        let firstWeekday = CivilDate(daysSinceEpoch: firstDay).weekday
        for entry in byDay {
            let offset = (entry.weekday - firstWeekday + 7) % 7  // first such weekday in the span
            let matches = offset < count ? (count - 1 - offset) / 7 + 1 : 0
            if entry.ordinal == 0 {
                for k in 0..<matches { out.append(CivilDate(daysSinceEpoch: firstDay + offset + 7 * k)) }
            } else {
                let k = entry.ordinal > 0 ? entry.ordinal - 1 : matches + entry.ordinal
                if k >= 0, k < matches { out.append(CivilDate(daysSinceEpoch: firstDay + offset + 7 * k)) }
            }
        }
        // Two entries may name the same day (MO and 1MO).
        if byDay.count > 1 {
            var seen = Set<Int>()
            out = out.filter { seen.insert($0.daysSinceEpoch).inserted }
        }
    }

    /// Whether a day passes the BY parts that limit a DAILY rule.
    private func allows(_ day: CivilDate, limitDays: Bool) -> Bool {
        if !byMonth.isEmpty, !byMonth.contains(day.month) { return false }
        if !byMonthDay.isEmpty {
            let length = CivilDate.daysIn(month: day.month, year: day.year)
            if !byMonthDay.contains(where: { ($0 > 0 ? $0 : length + 1 + $0) == day.day }) { return false }
        }
        if !byDay.isEmpty, !byDay.contains(where: { $0.weekday == day.weekday }) { return false }
        return true
    }

    /// The elements of sorted `set` at BYSETPOS `positions` (1 = first, -1 = last), sorted, without repeats.
    static func select(_ set: [LocalTime], positions: [Int]) -> [LocalTime] {
        var picked = Set<Int>()
        for p in positions {
            let i = p > 0 ? p - 1 : set.count + p
            if i >= 0, i < set.count { picked.insert(i) }
        }
        return picked.sorted().map { set[$0] }
    }
}
