/// Reads a Weka ARFF file into columns, streaming its data section line by line.
///
/// Numeric attributes become numeric columns, except those named as tasks or
/// forced nominal, which become nominal with each value's exact text, codes
/// ordered by number. Nominal attributes keep their declared values and
/// order; a value not declared is an error. String and date attributes become
/// nominal in first-seen order. Only an unquoted `?` is missing.
///
/// Dense rows list every value; sparse rows (`{index value, …}`) list the
/// non-default ones in increasing index order, and an omitted value is 0 for a
/// numeric attribute, the first declared value for a nominal one (as in Weka),
/// and missing for a string or date. Either kind of row may end with an
/// instance weight, `, {w}`, which becomes the row's weight.
struct ARFFReader {
    /// A read table: names, values, and the row weights if any row had one.
    struct Table {
        var names: [String]
        var columns: [Column.Storage]
        var weights: [Double]?
        /// The `string` attributes' names, read as nominal.
        var stringAttributes: [String] = []
    }

    /// The path, as the user named it.
    let path: String
    /// The options: roles and the value limit.
    let options: ReadOptions
    /// Bytes per read; small values exercise the chunk boundaries in tests.
    var chunkSize = ByteSource.defaultChunkSize

    private static let valueStops = ByteSet(",%")
    private static let sparseValueStops = ByteSet(",}%")
    private static let indexStops = ByteSet(" \t,}%")

    /// Reads the file.
    ///
    /// - Throws: ``MTLError``: `.inputMissing` if the file cannot be read,
    ///   `.badData` with a position for malformed content, `.usage` for a
    ///   role naming no attribute.
    /// - Complexity: O(bytes + rows × attributes).
    func read() throws(MTLError) -> Table {
        var lines = try LineStream(path: path, chunkSize: chunkSize)
        let header = try ARFFHeader.read(from: &lines)
        let names = header.attributes.map(\.name)
        try validateRoleNames(options.roles, columns: names)
        let capacity = try lines.source.estimatedLinesRemaining()
        var builders: [ColumnBuilder] = []
        for attribute in header.attributes {
            builders.append(try builder(for: attribute, capacity: capacity))
        }
        var weights: [Double]?
        var totalWeight = 0.0
        var rows = 0
        while try lines.next() {
            var lexer = lines.lexer
            if lexer.atEndOfLine() { continue }
            let weight: Double?
            if lexer.consume(UInt8(ascii: "{")) {
                weight = try readSparse(&lexer, into: &builders, header.attributes)
            } else {
                weight = try readDense(&lexer, into: &builders, header.attributes)
            }
            if let weight {
                if weights == nil { weights = [Double](repeating: 1, count: rows) }
                weights?.append(weight)
            } else {
                weights?.append(1)
            }
            // Every node's weight is a sum of row weights: it must stay a number.
            totalWeight += weight ?? 1
            guard totalWeight.isFinite else {
                throw MTLError(
                    .badData, "the instance weights add up to more than the largest number (about 1.8e308); scale them down",
                    file: path, line: lines.lineNumber)
            }
            rows += 1
        }
        guard rows > 0 else {
            throw MTLError(.badData, "the @data section has no rows", file: path, line: lines.lineNumber + 1, column: 1)
        }
        let strings = header.attributes.filter { $0.type == .string }.map(\.name)
        return Table(names: names, columns: builders.compactMap { $0.finish() }, weights: weights, stringAttributes: strings)
    }

    /// The builder for one attribute, checking a declared list against the limit.
    private func builder(for attribute: ARFFAttribute, capacity: Int) throws(MTLError) -> ColumnBuilder {
        let limit = options.roles.ignore.contains(attribute.name) ? Int.max : options.maxNominalValues
        switch attribute.type {
        case .numeric:
            let asText = options.roles.forcedNominalNames.contains(attribute.name)
            return ColumnBuilder(kind: asText ? .text(numericOrder: true) : .numeric, limit: limit, capacity: capacity)
        case .string, .date:
            return ColumnBuilder(kind: .text(numericOrder: false), limit: limit, capacity: capacity)
        case .nominal(let values):
            guard values.count <= limit else {
                throw MTLError(
                    .badData, tooManyValuesMessage(column: attribute.name, limit: limit), file: path, line: attribute.line,
                    hint: .ignoreOrRaiseLimit(column: attribute.name))
            }
            return ColumnBuilder(kind: .declared, limit: limit, capacity: capacity, declared: values)
        }
    }

    /// Reads a dense row's values; returns its weight, if it has one.
    private func readDense(
        _ lexer: inout ARFFLexer, into builders: inout [ColumnBuilder], _ attributes: [ARFFAttribute]
    ) throws(MTLError) -> Double? {
        let expected = attributes.count
        for k in 0..<expected {
            if k > 0, !lexer.consume(UInt8(ascii: ",")) {
                if lexer.atEndOfLine() { throw lexer.error("expected \(expected) values, found \(k)") }
                throw lexer.error("expected ',' between values")
            }
            let token = try lexer.token(stoppingAt: Self.valueStops)
            try store(token, lexer, in: &builders[k], attributes, k)
        }
        if lexer.atEndOfLine() { return nil }
        guard lexer.consume(UInt8(ascii: ",")) else { throw lexer.error("expected ',' between values") }
        if lexer.peek(UInt8(ascii: "{")) { return try readWeight(&lexer) }
        let extra = lexer.position
        var found = expected
        var counter = lexer
        while !counter.atEndOfLine(), (try? counter.token(stoppingAt: Self.valueStops)) != nil {
            found += 1
            if !counter.consume(UInt8(ascii: ",")) { break }
        }
        throw lexer.error(at: extra, "expected \(expected) values, found \(found)")
    }

