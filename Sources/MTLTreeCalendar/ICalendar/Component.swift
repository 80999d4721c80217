import MTLTreeKit

/// An iCalendar component (`BEGIN:NAME` … `END:NAME`) with its properties
/// and nested components, as read from the file.
struct Component: Sendable {
    /// The component's name, uppercased (`VCALENDAR`, `VEVENT`, `VTIMEZONE`).
    var name: String
    /// The line of its `BEGIN`.
    var line: Int
    /// Its properties, in file order.
    var properties: [ContentLine] = []
    /// Its nested components, in file order.
    var children: [Component] = []

    /// The first property named `name` (uppercase), or `nil`.
    func first(_ name: String) -> ContentLine? { properties.first(where: { $0.name == name }) }

    /// Every property named `name` (uppercase).
    func all(_ name: String) -> [ContentLine] { properties.filter { $0.name == name } }

    /// The top-level components of a file's content lines: every
    /// `VCALENDAR` (a file may hold several, one after another).
    ///
    /// Components nested in a VEVENT (VALARM) or in a VCALENDAR other than
    /// VEVENT and VTIMEZONE (VTODO, VJOURNAL, VFREEBUSY) are kept only as
    /// far as needed to match their `END`: their content is dropped.
    ///
    /// - Throws: ``MTLError`` (`.badData`) at the line of a component that
    ///   is never ended, an `END` that ends nothing or the wrong component,
    ///   or content outside any VCALENDAR.
    /// - Complexity: O(content lines).
    static func parse(_ lines: [ContentLine], path: String) throws(MTLError) -> [Component] {
        var calendars: [Component] = []
        var stack: [Component] = []
        for line in lines {
            switch line.name {
            case "BEGIN":
                let name = line.value.trimmingSpaces.uppercased()
                guard !name.isEmpty else { throw MTLError(.badData, "BEGIN names no component", file: path, line: line.line) }
                if stack.isEmpty, name != "VCALENDAR" {
                    throw MTLError(
                        .badData, "expected BEGIN:VCALENDAR, found BEGIN:\(name) outside any calendar",
                        file: path, line: line.line)
                }
                stack.append(Component(name: name, line: line.line))
            case "END":
                let name = line.value.trimmingSpaces.uppercased()
                guard let open = stack.last else {
                    throw MTLError(.badData, "END:\(name) ends no component", file: path, line: line.line)
                }
                guard open.name == name else {
                    throw MTLError(
                        .badData, "END:\(name) while \(open.name) (begun on line \(open.line)) is still open",
                        file: path, line: line.line)
                }
                let done = stack.removeLast()
                if stack.isEmpty {
                    calendars.append(done)
                } else if Self.kept(done.name, in: stack[stack.count - 1].name) {
                    stack[stack.count - 1].children.append(done)
                }
            default:
                guard !stack.isEmpty else {
                    throw MTLError(
                        .badData, "expected BEGIN:VCALENDAR, found \(line.name) outside any calendar",
                        file: path, line: line.line)
                }
                if Self.keepsProperties(stack) { stack[stack.count - 1].properties.append(line) }
            }
        }
        if let open = stack.last {
            throw MTLError(
                .badData, "BEGIN:\(open.name) is never ended (the file ends without END:\(open.name))",
                file: path, line: open.line)
        }
        return calendars
    }

    /// Whether a component named `child` is kept inside `parent`.
    private static func kept(_ child: String, in parent: String) -> Bool {
        switch parent {
        case "VCALENDAR": child == "VEVENT" || child == "VTIMEZONE"
        case "VTIMEZONE": child == "STANDARD" || child == "DAYLIGHT"
        default: false
        }
    }

    /// Whether the innermost open component's properties are kept: only
    /// along a path of kept components.
    private static func keepsProperties(_ stack: [Component]) -> Bool {
        for i in 1..<max(1, stack.count) where !kept(stack[i].name, in: stack[i - 1].name) { return false }
        return true
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
