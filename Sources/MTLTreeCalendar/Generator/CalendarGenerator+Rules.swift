import MTLTreeKit

/// The hidden rules of the synthetic calendar: what kind of meeting happens,
/// with whom, and where, when, on which day and for how long.
///
/// The four tasks share structure on purpose: the attendee's group (and
/// position) drives both the location and the time of day; the event type
/// drives both the duration and the time of day; the day of week depends on
/// the event type and the group. At the start of the second academic year
/// (the drift) the seminar moves day, time, room and length and the ML lab
/// moves to a new room. `Fixtures/calendar/README.md` lists the same rules.
extension CalendarGenerator {
    /// One meeting as the rules make it, before label noise and missing cells.
    struct Meeting: Sendable {
        /// Position in drawing order; breaks ties when sorting a week.
        var order: Int
        var week: Int
        /// 0 = Monday … 6 = Sunday.
        var weekday: Int
        /// Minutes after midnight, a multiple of 15.
        var start: Int
        /// Minutes, a multiple of 15.
        var duration: Int
        var location: String
        var event: String
        var attendee: Person
        var attendees: Int
        /// Which of the five attendee cells are written as missing.
        var blanks: [Bool] = []
    }

    /// How often each kind of event is drawn, per thousand meetings, before
    /// ``WeekPlan`` caps classes and seminars. Thesis defenses start in the
    /// second year.
    static func eventMix(year2: Bool) -> [(String, Int)] {
        [
            ("meeting", year2 ? 435 : 460), ("class", 120), ("advising", 100), ("lunch", 100),
            ("committee", 100), ("seminar", 80), ("interview", year2 ? 35 : 40), ("defense", year2 ? 30 : 0),
        ]
    }

    /// The recurring events already placed in a week: the course meets at
    /// most once on each of its two days, the seminar and the dean's
    /// committee at most once a week. An event the plan does not allow is
    /// drawn again; a second committee that week is chaired by someone else.
    struct WeekPlan: Sendable {
        var classDays: [Int] = []
        var seminar = false
        var deansCommittee = false

        func allows(_ event: String) -> Bool {
            switch event {
            case "class": classDays.count < 2
            case "seminar": !seminar
            default: true
            }
        }
    }

    /// Which group the (main) attendee of an event comes from, by weight.
    static func attendeeGroups(for event: String, year2: Bool) -> [(String, Int)] {
        switch event {
        case "class": [("ugrad-program", 1)]
        case "advising": [("ugrad-program", 80), ("ml-lab", 20)]
        case "lunch":
            [
                ("ml-lab", 30), ("theory", 20), ("external", 20), ("statistics", 10), ("signal-processing", 10),
                ("robotics-lab", 10),
            ]
        case "committee": [("dean-office", 40), ("theory", 25), ("robotics-lab", 20), ("signal-processing", 15)]
        case "seminar": [("external", 60), ("theory", 15), ("robotics-lab", 15), ("statistics", 10)]
        case "interview": [("faculty-search", 1)]
        case "defense": [("ml-lab", 70), ("robotics-lab", 30)]
        default:
            [
                ("ml-lab", 36), ("robotics-lab", 14), ("theory", 12), ("external", 10), ("signal-processing", 8),
                ("cs-office", 8), ("statistics", 7), ("dean-office", 5), ("vision-lab", year2 ? 8 : 0),
            ]
        }
    }