    /// Reads a sparse row's pairs, after its `{`; returns its weight, if any.
    private func readSparse(
        _ lexer: inout ARFFLexer, into builders: inout [ColumnBuilder], _ attributes: [ARFFAttribute]
    ) throws(MTLError) -> Double? {
        var next = 0  // the first attribute not yet filled
        if !lexer.consume(UInt8(ascii: "}")) {
            while true {
                let indexToken = try lexer.token(stoppingAt: Self.indexStops)
                let index = try sparseIndex(indexToken, lexer, after: next, count: attributes.count)
                for k in next..<index { try fillDefault(&builders[k], attributes, k, lexer, at: indexToken.start) }
                let token = try lexer.token(stoppingAt: Self.sparseValueStops)
                guard token.end > token.start || token.quoted else { throw lexer.error("expected a value after index \(index)") }
                try store(token, lexer, in: &builders[index], attributes, index)
                next = index + 1
                if lexer.consume(UInt8(ascii: "}")) { break }
                guard lexer.consume(UInt8(ascii: ",")) else { throw lexer.error("expected ',' or '}' in a sparse row") }
            }
        }
        let closing = lexer.position
        for k in next..<attributes.count { try fillDefault(&builders[k], attributes, k, lexer, at: closing) }
        if lexer.atEndOfLine() { return nil }
        guard lexer.consume(UInt8(ascii: ",")), lexer.peek(UInt8(ascii: "{")) else {
            throw lexer.error("unexpected text after a sparse row")
        }
        return try readWeight(&lexer)
    }

    /// The attribute index of a sparse pair, which must exceed the previous one.
    private func sparseIndex(_ token: ARFFToken, _ lexer: ARFFLexer, after next: Int, count: Int) throws(MTLError) -> Int {
        let text = lexer.text(token)
        var index = 0
        for b in text {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), !token.quoted else { index = -1; break }
            if index <= count { index = index * 10 + Int(b - UInt8(ascii: "0")) }
        }
        guard !text.isEmpty, index >= 0 else {
            throw lexer.error(at: token.start, "bad sparse index '\(lexer.shown(token))': expected an attribute number")
        }
        guard index < count else {
            throw lexer.error(
                at: token.start, "sparse index \(lexer.shown(token)) is out of range: there are \(count) attributes, numbered from 0")
        }
        guard index >= next else {
            throw lexer.error(at: token.start, "sparse index \(index) is not greater than the index before it")
        }
        return index
    }

    /// Reads an instance weight `{w}`, at the end of a row.
    private func readWeight(_ lexer: inout ARFFLexer) throws(MTLError) -> Double {
        _ = lexer.consume(UInt8(ascii: "{"))
        let token = try lexer.token(stoppingAt: Self.sparseValueStops)
        guard let weight = DecimalParser.parse(lexer.text(token)), weight >= 0 else {
            throw lexer.error(at: token.start, "bad instance weight '\(lexer.shown(token))': expected a non-negative number")
        }
        guard lexer.consume(UInt8(ascii: "}")), lexer.atEndOfLine() else {
            throw lexer.error("expected '}' to end the instance weight, and then the end of the line")
        }
        return weight
    }

    /// Appends one value, or a missing cell for an unquoted `?`.
    /// (The attribute is passed by index: copying it per cell would cost a retain.)
    private func store(
        _ token: ARFFToken, _ lexer: ARFFLexer, in builder: inout ColumnBuilder, _ attributes: [ARFFAttribute], _ k: Int
    ) throws(MTLError) {
        let text = lexer.text(token)
        if !token.quoted, text.count == 1, text[0] == UInt8(ascii: "?") {
            builder.appendMissing()
            return
        }
        do throws(CellError) {
            try builder.append(text, padded: true)  // tokens lie in the line buffer, with its slack
        } catch {
            var located = lexer.error(at: token.start, message(error, shown: lexer.shown(token), attributes[k], limit: builder.limit))
            if error == .tooManyValues { located.hint = .ignoreOrRaiseLimit(column: attributes[k].name) }
            throw located
        }
    }

    /// Appends the value a sparse row leaves out.
    private func fillDefault(
        _ builder: inout ColumnBuilder, _ attributes: [ARFFAttribute], _ k: Int, _ lexer: ARFFLexer, at offset: Int
    ) throws(MTLError) {
        do throws(CellError) {
            try builder.appendDefault()
        } catch {
            throw lexer.error(at: offset, message(error, shown: "0", attributes[k], limit: builder.limit))
        }
    }

    /// The message for a value that does not fit its attribute.
    private func message(_ error: CellError, shown: String, _ attribute: ARFFAttribute, limit: Int) -> String {
        switch error {
        case .notANumber:
            return "attribute '\(attribute.name)' is numeric, but '\(shown)' is not a number"
        case .notFinite:
            return "'\(shown)' is too large for a number (attribute '\(attribute.name)')"
        case .undeclared:
            guard case .nominal(let values) = attribute.type else { return "'\(shown)' is not a declared value" }
            let list = values.count > 12 ? values.prefix(12).joined(separator: ", ") + ", …" : values.joined(separator: ", ")
            return "'\(shown)' is not a declared value of attribute '\(attribute.name)' {\(list)}"
        case .invalidUTF8:
            return "value of attribute '\(attribute.name)' is not valid UTF-8; convert the file to UTF-8 (e.g. with iconv)"
        case .tooManyValues:
            return tooManyValuesMessage(column: attribute.name, limit: limit)
        }
    }
}
