import MTLTreeKit

/// The people of the synthetic calendar: the user's colleagues, students and
/// visitors, each with the string attributes CAP learned from.
extension CalendarGenerator {
    /// Someone who attends the user's meetings.
    struct Person: Sendable, Equatable {
        var name: String
        var position: String
        var department: String
        var group: String
        /// Joins in the second academic year (a new student or hire).
        var arrivesInYear2 = false
        /// Already known to the user when the log starts; anyone else becomes
        /// known after their first meeting.
        var knownAtStart = true
    }

    /// The people who recur in the log, by group. Faculty candidates are made
    /// up as they come (see ``Cast/candidate(rng:)``).
    static let regulars: [Person] = {
        var people: [Person] = []
        func add(_ group: String, _ department: String, _ position: String, _ names: [String], year2: Bool = false) {
            for name in names {
                people.append(
                    Person(
                        name: name, position: position, department: department, group: group,
                        arrivesInYear2: year2, knownAtStart: !year2))
            }
        }
        add("ml-lab", "cs", "grad-student", ["chen", "garcia", "patel", "kim", "nguyen", "okafor", "rossi", "silva"])
        add("ml-lab", "cs", "undergrad", ["baker", "ortiz"])
        add("ml-lab", "cs", "grad-student", ["haddad", "ivanova", "mensah"], year2: true)
        add("robotics-lab", "robotics", "faculty", ["hebert", "kanade"])
        add("robotics-lab", "robotics", "grad-student", ["lopez", "tanaka", "weber"])
        add("vision-lab", "robotics", "faculty", ["torres"], year2: true)
        add("vision-lab", "robotics", "grad-student", ["yamada", "zhou"], year2: true)
        add("theory", "cs", "faculty", ["blum", "miller", "sleator", "wing"])
        add("signal-processing", "ece", "faculty", ["moura", "kovacevic"])
        add("signal-processing", "ece", "grad-student", ["ahmed"])
        add("statistics", "math", "faculty", ["wasserman", "fienberg"])
        add("dean-office", "admin", "dean", ["bryant"])
        add("dean-office", "admin", "staff", ["clark", "hughes"])
        add("cs-office", "cs", "staff", ["davis", "evans", "foster"])
        add("ugrad-program", "cs", "undergrad", ["adams", "brooks", "cole", "diaz", "ellis", "fox"])
        add("ugrad-program", "cs", "undergrad", ["grant", "hale", "irwin"], year2: true)
        // Colleagues from elsewhere who come to talk, give seminars or have
        // lunch, some of them more than once; the user has not met them before.
        for (name, department, year2) in [
            ("abbott", "cs", false), ("bishop", "ece", false), ("carver", "industry", false),
            ("dalton", "math", false), ("emery", "cs", false), ("fischer", "industry", false),
            ("gallo", "ece", false), ("hart", "cs", false), ("ingram", "industry", false),
            ("jensen", "math", false), ("keller", "cs", false), ("lind", "industry", false),
            ("marsh", "ece", false), ("nolan", "cs", false), ("olsen", "industry", false), ("pryor", "math", false),
            ("quinn", "psych", true), ("reyes", "linguistics", true), ("sato", "psych", true),
            ("thorne", "cs", true), ("ueda", "industry", true), ("vance", "linguistics", true),
        ] {
            people.append(
                Person(
                    name: name, position: "visitor", department: department, group: "external",
                    arrivesInYear2: year2, knownAtStart: false))
        }
        return people
    }()

    /// Surnames for faculty candidates, used in turn; a second pass through
    /// the list adds a digit (`wolfe2`) so that every candidate is new.
    static let candidateNames = [
        "wolfe", "xu", "young", "zeller", "alvarez", "bauer", "castro", "dixon", "engel", "ferris",
        "gomez", "holt", "iqbal", "joshi", "kraus", "lowe", "meyer", "novak", "oakes", "park",
        "ramos", "stone", "tate", "ulrich", "vogel", "walsh", "yates", "ziegler", "acosta", "bell",
        "cortes", "duval", "eklund", "farah", "greer", "hsu", "ito", "jaffe", "klein", "lucero",
    ]
    /// Departments a faculty candidate may come from.
    static let candidateDepartments = ["cs", "robotics", "ece", "stats"]

    /// Picks attendees, and remembers how many faculty candidates have come so far.
    struct Cast {
        private var candidatesSoFar = 0

        /// A uniformly chosen member of `group` present in that year,
        /// optionally restricted to one position; a new person for `faculty-search`.
        mutating func pick(group: String, position: String? = nil, year2: Bool, rng: inout SplitMix64) -> Person {
            if group == "faculty-search" { return candidate(rng: &rng) }
            let members = CalendarGenerator.regulars.filter {
                $0.group == group && (year2 || !$0.arrivesInYear2) && (position == nil || $0.position == position)
            }
            return members[rng.nextInt(below: members.count)]
        }

        /// A faculty candidate the user has never met.
        mutating func candidate(rng: inout SplitMix64) -> Person {
            let names = CalendarGenerator.candidateNames
            let round = candidatesSoFar / names.count
            let name = names[candidatesSoFar % names.count] + (round == 0 ? "" : String(round + 1))
            candidatesSoFar += 1
            let departments = CalendarGenerator.candidateDepartments
            let department = departments[rng.nextInt(below: departments.count)]
            return Person(
                name: name, position: "visitor", department: department, group: "faculty-search", knownAtStart: false)
        }
    }
}

extension CalendarGenerator {
    /// One of `choices`, drawn with probability proportional to its integer weight.
    static func draw<T>(_ choices: [(T, Int)], _ rng: inout SplitMix64) -> T {
        let total = choices.reduce(0) { $0 + $1.1 }
        var ticket = rng.nextInt(below: total)
        for (choice, weight) in choices {
            if ticket < weight { return choice }
            ticket -= weight
        }
        return choices[choices.count - 1].0
    }

    /// True with probability `p`. Draws one number whatever `p` is, so the
    /// draws that follow do not depend on `p`.
    static func chance(_ p: Double, _ rng: inout SplitMix64) -> Bool {
        rng.nextUnit() < p
    }
}
