import Foundation
import MTLTreeKit

/// A small command-line argument list that subcommands consume option by option.
///
/// Options may be written `--name value` or `--name=value`; flags stand alone.
/// A `--` ends the options: every item after it is a positional argument
/// (a file whose name starts with `-`).
/// After a command has taken every option it knows, ``finish()`` rejects what
/// is left with a usage error that suggests the closest known option.
struct Arguments {
    private var items: [String?]
    private var known: [String] = []

    init(_ arguments: [String]) { items = arguments }

    /// Whether any of `names` is present (removed from the list).
    mutating func flag(_ names: String...) -> Bool {
        known += names
        var found = false
        for i in items.indices[..<optionsEnd] where items[i].map(names.contains) == true {
            items[i] = nil
            found = true
        }
        return found
    }

    /// The value of any of `names`, if present.
    ///
    /// - Throws: A usage error if the option is given more than once: a
    ///   single-valued option repeated would let a later value hide an
    ///   earlier, unchecked one (`--max-depth=-inf --max-depth 1`).
    mutating func value(_ names: String...) throws -> String? {
        let found = try collect(names)
        guard found.count <= 1 else {
            let shown = found.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (found.count > 3 ? ", …" : "")
            throw MTLError(.usage, "\(names.last!) is given \(found.count) times (\(shown)); give it once")
        }
        return found.first
    }

    /// Every value given to any of `names`, in order (a repeatable option).
    mutating func values(_ names: String...) throws -> [String] {
        try collect(names)
    }

    /// A whole number option, checked against `range`.
    mutating func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = try value(name) else { return nil }
        guard let n = Int(text), range.contains(n) else {
            throw MTLError(.usage, "\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return n
    }

    /// Every occurrence of an option whose value may be left out, in order,
    /// consumed: the value after `=` (`inline`), else the next item if
    /// `takesNext` accepts it, else no value.
    private mutating func optionalOccurrences(
        _ name: String, takesNext: (String) -> Bool
    ) -> [(value: String?, inline: Bool)] {
        known.append(name)
        var found: [(value: String?, inline: Bool)] = []
        let end = optionsEnd
        var i = items.startIndex
        while i < end {
            defer { i += 1 }
            guard let item = items[i] else { continue }
            if item == name {
                items[i] = nil
                if i + 1 < end, let next = items[i + 1], takesNext(next) {
                    found.append((next, false))
                    items[i + 1] = nil
                    i += 1
                } else {
                    found.append((nil, false))
                }
            } else if item.hasPrefix(name + "=") {
                found.append((String(item.dropFirst(name.count + 1)), true))
                items[i] = nil
            }
        }
        return found
    }

    /// An option whose value may be left out (`--forest` or `--forest 50`):
    /// `nil` if absent; `fallback` if given without a whole number after it;
    /// else that number, checked against `range`.
    mutating func optionalInteger(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int? {
        guard let given = optionalOccurrences(name, takesNext: { Int($0) != nil }).last else { return nil }
        guard let text = given.value else { return fallback }
        guard let n = Int(text), range.contains(n) else {
            throw MTLError(.usage, "\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return n
    }

    /// An option whose value may be left out and is one of `choices`
    /// (`--probabilities` or `--probabilities raw`): `nil` if absent;
    /// `fallback` if not followed by one of `choices`; else that choice.
    ///
    /// - Throws: A usage error for `--name=value` with a value not among `choices`.
    mutating func optionalChoice(_ name: String, default fallback: String, among choices: [String]) throws -> String? {
        let occurrences = optionalOccurrences(name, takesNext: { choices.contains($0) })
        if let bad = occurrences.first(where: { $0.inline && !choices.contains($0.value ?? "") }), let value = bad.value {
            throw MTLError(.usage, "\(name) takes " + choices.joined(separator: " or ") + ", not '\(value)'")
        }
        guard let given = occurrences.last else { return nil }
        return given.value ?? fallback
    }

    /// A real number option, checked against `range`.
    mutating func real(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = try value(name) else { return nil }
        guard let x = Double(text), x.isFinite, range.contains(x) else {
            throw MTLError(.usage, "\(name) takes a number from \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound)), not '\(text)'")
        }
        return x
    }

    /// A comma-separated list option (repeatable; all occurrences joined).
    /// Spaces around each name are dropped (`--tasks "class, date"`).
    mutating func list(_ names: String...) throws -> [String] {
        try collect(names).flatMap { item in
            item.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    /// Takes every remaining item that is not an option, in order.
    ///
    /// - Throws: A usage error for any remaining item that looks like an option.
    mutating func positionals() throws -> [String] {
        var result: [String] = []
        var afterDoubleDash = false
        for i in items.indices {
            guard let item = items[i] else { continue }
            if !afterDoubleDash && item == "--" {
                afterDoubleDash = true
                items[i] = nil
                continue
            }
            if !afterDoubleDash && item.hasPrefix("-") && item != "-" {
                let name = String(item.split(separator: "=", maxSplits: 1)[0])
                var message = "unknown option '\(name)'"
                if let best = closestOption(to: name) { message += "; did you mean '\(best)'?" }
                throw MTLError(.usage, message)
            }
            result.append(item)
            items[i] = nil
        }
        return result
    }

    /// Exactly `count` positional arguments, named in `names` for the error message.
    mutating func positionals(_ names: String...) throws -> [String] {
        let found = try positionals()
        guard found.count == names.count else {
            if found.count < names.count {
                throw MTLError(.usage, "missing \(names[found.count...].joined(separator: " and "))")
            }
            throw MTLError(.usage, "unexpected argument '\(found[names.count])'")
        }
        return found
    }

    /// Rejects whatever is left, for a command that takes no positional arguments.
    ///
    /// - Throws: A usage error for an unknown option or an unexpected argument.
    mutating func finish() throws {
        if let extra = try positionals().first { throw MTLError(.usage, "unexpected argument '\(extra)'") }
    }

    /// Whether a word is an option rather than a value: `--name`, or one of the
    /// short options (a negative number such as `-1` is a value).
    private static func looksLikeOption(_ word: String) -> Bool {
        (word.hasPrefix("--") && word.count > 2) || ["-o", "-h", "-q"].contains(word)
    }

    private func closestOption(to name: String) -> String? {
        closestMatch(to: name, in: known)
    }

    /// Where the options end: at the first `--` still in the list, else at its end.
    private var optionsEnd: Int {
        items.firstIndex { $0 == "--" } ?? items.endIndex
    }

    private mutating func collect(_ names: [String]) throws -> [String] {
        known += names
        var result: [String] = []
        let end = optionsEnd
        var i = items.startIndex
        while i < end {
            defer { i += 1 }
            guard let item = items[i] else { continue }
            if names.contains(item) {
                guard i + 1 < end, let value = items[i + 1] else {
                    throw MTLError(.usage, "\(item) needs a value")
                }
                // `--tasks --main T`: the value was forgotten (write `--tasks=--x` for a name that starts so).
                if Self.looksLikeOption(value) {
                    throw MTLError(.usage, "\(item) needs a value, not the option '\(value)'")
                }
                result.append(value)
                items[i] = nil
                items[i + 1] = nil
                i += 1
            } else if let eq = item.firstIndex(of: "="), names.contains(String(item[..<eq])) {
                result.append(String(item[item.index(after: eq)...]))
                items[i] = nil
            }
        }
        return result
    }
}

