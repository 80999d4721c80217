import Foundation
import MTLTreeKit

/// A time zone as a table of UTC offsets: the offset before the first
/// transition, then each transition's instant and the offset from it on.
///
/// Built once per zone, from a file's VTIMEZONE or from the system's zone
/// database, over the years the calendar spans; converting an instance is
/// then a binary search, with no Foundation call per meeting.
struct ZoneRules: Sendable {
    /// The offset (seconds east of UTC) before the first transition.
    var initialOffset: Int
    /// Transition instants, seconds since the Unix epoch, increasing.
    var transitions: [Int] = []
    /// The offset from each transition on.
    var offsets: [Int] = []

    /// A zone that is always `offset` seconds east of UTC.
    init(fixed offset: Int) { initialOffset = offset }

    /// A zone from its transitions, in any order; `initialOffset` applies before the first.
    init(initialOffset: Int, changes: [(instant: Int, offset: Int)]) {
        self.initialOffset = initialOffset
        for change in changes.sorted(by: { $0.instant < $1.instant }) {
            transitions.append(change.instant)
            offsets.append(change.offset)
        }
    }

    /// The offset in force at the UTC instant `utc`.
    ///
    /// - Complexity: O(log transitions).
    func offset(atUTC utc: Int) -> Int {
        var low = 0, high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid] <= utc { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? initialOffset : offsets[low - 1]
    }

    /// The wall-clock time in this zone at the UTC instant `utc`.
    func local(atUTC utc: Int) -> LocalTime { LocalTime(seconds: utc + offset(atUTC: utc)) }

    /// The UTC instant of the wall-clock time `local` in this zone.
    ///
    /// A time that occurs twice (the hour repeated when clocks go back) is
    /// the first; a time that does not occur (skipped when clocks go
    /// forward) is read with the offset before the gap, so 02:30 on a
    /// night that jumps from 02:00 to 03:00 is 03:30, as RFC 5545 §3.3.5 says.
    func utc(fromLocal local: LocalTime) -> Int {
        let before = offset(atUTC: local.seconds - 86_400)
        let after = offset(atUTC: local.seconds + 86_400)
        let early = local.seconds - before
        if offset(atUTC: early) == before { return early }
        let late = local.seconds - after
        if offset(atUTC: late) == after { return late }
        return early
    }
}

extension ZoneRules {
    /// The rules of a system zone (an IANA name such as `Europe/Berlin`)
    /// between the start of `years.lowerBound` and the end of `years.upperBound`,
    /// or `nil` if the system does not know the name.
    ///
    /// Uses Foundation's `TimeZone`, which ships with the Swift toolchain on
    /// every platform (with ICU's copy of the IANA database on Linux), so the
    /// package needs nothing else; its transitions are read once per zone.
    static func system(named name: String, years: ClosedRange<Int>) -> ZoneRules? {
        guard !name.isEmpty, let zone = TimeZone(identifier: name) else { return nil }
        return system(zone, years: years)
    }

    /// The rules of `zone` over `years` (see ``system(named:years:)``).
    static func system(_ zone: TimeZone, years: ClosedRange<Int>) -> ZoneRules {
        let start = Double((CivilDate(year: years.lowerBound, month: 1, day: 1)?.daysSinceEpoch ?? 0) - 1) * 86_400
        let end = Double((CivilDate(year: years.upperBound, month: 12, day: 31)?.daysSinceEpoch ?? 0) + 1) * 86_400
        var instant = Date(timeIntervalSince1970: start)
        let initial = zone.secondsFromGMT(for: instant)
        var changes: [(instant: Int, offset: Int)] = []
        while let next = zone.nextDaylightSavingTimeTransition(after: instant), next.timeIntervalSince1970 <= end,
            changes.count < 10_000
        {
            changes.append((Int(next.timeIntervalSince1970.rounded()), zone.secondsFromGMT(for: next)))
            instant = next
        }
        return ZoneRules(initialOffset: initial, changes: changes)
    }

    /// The rules a VTIMEZONE component defines: each STANDARD and DAYLIGHT
    /// observance's onsets (its DTSTART, RRULE and RDATEs, local times in
    /// the offset it changes from) up to the end of year `lastYear`.
    ///
    /// - Throws: ``MTLError`` (`.badData`) at the line of a malformed
    ///   observance (no DTSTART or offsets, a bad RRULE).
    static func vtimezone(_ component: Component, lastYear: Int, path: String) throws(MTLError) -> ZoneRules {
        var changes: [(instant: Int, offset: Int)] = []
        var earliest: (onset: Int, offsetFrom: Int)?
        let limit = LocalTime(date: CivilDate(year: lastYear, month: 12, day: 31) ?? CivilDate(daysSinceEpoch: 0),
                              secondOfDay: 86_399)
        for observance in component.children where observance.name == "STANDARD" || observance.name == "DAYLIGHT" {
            guard let start = observance.first("DTSTART"), let fromLine = observance.first("TZOFFSETFROM"),
                let toLine = observance.first("TZOFFSETTO")
            else {
                throw MTLError(
                    .badData, "\(observance.name) in VTIMEZONE needs DTSTART, TZOFFSETFROM and TZOFFSETTO",
                    file: path, line: observance.line)
            }
            let from = try ICalendarTime.parseOffset(fromLine.value, line: fromLine.line, path: path)
            let to = try ICalendarTime.parseOffset(toLine.value, line: toLine.line, path: path)
            let first: LocalTime
            switch try ICalendarTime.parse(start, path: path) {
            case .floating(let local), .zoned(let local, _): first = local
            case .date(let day): first = LocalTime(date: day, secondOfDay: 0)
            case .utc(let instant): first = LocalTime(seconds: instant + from)
            }
            var onsets = [first]
            if let rule = observance.first("RRULE") {
                let recurrence = try RecurrenceRule.parse(rule, path: path)
                let untilLocal = recurrence.until.map { until -> LocalTime in
                    switch until {
                    case .utc(let instant): LocalTime(seconds: instant + from)
                    case .date(let day): LocalTime(date: day, secondOfDay: 86_399)
                    case .floating(let local), .zoned(let local, _): local
                    }
                }
                onsets = try recurrence.expand(from: first, until: untilLocal, limit: limit, line: rule.line, path: path)
            }
            for rdate in observance.all("RDATE") {
                for item in rdate.value.split(separator: ",") {
                    if case .floating(let local) = try ICalendarTime.parse(String(item), property: rdate, path: path) {
                        onsets.append(local)
                    }
                }
            }
            for onset in onsets {
                let instant = onset.seconds - from
                changes.append((instant, to))
                if earliest == nil || instant < earliest!.onset { earliest = (instant, from) }
            }
        }
        guard let earliest else {
            throw MTLError(
                .badData, "VTIMEZONE has no STANDARD or DAYLIGHT observance", file: path, line: component.line)
        }
        return ZoneRules(initialOffset: earliest.offsetFrom, changes: changes)
    }
}
