import Foundation
import MTLTreeKit

/// Progress of a long command on standard error, redrawn in place:
/// `evaluate: 7/30 folds, about 12 s left`.
///
/// Shown only when standard error is a terminal and `--quiet` was not given,
/// so that logs and pipes stay clean. Redraws at most ten times a second;
/// ``finish()`` erases the line.
final class ProgressMeter: @unchecked Sendable {
    private let console: Console
    private let label: String
    private let unit: String
    private let started = Date()
    private let lock = NSLock()
    private var lastDrawn: Date?
    private var drawn = false

    /// A meter for `label` (the command) counting `unit`s (folds, steps).
    init(console: Console, label: String, unit: String) {
        self.console = console
        self.label = label
        self.unit = unit
    }

    /// A meter if progress should be shown, else `nil`.
    static func make(console: Console, quiet: Bool, label: String, unit: String) -> ProgressMeter? {
        guard console.stderrIsTerminal, !quiet else { return nil }
        return ProgressMeter(console: console, label: label, unit: unit)
    }

    /// The handler to give the library.
    var handler: ProgressHandler {
        { [self] completed, total in self.update(completed, total) }
    }

    /// Redraws the line for `completed` of `total`.
    func update(_ completed: Int, _ total: Int) {
        lock.withLock {
            let now = Date()
            if let lastDrawn, now.timeIntervalSince(lastDrawn) < 0.1, completed < total { return }
            lastDrawn = now
            drawn = true
            var line = "\(label): \(completed)/\(total) \(unit)"
            let elapsed = now.timeIntervalSince(started)
            if completed > 0, completed < total {
                line += ", about " + Self.duration(elapsed / Double(completed) * Double(total - completed)) + " left"
            }
            console.err("\r\u{1B}[2K" + line)
        }
    }

    /// Erases the progress line.
    func finish() {
        lock.withLock {
            if drawn { console.err("\r\u{1B}[2K") }
            drawn = false
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
