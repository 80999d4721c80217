/// The natural order of class names: numbers as numbers, first, then text,
/// with runs of digits inside the text compared as numbers.
///
/// A CSV file declares no classes, so its task's classes are put in this
/// order once read, instead of the order in which rows happen to show them:
/// `0, 1, 2, 10` rather than `0, 2, 1, 10`, `class2` before `class10`. The
/// order decides the columns of predicted probabilities and which class wins
/// a tie, so it is part of the model; it depends only on the set of class
/// names, never on the row order.
///
/// - Numbers (as the CSV reader reads them: `-1.5`, `2`, `1e3`) come first,
///   by value; equal values written differently (`1`, `1.0`) by their text.
/// - Other names follow, compared piece by piece: a run of ASCII digits
///   against a run of digits by its value (leading zeros aside), anything else
///   by Unicode scalar values (so `B` before `a`: no locale, the same on
///   every machine), a digit run before other text. Names equal that way
///   (`a01`, `a1`) go by their Unicode scalar values.
enum NaturalOrder {
    /// Whether class name `a` comes before `b`.
    static func precedes(_ a: String, _ b: String) -> Bool {
        switch (DecimalParser.parse(a), DecimalParser.parse(b)) {
        case let (x?, y?): return x != y ? x < y : scalarsPrecede(a, b)
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil):
            switch compareRuns(Array(a.unicodeScalars), Array(b.unicodeScalars)) {
            case .some(let less): return less
            case nil: return scalarsPrecede(a, b)
            }
        }
    }

    /// The indices of `names` in natural order.
    ///
    /// - Complexity: O(n log n) comparisons of names.
    static func order(_ names: [String]) -> [Int] {
        names.indices.sorted { precedes(names[$0], names[$1]) }
    }

    /// `a` before `b` by Unicode scalar values, shorter first on a common prefix.
    private static func scalarsPrecede(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }

    /// Whether `a` comes before `b` piece by piece, or `nil` if they are equal that way.
    private static func compareRuns(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool? {
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            let aDigit = isDigit(a[i])
            let bDigit = isDigit(b[j])
            guard aDigit == bDigit else { return aDigit }
            guard aDigit else {
                if a[i] != b[j] { return a[i].value < b[j].value }
                i += 1
                j += 1
                continue
            }
            let aEnd = a[i...].firstIndex { !isDigit($0) } ?? a.count
            let bEnd = b[j...].firstIndex { !isDigit($0) } ?? b.count
            // Values of arbitrary length: drop leading zeros, then longer is larger.
            let x = a[i ..< aEnd].drop { $0 == "0" }
            let y = b[j ..< bEnd].drop { $0 == "0" }
            if x.count != y.count { return x.count < y.count }
            if let k = zip(x, y).first(where: { $0 != $1 }) { return k.0.value < k.1.value }
            i = aEnd
            j = bEnd
        }
        if i < a.count || j < b.count { return i == a.count }
        return nil
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
}

extension NominalColumn {
    /// The same column with its values in ``NaturalOrder`` and its codes renumbered to match.
    ///
    /// - Complexity: O(rows + values log values).
    func naturallyOrdered() -> NominalColumn {
        let order = NaturalOrder.order(values)
        guard order != Array(values.indices) else { return self }
        var renumber = [Int32](repeating: 0, count: values.count)
        for (new, old) in order.enumerated() { renumber[old] = Int32(new) }
        return NominalColumn(codes: codes.map { $0 < 0 ? $0 : renumber[Int($0)] }, values: order.map { values[$0] })
    }
}
