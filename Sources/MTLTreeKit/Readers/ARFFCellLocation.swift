extension Dataset {
    /// An error at one cell of an ARFF file: `message` with the file, line
    /// and column where attribute `column`'s value in data row `row`
    /// (0-based, in the @data section) starts (after its quote, if quoted, as
    /// in the reader's own errors), found by reading the file again up to
    /// that row.
    ///
    /// In a sparse row that leaves the value out (it is the default), the
    /// position is that of the next pair, or of the closing `}`.
    ///
    /// - Parameters:
    ///   - message: What is wrong.
    ///   - row: The data row, 0-based (blank and comment lines do not count).
    ///   - column: The attribute's name.
    ///   - path: The file.
    /// - Returns: The located error, or `nil` if the file can no longer be
    ///   read, has no such attribute, fewer rows, or a malformed row before it.
    /// - Complexity: O(bytes up to the row).
    package static func arffCellError(_ message: String, row: Int, column: String, path: String) -> MTLError? {
        do throws(MTLError) {
            var lines = try LineStream(path: path, chunkSize: ByteSource.defaultChunkSize)
            let header = try ARFFHeader.read(from: &lines)
            guard let k = header.attributes.firstIndex(where: { $0.name == column }) else { return nil }
            var seen = 0
            while try lines.next() {
                var lexer = lines.lexer
                if lexer.atEndOfLine() { continue }
                if seen < row {
                    seen += 1
                    continue
                }
                return try cellError(&lexer, attribute: k, message)
            }
            return nil
        } catch {
            return nil
        }
    }

    /// The error at attribute `k`'s value on the lexer's line (dense or sparse).
    private static func cellError(_ lexer: inout ARFFLexer, attribute k: Int, _ message: String) throws(MTLError) -> MTLError? {
        let valueStops = ByteSet(",%"), sparseValueStops = ByteSet(",}%"), indexStops = ByteSet(" \t,}%")
        if lexer.consume(UInt8(ascii: "{")) {
            while !lexer.consume(UInt8(ascii: "}")) {
                if lexer.atEndOfLine() { return nil }
                let indexToken = try lexer.token(stoppingAt: indexStops)
                guard let index = Int(String(decoding: lexer.text(indexToken), as: UTF8.self)) else { return nil }
                if index > k { return lexer.error(at: indexToken.start, message) }
                let value = try lexer.token(stoppingAt: sparseValueStops)
                if index == k { return lexer.error(at: value.start, message) }
                guard lexer.consume(UInt8(ascii: ",")) || lexer.peek(UInt8(ascii: "}")) else { return nil }
            }
            return lexer.error(at: lexer.position - 1, message)
        }
        for _ in 0 ..< k {
            _ = try lexer.token(stoppingAt: valueStops)
            guard lexer.consume(UInt8(ascii: ",")) else { return nil }
        }
        return lexer.error(at: try lexer.token(stoppingAt: valueStops).start, message)
    }
}
