import MTLTreeCalendar
import MTLTreeKit

/// `mtltree generate-calendar`: a seeded synthetic meeting log (Calendar Apprentice style).
struct GenerateCalendarCommand: Subcommand {
    static let name = "generate-calendar"
    static let summary = "Write a seeded synthetic meeting log for --calendar (the bundled fixture)."
    static let help = """
        USAGE: mtltree generate-calendar [--meetings N] [--seed S] [--noise P] [--missing-rate P]
                                         [--format csv|ics] [-o FILE]

        Writes one user's meeting log over two academic years as CSV, with hidden
        rules that make location, time of day, day of week and duration share
        structure, label noise, missing cells, and a change of rules half way
        (see Fixtures/calendar/README.md). The same options give the same bytes.

        OPTIONS:
          --meetings N          Number of meetings (default 2000).
          --seed S              Random seed (default 1).
          --noise P             Label noise per task, 0 to 1 (default 0.05).
          --missing-rate P      Share of attendee cells left missing (default 0.05).
          --format F            csv (default): the meeting log; ics: the same meetings as
                                an iCalendar file, regular ones as weekly series with
                                exceptions, in America/New_York.
          -o, --output FILE     Write here (atomically) instead of to stdout ('-' is stdout).

        """

    static func run(_ arguments: inout Arguments, console: Console) throws -> Int32 {
        var configuration = CalendarGenerator.Configuration()
        if let n = try arguments.integer("--meetings", in: 1 ... 10_000_000) { configuration.meetings = n }
        if let text = try arguments.value("--seed") {
            guard let seed = UInt64(text) else { throw MTLError(.usage, "--seed takes a whole number ≥ 0, not '\(text)'") }
            configuration.seed = seed
        }
        if let p = try arguments.real("--noise", in: 0 ... 1) { configuration.labelNoise = p }
        if let p = try arguments.real("--missing-rate", in: 0 ... 1) { configuration.missingRate = p }
        let format = try arguments.value("--format") ?? "csv"
        guard format == "csv" || format == "ics" else {
            throw MTLError(.usage, "--format takes csv or ics, not '\(format)'")
        }
        let output = try arguments.value("-o", "--output")
        try arguments.finish()
        try configuration.validate()
        let generator = CalendarGenerator(configuration: configuration)
        let text = format == "ics" ? generator.iCalendar() : generator.csv()
        try console.emit(text, to: output, what: "\(configuration.meetings) meetings")
        return 0
    }
}
