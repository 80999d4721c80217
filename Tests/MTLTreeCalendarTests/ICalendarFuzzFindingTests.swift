import Foundation
import TestSupport
import Testing

import MTLTreeCalendar
import MTLTreeKit

/// What the iCalendar fuzz target found (Fuzz/Seeds/ics/finding-*.ics keeps
/// the input it wrote, so later campaigns start from it).
struct ICalendarFuzzFindingTests {
    /// Mutated LOCATION lines left every meeting without a location: the
    /// location task had no class, and the library grew a tree whose model
    /// file it then refused to read (`trees[0].schema.tasks[0].classes: a task
    /// needs at least one class`). Growing now stops with the reason.
    @Test func aCalendarWithoutLocationsIsRefusedBeforeGrowing() throws {
        let path = FixturePaths.root.deletingLastPathComponent().appendingPathComponent("Fuzz/Seeds/ics/finding-task-without-class.ics").path
        let data = try CalendarLog.readICalendar(path: path, options: ReadOptions(), calendar: CalendarOptions(timeZone: "UTC"))
        let location = try #require(data["location"])
        #expect(data.rowCount == 3)
        #expect(location.missingCount == 3)
        let message = "task 'location' has no labelled rows (every cell is missing), so there is nothing to learn"
        #expect(throws: MTLError(.badData, message)) { try TreeInducer().fit(data) }
        var forest = ForestConfiguration(treeCount: 2)
        forest.tree.threads = 1
        #expect(throws: MTLError(.badData, message)) { try ForestInducer(configuration: forest).fit(data) }
    }
}
