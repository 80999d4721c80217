/// Why a cell could not be stored. The reader adds the file position and the
/// column's name when it turns this into an ``MTLError``.
enum CellError: Error, Equatable {
    /// A numeric attribute's cell is not a number.
    case notANumber
    /// A numeric attribute's cell is a number too large for a double.
    case notFinite
    /// A nominal attribute's cell is not one of its declared values.
    case undeclared
    /// A new nominal value is not valid UTF-8.
    case invalidUTF8
    /// A new nominal value would pass the limit on distinct values.
    case tooManyValues
}

/// One column being read, cell by cell: numbers go into a `[Double]`,
/// nominal values into codes through a ``ValueInterner``, so that no cell
/// becomes a `String` unless it is a new nominal value.
///
/// A CSV column's type is inferred in one pass (kind ``Kind/inferred``): it
/// stays numeric while every non-missing cell parses as a finite number.
/// While it does, the builder also interns the cells' texts and keeps their
/// codes, until the column shows more than ``trackingLimit`` distinct texts.
/// A text cell then turns the column nominal: if the texts were still being
/// tracked, the codes so far are its nominal codes (first-seen order, exact
/// text) and reading goes on; if not, the column is *deferred*: it drops its
/// numbers and the reader reads it again in a second pass over the file as
/// ``Kind/text``. Continuous columns stop tracking within a few thousand
/// rows, so they pay for hashing only briefly, and low-cardinality columns
/// (flags, codes) turn nominal for free whenever their first text shows up.
struct ColumnBuilder {
    /// How a column's cells are read.
    enum Kind: Equatable {
        /// CSV: numeric while every cell parses, else nominal.
        case inferred
        /// ARFF `numeric`: every cell must be a finite number.
        case numeric
        /// Nominal by exact text, codes in first-seen order; with
        /// `numericOrder`, every cell must be a number and the codes are
        /// finally sorted by value (an ARFF numeric attribute read as a task).
        case text(numericOrder: Bool)
        /// ARFF `{…}`: the declared values only, codes in declared order.
        case declared
    }

    private enum State {
        case numbers(tracking: Bool)
        case codes
        case deferred
    }

    /// How many distinct texts an inferred column tracks before it stops.
    static let trackingLimit = 1024

    /// How the column's cells are read.
    let kind: Kind
    /// The most distinct nominal values the column may have.
    let limit: Int
    private var state: State
    private var numbers: [Double] = []
    private var codes: [Int32] = []
    private var interner = ValueInterner()
    /// The number of cells appended.
    private(set) var count = 0

    /// Creates a builder for about `capacity` rows.
    ///
    /// - Parameters:
    ///   - kind: How cells are read.
    ///   - limit: The most distinct nominal values allowed.
    ///   - capacity: The expected number of rows, reserved up front.
    ///   - declared: For ``Kind/declared``, the values in declared order, distinct.
    init(kind: Kind, limit: Int, capacity: Int, declared: [String] = []) {
        self.kind = kind
        self.limit = limit
        switch kind {
        case .inferred:
            state = .numbers(tracking: true)
            numbers.reserveCapacity(capacity)
            codes.reserveCapacity(capacity)
        case .numeric:
            state = .numbers(tracking: false)
            numbers.reserveCapacity(capacity)
        case .text, .declared:
            state = .codes
            codes.reserveCapacity(capacity)
        }
        for value in declared { _ = interner.add(value) }
    }

    /// Whether the column turned nominal after it stopped tracking, so it
    /// must be read again.
    var isDeferred: Bool {
        if case .deferred = state { return true }
        return false
    }

    /// Appends a missing cell.
    mutating func appendMissing() {
        count += 1
        switch state {
        case .numbers(let tracking):
            numbers.append(.nan)
            if tracking { codes.append(NominalColumn.missing) }
        case .codes:
            codes.append(NominalColumn.missing)
        case .deferred:
            break
        }
    }

    /// Appends a cell that an ARFF sparse row leaves out: 0 for a number, the
    /// first declared value for a nominal attribute, missing for a string.
    mutating func appendDefault() throws(CellError) {
        switch kind {
        case .numeric, .inferred:
            count += 1
            numbers.append(0)
        case .declared:
            count += 1
            codes.append(interner.count > 0 ? 0 : NominalColumn.missing)
        case .text(let numericOrder):
            if numericOrder {
                var zero: [UInt8] = [UInt8(ascii: "0")]
                try zero.withUnsafeMutableBufferPointer { zero throws(CellError) in try append(UnsafeBufferPointer(zero)) }
            } else {
                appendMissing()
            }
        }
    }

    /// Appends a non-missing cell.
    ///
    /// - Parameter padded: Whether the sixteen bytes from the cell's start are
    ///   readable (a cell of a ``ByteSource`` buffer), for the word-at-a-time kernels.
    /// - Throws: ``CellError`` if the cell does not fit the column's kind.
    mutating func append(_ cell: UnsafeBufferPointer<UInt8>, padded: Bool = false) throws(CellError) {
        switch state {
        case .numbers(let tracking):
            if let x = padded ? DecimalParser.parse(padded: cell) : DecimalParser.parse(cell) {
                count += 1
                numbers.append(x)
                if tracking { track(cell, padded: padded) }
                return
            }
            guard kind == .inferred else {
                throw DecimalParser.isTooLarge(cell) ? .notFinite : .notANumber
            }
            numbers = []
            guard tracking else {
                count += 1
                codes = []
                state = .deferred
                return
            }
            state = .codes
            guard interner.count <= limit else { throw .tooManyValues }
            try appendCode(cell, padded: padded)
        case .codes:
            if case .text(numericOrder: true) = kind, DecimalParser.parse(cell) == nil {
                throw DecimalParser.isTooLarge(cell) ? .notFinite : .notANumber
            }
            try appendCode(cell, padded: padded)
        case .deferred:
            count += 1
        }
    }