    /// Draws meeting number `order`, held in semester week `week`.
    static func drawMeeting(order: Int, week: Int, plan: inout WeekPlan, cast: inout Cast, rng: inout SplitMix64)
        -> Meeting
    {
        let year2 = week >= weeksPerYear
        var event = draw(eventMix(year2: year2), &rng)
        while !plan.allows(event) { event = draw(eventMix(year2: year2), &rng) }
        var groups = attendeeGroups(for: event, year2: year2)
        if event == "committee" && plan.deansCommittee { groups.removeAll { $0.0 == "dean-office" } }
        let group = draw(groups, &rng)
        if event == "committee" && group == "dean-office" { plan.deansCommittee = true }
        let position = event == "defense" ? "grad-student" : nil
        let person = cast.pick(group: group, position: position, year2: year2, rng: &rng)
        let attendees = headcount(event: event, group: group, rng: &rng)
        var day = weekday(event: event, person: person, attendees: attendees, year2: year2, rng: &rng)
        if event == "class" {
            if plan.classDays.contains(day) { day = day == 1 ? 3 : 1 }  // the other of Tuesday and Thursday
            plan.classDays.append(day)
        }
        if event == "seminar" { plan.seminar = true }
        var meeting = Meeting(
            order: order, week: week, weekday: day,
            start: start(event: event, person: person, year2: year2, rng: &rng),
            duration: duration(event: event, person: person, attendees: attendees, year2: year2),
            location: location(event: event, person: person, attendees: attendees, year2: year2),
            event: event, attendee: person, attendees: attendees)
        if event == "meeting" || event == "lunch" { breakHabits(of: &meeting, rng: &rng) }
        return meeting
    }

    /// Ordinary meetings and lunches follow their habits only usually: one in
    /// five is elsewhere (the lab room is taken, so the office; the office is
    /// crowded, so the conference room; the other lunch place), one in four
    /// starts at another time of the working day, three in ten fall on
    /// another weekday, one in five runs a step shorter or longer.
    ///
    /// Unlike label noise these exceptions are part of the user's behaviour:
    /// they keep the rules from being a lookup table, so that a tree has to
    /// weigh evidence and λ has something to decide.
    static func breakHabits(of meeting: inout Meeting, rng: inout SplitMix64) {
        let moves = chance(0.2, &rng)
        let reschedules = chance(0.25, &rng)
        let changesDay = chance(0.3, &rng)
        let overruns = chance(0.2, &rng)
        let otherStart = 9 * 60 + 15 * rng.nextInt(below: 32)  // 09:00 to 16:45
        let otherDay = rng.nextInt(below: 5)
        let longer = chance(0.5, &rng)
        if moves {
            switch meeting.location {
            case "nsh-1305", "ghc-8102", "nsh-3305", "nsh-4201": meeting.location = "weh-5309"
            case "weh-5309": meeting.location = "weh-4623"
            case "skibo-cafe": meeting.location = "faculty-club"
            case "faculty-club": meeting.location = "skibo-cafe"
            default: break
            }
        }
        if reschedules { meeting.start = otherStart }
        if changesDay { meeting.weekday = otherDay }
        if overruns {
            let steps = [15, 30, 45, 60, 90]
            if let i = steps.firstIndex(of: meeting.duration) {
                meeting.duration = steps[longer ? min(i + 1, steps.count - 1) : max(i - 1, 0)]
            }
        }
    }

    /// How many people attend, the user included.
    static func headcount(event: String, group: String, rng: inout SplitMix64) -> Int {
        func between(_ low: Int, _ high: Int) -> Int { low + rng.nextInt(below: high - low + 1) }
        switch event {
        case "class": return between(20, 60)
        case "seminar": return between(12, 45)
        case "committee": return between(4, 9)
        case "lunch": return between(2, 4)
        case "advising": return between(2, 3)
        case "interview": return between(2, 4)
        case "defense": return between(5, 12)
        default:
            let lab = group.hasSuffix("-lab")
            return chance(lab ? 0.3 : 0.2, &rng) ? between(4, lab ? 9 : 6) : between(2, 3)
        }
    }

