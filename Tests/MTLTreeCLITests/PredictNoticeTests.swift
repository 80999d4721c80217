import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

/// predict and score say on standard error what train and describe say
/// about a data file the readers took leniently (a string attribute read as
/// nominal, a delimiter that gives one column), and which rows hold values
/// the model never saw; and train reports weighted rows by their weights.
/// Expected lines written out by hand.
struct PredictNoticeTests {
    @Test func predictAndScoreGiveTheReadersNotices() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var text = "@relation r\n@attribute text string\n@attribute other string\n@attribute y {p,q}\n@data\n"
        for i in 0 ..< 6 { text += i % 2 == 0 ? "'one','x',p\n" : "'two','y',q\n" }
        let data = try CLI.file("d.arff", text, in: folder)
        let model = folder + "/m.json"
        #expect(CLI.run(["train", data, "--tasks", "y", "--ignore", "other", "-o", model]).status == 0)
        // 'other' is not an input of the model: nothing to say about it.
        let line = "\(data): note: string attribute 'text' is read as a nominal input with 2 values, as the model reads it\n"
        let predicted = CLI.run(["predict", model, data])
        #expect(predicted.status == 0 && predicted.stderr == line, "\(predicted.stderr)")
        let scored = CLI.run(["score", model, data])
        #expect(scored.status == 0 && scored.stderr == line, "\(scored.stderr)")
        let piped = try CLI.process(
            ["predict", model, "-", "--input-format", "arff"], standardInput: try FileHandle(forReadingFrom: URL(fileURLWithPath: data)))
        #expect(piped.stderr == "-: note: string attribute 'text' is read as a nominal input with 2 values, as the model reads it\n")

        // Task options copied from train's command line are ignored, with a note: unlabelled data predict.
        let unlabelled = try CLI.file("u.csv", "text\none\ntwo\n", in: folder)
        let copied = CLI.run(["predict", model, unlabelled, "--tasks", "y", "--main", "y"])
        #expect(copied.status == 0 && copied.stdout == "y\np\nq\n", "\(copied.stderr)")
        #expect(copied.stderr == "note: predict takes the tasks from the model; --tasks, --main ignored\n")
        #expect(CLI.run(["score", model, data, "--tasks", "y"]).stderr == "note: score takes the tasks from the model; --tasks ignored\n" + line)

        // A wrong delimiter: the notice, then the error it explains.
        let csv = try CLI.file("n.csv", "text,y\none,p\nthree,q\n", in: folder)
        let wrong = CLI.run(["predict", model, csv, "--delimiter", ";"])
        #expect(wrong.status == 65)
        #expect(wrong.stderr.hasPrefix("\(csv): note: the header reads as one column with the delimiter ';', but it holds ',': try --delimiter ','\n"))
        // Right, and a value never seen: score counts it as predict does.
        let unseen = "\(csv): note: 1 of 2 rows has a value never seen in training, such as text 'three' (1 row); "
            + "it is predicted from every branch of that test, weighted\n"
        #expect(CLI.run(["predict", model, csv]).stderr == unseen)
        #expect(CLI.run(["score", model, csv]).stderr == unseen)
    }

    @Test func trainReportsWeightedRowsByWeight() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // a: p weighs 1 + 2, q 0.5; b: q weighs 1 + 3, p 0.25: right 7 of 7.75 = 0.9032.
        let data = try CLI.file(
            "w.arff",
            "@relation w\n@attribute x {a,b}\n@attribute y {p,q}\n@data\na,p,{1}\na,p,{2}\na,q,{0.5}\nb,q,{1}\nb,q,{3}\nb,p,{0.25}\n",
            in: folder)
        let run = CLI.run(["train", data, "--tasks", "y", "--no-prune", "--min-leaf", "1", "-o", folder + "/m.json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("trained on w: 6 rows, 1 input, 1 task in "), "\(run.stdout)")
        #expect(run.stdout.contains("\ny      1.000  0.9032  (7/7.75)\n"), "\(run.stdout)")
    }

    /// A meeting log read without --calendar lacks the derived inputs a
    /// calendar model tests: the error says to add --calendar. With it,
    /// --keep still copies the log's raw date and start.
    @Test func aMeetingLogWithoutCalendarIsToldToAddIt() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Fall 2023 meetings in one room, spring 2024 in another: the tree tests the semester.
        var text = "date,start,end,location,event_type\n"
        for d in 4 ... 9 { text += "2023-09-0\(d),10:00,11:00,wh-600,meeting\n2024-02-0\(d),10:00,11:00,nsh-3305,meeting\n" }
        let log = try CLI.file("log.csv", text, in: folder)
        let plain = CLI.run(["train", log, "--main", "location", "-o", folder + "/plain.json"])
        #expect(plain.status == 0)
        #expect(
            plain.stderr.hasPrefix("\(log): note: this looks like a meeting log (date, start, location); --calendar reads it as one, "
                + "with the tasks location, time_of_day, day_of_week and duration\n"), "\(plain.stderr)")
        let model = folder + "/m.json"
        #expect(CLI.run(["train", log, "--calendar", "--tasks", "location", "--lambda", "1", "-o", model]).status == 0)
        // --keep copies the log's own date and start, which --calendar turns into derived columns.
        let kept = CLI.run(["predict", model, log, "--calendar", "--keep", "date,start"])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stdout.hasPrefix("date,start,location\n2023-09-04,10:00,wh-600\n2024-02-04,10:00,nsh-3305\n"), "\(kept.stdout)")
        let hint = "error: the data have no column 'semester', an input the model tests "
            + "(their columns: date, start, end, location, event_type); "
            + "the model was trained on a meeting log read with --calendar: add --calendar"
        expectError(CLI.run(["predict", model, log]), 65, "mtltree predict: \(log): " + hint)
        expectError(CLI.run(["score", model, log]), 65, "mtltree score: \(log): " + hint)
    }
}