    /// Appends field `slot` of every record of a CSV batch, missing cells
    /// being those that `markers` match.
    ///
    /// A numeric or interned column runs a loop specialised to its state; a
    /// cell that changes the state finishes the batch cell by cell.
    ///
    /// - Returns: The first record whose cell does not fit, and why (the cells
    ///   before it are appended), or `nil`.
    /// - Complexity: O(bytes of the column's cells in the batch).
    mutating func append(
        slot: Int, of batch: CSVBatch, bytes: UnsafeMutableBufferPointer<UInt8>, markers: MissingMarkers
    ) -> (record: Int, error: CellError)? {
        let base = slot * batch.stride
        var record = 0
        switch state {
        case .numbers(var tracking):
            // Local arrays append without a uniqueness check per cell.
            var numbers: [Double] = []
            var codes: [Int32] = []
            var interner = ValueInterner()
            swap(&numbers, &self.numbers)
            if tracking {
                swap(&codes, &self.codes)
                swap(&interner, &self.interner)
            }
            while record < batch.count {
                let cell = UnsafeBufferPointer(rebasing: bytes[Int(batch.starts[base + record])..<Int(batch.ends[base + record])])
                if markers.contains(cell) {
                    numbers.append(.nan)
                    if tracking { codes.append(NominalColumn.missing) }
                } else if let x = DecimalParser.parse(padded: cell) {
                    numbers.append(x)
                    if tracking {
                        // A cell that parsed as a number is ASCII, so only the limit can fail.
                        if let code = try? interner.intern(padded: cell, limit: Self.trackingLimit) {
                            codes.append(code)
                        } else {
                            tracking = false
                            codes = []
                            interner = ValueInterner()
                        }
                    }
                } else {
                    break
                }
                record += 1
            }
            swap(&numbers, &self.numbers)
            swap(&codes, &self.codes)
            swap(&interner, &self.interner)
            state = .numbers(tracking: tracking)
            count += record
        case .codes where kind == .inferred || kind == .text(numericOrder: false):
            var codes: [Int32] = []
            var interner = ValueInterner()
            swap(&codes, &self.codes)
            swap(&interner, &self.interner)
            defer {
                swap(&codes, &self.codes)
                swap(&interner, &self.interner)
            }
            while record < batch.count {
                let cell = UnsafeBufferPointer(rebasing: bytes[Int(batch.starts[base + record])..<Int(batch.ends[base + record])])
                if markers.contains(cell) {
                    codes.append(NominalColumn.missing)
                } else {
                    do throws(CellError) {
                        codes.append(try interner.intern(padded: cell, limit: limit))
                    } catch {
                        count += record
                        return (record, error)
                    }
                }
                record += 1
            }
            count += record
            return nil
        case .deferred:
            count += batch.count
            return nil
        default:
            break
        }
        while record < batch.count {
            let cell = batch.cell(slot, record, in: bytes)
            if markers.contains(cell) {
                appendMissing()
            } else {
                do throws(CellError) {
                    try append(cell, padded: true)
                } catch {
                    return (record, error)
                }
            }
            record += 1
        }
        return nil
    }

    /// Appends the code of `cell`, interning it unless the values are declared.
    private mutating func appendCode(_ cell: UnsafeBufferPointer<UInt8>, padded: Bool) throws(CellError) {
        let code: Int32
        if kind == .declared {
            guard let known = interner.code(of: cell, padded: padded) else { throw .undeclared }
            code = known
        } else {
            code = padded ? try interner.intern(padded: cell, limit: limit) : try interner.intern(cell, limit: limit)
        }
        count += 1
        codes.append(code)
    }

    /// Keeps the code of a numeric cell's text, or stops tracking when there
    /// are too many distinct texts.
    private mutating func track(_ cell: UnsafeBufferPointer<UInt8>, padded: Bool) {
        // A cell that parsed as a number is ASCII, so only the limit can fail.
        let limit = Self.trackingLimit
        if let code = try? (padded ? interner.intern(padded: cell, limit: limit) : interner.intern(cell, limit: limit)) {
            codes.append(code)
        } else {
            state = .numbers(tracking: false)
            codes = []
            interner = ValueInterner()
        }
    }

    /// The finished storage, or `nil` for a deferred column.
    ///
    /// - Complexity: O(rows), plus O(values log values) to sort numeric values.
    func finish() -> Column.Storage? {
        switch state {
        case .numbers:
            return .numeric(numbers)
        case .deferred:
            return nil
        case .codes:
            guard case .text(numericOrder: true) = kind else {
                return .nominal(NominalColumn(codes: codes, values: interner.values))
            }
            return .nominal(Self.sortedNumerically(codes: codes, values: interner.values))
        }
    }

    /// Renumbers codes so that the values (all numbers) are in increasing
    /// order; equal numbers written differently (`1`, `1.0`) keep first-seen order.
    static func sortedNumerically(codes: [Int32], values: [String]) -> NominalColumn {
        let keys = values.map { DecimalParser.parse($0) ?? .infinity }
        let order = values.indices.sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        var renumber = [Int32](repeating: 0, count: values.count)
        for (new, old) in order.enumerated() { renumber[old] = Int32(new) }
        return NominalColumn(
            codes: codes.map { $0 < 0 ? $0 : renumber[Int($0)] },
            values: order.map { values[$0] })
    }
}
