import Foundation
import TestSupport
import Testing

@testable import MTLTreeCalendar
import MTLTreeKit

@Suite("Calendar generator, iCalendar")
struct CalendarGeneratorICalendarTests {
    /// The generator's meetings and what the iCalendar reader reads back from its `.ics`.
    static let roundTrip: (log: [String], read: [String], text: String, instances: [ICalendarReader.Instance], uids: [String]) = {
        let generator = CalendarGenerator(configuration: .init(meetings: 800, seed: 3))
        let log = generator.rows().map {
            "\($0.date) \(ClockTime.format($0.start)) \($0.duration) \($0.location)"
        }
        let text = generator.iCalendar()
        let path = (try? FixturePaths.scratch("gen.ics", text)) ?? ""
        let found = (try? ICalendarReader(path: path, options: CalendarOptions()).read()) ?? ([], [], nil)
        let events = found.1
        let read = found.0.map { i in
            "\(i.local.date) \(ClockTime.format(i.local.secondOfDay / 60)) \(i.seconds / 60) \(events[i.event].location ?? "")"
        }
        return (log, read, text, found.0, found.0.map { events[$0.event].uid })
    }()

    @Test("reading the .ics gives the same meetings as the CSV log: day, start, length, room")
    func sameMeetings() {
        let r = Self.roundTrip
        #expect(r.read.count == 800)
        #expect(r.read.sorted() == r.log.sorted())
    }

    @Test("regular meetings are weekly series with skipped weeks and overridden instances, across DST")
    func seriesWithExceptions() {
        let r = Self.roundTrip
        #expect(r.text.contains("RRULE:FREQ=WEEKLY;COUNT="))
        #expect(r.text.contains("EXDATE;TZID=America/New_York:"))
        #expect(r.text.contains("RECURRENCE-ID;TZID=America/New_York:"))
        #expect(r.text.contains("X-WR-TIMEZONE:America/New_York") && r.text.contains("BEGIN:VTIMEZONE"))
        #expect(r.instances.filter(\.recurring).count > 100)
        // Some series holds instances in both EDT (UTC−4) and EST (UTC−5).
        var offsets: [String: Set<Int>] = [:]
        for (i, uid) in zip(r.instances, r.uids) where i.recurring { offsets[uid, default: []].insert(i.local.seconds - i.utc) }
        #expect(offsets.values.contains { $0 == [-4 * 3600, -5 * 3600] })
        #expect(r.text.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
    }

    @Test("the same configuration gives the same bytes")
    func deterministic() {
        let a = CalendarGenerator(configuration: .init(meetings: 300, seed: 5)).iCalendar()
        #expect(a == CalendarGenerator(configuration: .init(meetings: 300, seed: 5)).iCalendar())
        #expect(a != CalendarGenerator(configuration: .init(meetings: 300, seed: 6)).iCalendar())
    }
}