    /// Where: fixed rooms for classes, seminars, interviews, defenses and
    /// advising; by group and size for ordinary meetings.
    static func location(event: String, person: Person, attendees: Int, year2: Bool) -> String {
        switch event {
        case "class": return "dh-2210"
        case "seminar": return year2 ? "ghc-6115" : "weh-7500"
        case "lunch": return ["grad-student", "undergrad"].contains(person.position) ? "skibo-cafe" : "faculty-club"
        case "committee": return person.group == "dean-office" ? "wh-600" : "weh-4623"
        case "interview", "defense": return "weh-4623"
        case "advising": return "weh-5309"
        default:
            switch person.group {
            case "dean-office": return "wh-600"
            case "ml-lab": return year2 ? "ghc-8102" : "nsh-1305"
            case "robotics-lab": return "nsh-3305"
            case "vision-lab": return "nsh-4201"
            default: return attendees >= 4 ? "weh-4623" : "weh-5309"
            }
        }
    }

    /// When, in minutes after midnight: by event type, and for ordinary
    /// meetings by group and position.
    static func start(event: String, person: Person, year2: Bool, rng: inout SplitMix64) -> Int {
        func oneOf(_ times: [Int]) -> Int { times[rng.nextInt(below: times.count)] }
        func at(_ hour: Int, _ minute: Int = 0) -> Int { hour * 60 + minute }
        switch event {
        case "class": return at(10, 30)
        case "seminar": return year2 ? at(12) : at(15, 30)
        case "lunch": return oneOf([at(12), at(12, 30)])
        case "committee": return person.group == "dean-office" ? at(8, 30) : oneOf([at(14), at(15), at(16)])
        case "interview": return oneOf([at(9), at(9, 30), at(10), at(10, 30), at(11), at(11, 30)])
        case "advising": return oneOf([at(13), at(13, 15), at(13, 30)])
        case "defense": return at(14)
        default:
            switch (person.group, person.position) {
            case ("dean-office", _): return oneOf([at(8), at(8, 30)])
            case ("ml-lab", "grad-student"): return oneOf([at(17), at(17, 30), at(18)])
            case ("ml-lab", _): return oneOf([at(15), at(16)])
            case ("robotics-lab", _), ("cs-office", _): return oneOf([at(9), at(9, 30), at(10), at(11)])
            case ("vision-lab", _), ("external", _): return oneOf([at(10), at(11)])
            default: return oneOf([at(14), at(14, 30), at(15), at(16)])
            }
        }
    }

    /// Which day (0 = Monday): by event type, and for ordinary meetings by group.
    static func weekday(event: String, person: Person, attendees: Int, year2: Bool, rng: inout SplitMix64) -> Int {
        let (mon, tue, wed, thu, fri, sat) = (0, 1, 2, 3, 4, 5)
        switch event {
        case "class": return chance(0.5, &rng) ? tue : thu
        case "seminar": return year2 ? fri : wed
        case "lunch": return chance(0.5, &rng) ? fri : rng.nextInt(below: 4)
        case "committee": return person.group == "dean-office" ? mon : thu
        case "advising": return wed
        case "interview", "defense": return rng.nextInt(below: 5)
        default:
            switch person.group {
            case "dean-office": return mon
            case "ml-lab" where attendees >= 4: return mon
            case "ml-lab" where person.position == "grad-student": return chance(0.1, &rng) ? sat : thu
            case "ml-lab": return thu
            case "robotics-lab", "theory": return tue
            case "vision-lab", "statistics": return wed
            case "signal-processing": return thu
            case "cs-office": return fri
            default: return rng.nextInt(below: 5)
            }
        }
    }

    /// How long, in minutes: by event type, and for ordinary meetings by
    /// size and the attendee's position.
    static func duration(event: String, person: Person, attendees: Int, year2: Bool) -> Int {
        switch event {
        case "class": return 75
        case "seminar": return year2 ? 90 : 60
        case "lunch": return person.position == "visitor" ? 90 : 60
        case "committee": return person.group == "dean-office" ? 60 : 90
        case "interview", "advising": return 30
        case "defense": return 120
        default:
            if attendees >= 4 { return 60 }
            switch person.position {
            case "faculty", "dean": return 60
            case "visitor": return 45
            case "staff": return 15
            default: return 30
            }
        }
    }
}
