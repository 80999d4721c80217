/// Something a reader accepted that the user may not have meant: reported
/// through ``ReadOptions/notice``, never an error.
///
/// The cases carry what a front end needs to word its own advice; the
/// ``description`` speaks of the data and the reading options.
public enum ReadNotice: Sendable, Equatable, CustomStringConvertible {
    /// An ARFF `string` attribute read as a nominal input: each distinct
    /// text is a value the tree may split on, usually not what free text is for.
    case stringAttributeAsInput(file: String, attribute: String, values: Int)
    /// A CSV file read as one column although its header holds another
    /// common delimiter: the delimiter is likely wrong.
    case oneColumn(file: String, delimiter: UInt8, likely: UInt8)

    /// The file the notice is about.
    public var file: String {
        switch self {
        case .stringAttributeAsInput(let file, _, _), .oneColumn(let file, _, _): file
        }
    }

    /// The notice as one line, `FILE: note: …`.
    public var description: String {
        switch self {
        case .stringAttributeAsInput(let file, let attribute, let values):
            "\(file): note: string attribute '\(attribute)' is read as a nominal input with \(values) values; "
                + "ignore it if it is free text"
        case .oneColumn(let file, let delimiter, let likely):
            "\(file): note: the header reads as one column with the delimiter \(Self.shown(delimiter)), "
                + "but it holds \(Self.shown(likely)): is the delimiter \(Self.shown(likely))?"
        }
    }

    /// A delimiter as a user would name it: `','`, `tab`.
    public static func shown(_ delimiter: UInt8) -> String {
        delimiter == UInt8(ascii: "\t") ? "tab" : "'\(Character(Unicode.Scalar(delimiter)))'"
    }

    /// The common delimiter other than `delimiter` that `header` (a CSV
    /// file's first record, read as one field) holds most often, if any.
    static func likelyDelimiter(in header: String, other delimiter: UInt8) -> UInt8? {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
        let counts = candidates.filter { $0 != delimiter }.map { c in (c, header.utf8.lazy.filter { $0 == c }.count) }
        guard let best = counts.max(by: { $0.1 < $1.1 }), best.1 > 0 else { return nil }
        return best.0
    }
}
