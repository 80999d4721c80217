import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

/// What the command line says about its input: names shown in full, and one
/// line on standard error for each leniency a user may not expect. Expected
/// lines written out by hand from the small files below.
struct InputNoticeTests {
    @Test func describeShowsLongNamesInFullAndCountsInTheSingular() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let long = "attendee_department_of_the_organiser_at_booking"
        let longClass = "the_large_conference_room_on_the_third_floor"
        let data = try CLI.file("d.csv", "\(long),room\n1,\(longClass)\n2,small\n", in: folder)
        let result = CLI.run(["describe", data, "--tasks", "room"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "d: 2 rows, 2 columns (1 input, 1 task, 0 ignored)")
        #expect(lines.contains { $0.hasPrefix(long + "  input    numeric") })
        #expect(lines.contains("task room: 2 classes, 2 labelled rows"))
        #expect(lines.contains { $0.hasPrefix("  " + longClass + "       1") })
    }

    @Test func aMainTaskNotAmongTheTasksIsAddedWithANotice() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = try CLI.file("d.csv", "a,b,c\nx,p,1\ny,q,2\n", in: folder)
        let result = CLI.run(["describe", data, "--tasks", "b", "--main", "a", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr == "note: the main task 'a' is not in --tasks; it is learned as a task too\n")
        // Listed, or no --tasks at all: nothing to say.
        #expect(CLI.run(["describe", data, "--tasks", "b,a", "--main", "a"]).stderr.isEmpty)
        #expect(CLI.run(["describe", data, "--main", "a"]).stderr.isEmpty)
    }

    @Test func tasksFollowTheOrderGivenInTasks() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var text = "x,a,b,c\n"
        for i in 0 ..< 12 { text += "\(i % 3),\(i % 2),\(i % 3 == 0 ? "p" : "q"),\(i % 4)\n" }
        let data = try CLI.file("d.csv", text, in: folder)
        let model = folder + "/m.json"
        #expect(CLI.run(["train", data, "--tasks", "c,a", "--main", "all", "-o", model]).status == 0)
        let predicted = CLI.run(["predict", model, data])
        #expect(predicted.stdout.hasPrefix("c,a\n"), "\(predicted.stdout)")
        #expect(CLI.run(["train", data, "--tasks", "b,a", "-o", model]).status == 0)
        #expect(CLI.run(["predict", model, data]).stdout.hasPrefix("b,a\n"))
    }

    @Test func anARFFStringInputGetsANotice() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = try CLI.file(
            "d.arff", "@relation r\n@attribute text string\n@attribute y {p,q}\n@data\n'one',p\n'two',q\n'three',p\n", in: folder)
        let result = CLI.run(["describe", data, "--tasks", "y"])
        #expect(result.status == 0)
        #expect(
            result.stderr
                == "\(data): note: string attribute 'text' is read as a nominal input with 3 values; if it is free text, --ignore text leaves it out\n")
        #expect(CLI.run(["describe", data, "--tasks", "y", "--ignore", "text"]).stderr.isEmpty)
        #expect(CLI.run(["describe", data, "--tasks", "text,y"]).stderr.isEmpty)
    }

    @Test func aDelimiterThatGivesOneColumnIsCalledWrong() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = try CLI.file("d.csv", "a,b,class\n1,2,x\n", in: folder)
        let result = CLI.run(["describe", data, "--delimiter", ";"])
        #expect(result.status == 0)
        #expect(result.stderr == "\(data): note: the header reads as one column with the delimiter ';', but it holds ',': try --delimiter ','\n")
        expectError(
            CLI.run(["describe", data, "--delimiter", ";", "--tasks", "class"]), 64,
            "mtltree describe: \(data): error: the header reads as one column with the delimiter ';', but it holds ',': "
                + "is the delimiter ','? (no column named 'class' (named as a task). Columns: a,b,class)")
        let semicolons = try CLI.file("s.csv", "a;b;class\n1;2;x\n", in: folder)
        #expect(CLI.run(["describe", semicolons]).stderr.hasSuffix("but it holds ';': try --delimiter ';'\n"))
        #expect(CLI.run(["describe", semicolons, "--delimiter", ";"]).stderr.isEmpty)
    }

    @Test func unseenValuesAtPredictionAreCounted() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var text = "x,z,y\n"
        for i in 0 ..< 10 { text += (i % 2 == 0 ? "a,u,yes\n" : "b,u,no\n") }
        let data = try CLI.file("train.csv", text, in: folder)
        let model = folder + "/m.json"
        #expect(CLI.run(["train", data, "--tasks", "y", "-o", model]).status == 0)
        let new = try CLI.file("new.csv", "x,z\na,u\nzz,u\nb,never\n", in: folder)
        let result = CLI.run(["predict", model, new])
        #expect(result.status == 0)
        // z is never tested, so its unseen value does not count.
        #expect(
            result.stderr
                == "\(new): note: 1 of 3 rows has a value never seen in training, such as x 'zz' (1 row); it is predicted from every branch of that test, weighted\n")
        #expect(CLI.run(["predict", model, data]).stderr.isEmpty)
    }

    @Test func classesRarerThanTheFoldsGetANotice() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var text = "x,t,y\n"
        for i in 0 ..< 20 { text += "\(i % 4),\(i % 2),\(i < 2 ? "rare" : i % 2 == 0 ? "a" : "b")\n" }
        let data = try CLI.file("d.csv", text, in: folder)
        let result = CLI.run(["evaluate", data, "--tasks", "y,t", "--main", "y", "--folds", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("note: 1 class of y with fewer rows than the 5 folds ('rare' 2); some test folds hold none of it\n"))
        #expect(!CLI.run(["evaluate", data, "--tasks", "y,t", "--main", "y", "--folds", "2"]).stderr.contains("fewer rows"))
        let tune = CLI.run(["tune", data, "--tasks", "t", "--main", "y", "--folds", "5", "--grid", "0,1"])
        #expect(tune.status == 0, "\(tune.stderr)")
        #expect(tune.stderr.contains("note: the main task 'y' is not in --tasks; it is learned as a task too\n"))
        #expect(tune.stderr.contains("note: 1 class of y with fewer rows than the 5 folds ('rare' 2); some test folds hold none of it\n"))
    }
}
