import Foundation
import MTLTreeKit

/// Progress of a long command on standard error, redrawn in place:
/// `evaluate: 7/30 folds, about 12 s left`.
///
/// Shown only when standard error is a terminal and `--quiet` was not given,
/// so that logs and pipes stay clean. Drawn at once, and redrawn every
/// second with the time so far until the first step completes (a first fold
/// on wide data can take a minute); then at most ten times a second.
/// ``finish()`` erases the line.
final class ProgressMeter: @unchecked Sendable {
    private let console: Console
    private let label: String
    private let unit: String
    private let started = Date()
    private let lock = NSLock()
    private var lastDrawn: Date?
    private var drawn = false
    private var finished = false
    private var completed = 0
    private var total = 0

    /// A meter for `label` (the command) counting `unit`s (folds, steps).
    init(console: Console, label: String, unit: String) {
        self.console = console
        self.label = label
        self.unit = unit
    }

    /// A meter if progress should be shown, else `nil`; it shows at once and ticks until the first step.
    static func make(console: Console, quiet: Bool, label: String, unit: String) -> ProgressMeter? {
        guard console.stderrIsTerminal, !quiet else { return nil }
        let meter = ProgressMeter(console: console, label: label, unit: unit)
        meter.startTicking()
        return meter
    }

    /// Redraws the line every second until the first step completes or the meter finishes.
    private func startTicking() {
        lock.withLock { draw(Date()) }
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 1)
                let stop = lock.withLock { () -> Bool in
                    guard !finished, completed == 0 else { return true }
                    draw(Date())
                    return false
                }
                if stop { return }
            }
        }
        thread.start()
    }

    /// The handler to give the library.
    var handler: ProgressHandler {
        { [self] completed, total in self.update(completed, total) }
    }

    /// Redraws the line for `completed` of `total`.
    func update(_ completed: Int, _ total: Int) {
        lock.withLock {
            guard !finished else { return }
            self.completed = completed
            self.total = total
            let now = Date()
            if let lastDrawn, now.timeIntervalSince(lastDrawn) < 0.1, completed < total { return }
            draw(now)
        }
    }

    /// Draws the line (the lock held): the count, and the time left, or before the first step the time so far.
    private func draw(_ now: Date) {
        lastDrawn = now
        drawn = true
        var line = "\(label): \(completed)/\(total > 0 ? String(total) : "?") \(unit)"
        let elapsed = now.timeIntervalSince(started)
        if completed > 0, completed < total {
            line += ", about " + Self.duration(elapsed / Double(completed) * Double(total - completed)) + " left"
        } else if completed == 0 {
            line += ", " + Self.duration(elapsed) + " so far"
        }
        console.err("\r\u{1B}[2K" + line)
    }

    /// Erases the progress line.
    func finish() {
        lock.withLock {
            if drawn { console.err("\r\u{1B}[2K") }
            drawn = false
            finished = true
        }
    }

    /// `< 1 s`, `12 s`, `3 min 5 s`, `1 h 2 min`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 1 else { return "< 1 s" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(s % 60) s" }
        return "\(s / 3600) h \(s % 3600 / 60) min"
    }
}
