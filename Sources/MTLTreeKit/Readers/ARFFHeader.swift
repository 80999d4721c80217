/// The type an ARFF `@attribute` declares.
enum ARFFType: Equatable {
    /// `numeric`, `real` or `integer`.
    case numeric
    /// `string`: free text, read as nominal.
    case string
    /// `date [format]`: read as nominal, keeping the text.
    case date
    /// `{v1, v2, …}`: the declared values, in order.
    case nominal([String])
}

/// One `@attribute` declaration.
struct ARFFAttribute: Equatable {
    /// The attribute's name.
    var name: String
    /// Its declared type.
    var type: ARFFType
    /// The line it is declared on, for messages.
    var line: Int
}

/// The header of an ARFF file: everything up to and including `@data`.
///
/// Keywords are case-insensitive; names and values may be quoted with `'` or
/// `"` (backslash escapes); `%` starts a comment. Relational attributes are
/// not supported.
struct ARFFHeader {
    /// The `@relation` name, if declared.
    var relation: String?
    /// The attributes, in declared order.
    var attributes: [ARFFAttribute] = []

    private static let wordStops = ByteSet(" \t{},%")
    private static let listStops = ByteSet(",}%")

    /// Reads declarations from `lines` up to the `@data` line.
    ///
    /// - Throws: ``MTLError`` (`.badData`) for an empty file, a malformed or
    ///   unknown declaration or type, a duplicate attribute or value, or a
    ///   file without `@data`.
    static func read(from lines: inout LineStream) throws(MTLError) -> ARFFHeader {
        var header = ARFFHeader()
        var seen: [String: Int] = [:]
        var sawAnyLine = false
        while try lines.next() {
            var lexer = lines.lexer
            if lexer.atEndOfLine() {
                sawAnyLine = sawAnyLine || lines.lineEnd > lines.lineStart
                continue
            }
            sawAnyLine = true
            guard lexer.peek(UInt8(ascii: "@")) else {
                throw lexer.error("expected @relation, @attribute or @data")
            }
            let keywordToken = try lexer.token(stoppingAt: wordStops)
            let keyword = lexer.shown(keywordToken).lowercased()
            switch keyword {
            case "@relation":
                header.relation = try lexer.string(lexer.token(stoppingAt: wordStops))
            case "@attribute":
                let nameToken = try lexer.token(stoppingAt: wordStops)
                guard nameToken.end > nameToken.start || nameToken.quoted else {
                    throw lexer.error("expected an attribute name")
                }
                let name = try lexer.string(nameToken)
                if let first = seen[name] {
                    throw lexer.error(at: nameToken.start, "duplicate attribute name '\(name)' (also declared on line \(first))")
                }
                seen[name] = lines.lineNumber
                let type = try readType(&lexer)
                header.attributes.append(ARFFAttribute(name: name, type: type, line: lines.lineNumber))
            case "@data":
                guard lexer.atEndOfLine() else { throw lexer.error("unexpected text after @data") }
                guard !header.attributes.isEmpty else {
                    throw lexer.error(at: keywordToken.start, "@data comes before any @attribute declaration")
                }
                return header
            case "@end":
                throw lexer.error(at: keywordToken.start, "relational attributes (@end) are not supported")
            default:
                throw lexer.error(at: keywordToken.start, "unknown declaration '\(keyword)'; expected @relation, @attribute or @data")
            }
            guard lexer.atEndOfLine() else { throw lexer.error("unexpected text at the end of the declaration") }
        }
        guard sawAnyLine else { throw MTLError(.badData, "the file is empty", file: lines.source.path) }
        throw MTLError(
            .badData, "the file ends without a @data section", file: lines.source.path, line: lines.lineNumber + 1, column: 1)
    }

    /// Reads the type that follows an attribute's name.
    private static func readType(_ lexer: inout ARFFLexer) throws(MTLError) -> ARFFType {
        if lexer.consume(UInt8(ascii: "{")) { return try .nominal(readValueList(&lexer)) }
        let token = try lexer.token(stoppingAt: wordStops)
        guard token.end > token.start else { throw lexer.error("expected an attribute type") }
        switch lexer.shown(token).lowercased() {
        case "numeric", "real", "integer":
            return .numeric
        case "string":
            return .string
        case "date":
            if !lexer.atEndOfLine() { _ = try lexer.token(stoppingAt: wordStops) }  // the format
            return .date
        case "relational":
            throw lexer.error(at: token.start, "relational attributes are not supported")
        default:
            throw lexer.error(
                at: token.start,
                "unknown attribute type '\(lexer.shown(token))'; expected numeric, real, integer, string, date or {values}")
        }
    }

    /// Reads the values of a nominal type, after its `{`, through its `}`.
    private static func readValueList(_ lexer: inout ARFFLexer) throws(MTLError) -> [String] {
        var values: [String] = []
        var known = Set<String>()
        if lexer.consume(UInt8(ascii: "}")) { return values }
        while true {
            let token = try lexer.token(stoppingAt: listStops)
            guard token.end > token.start || token.quoted else { throw lexer.error(at: token.start, "empty nominal value") }
            let value = try lexer.string(token)
            guard known.insert(value).inserted else {
                throw lexer.error(at: token.start, "duplicate nominal value '\(value)'")
            }
            values.append(value)
            if lexer.consume(UInt8(ascii: "}")) { return values }
            guard lexer.consume(UInt8(ascii: ",")) else {
                throw lexer.error("expected ',' or '}' in the list of nominal values")
            }
        }
    }
}
