/// What ``TreePrinter`` shows and how it draws it.
///
/// Every option applies to every format where it means something: `task`
/// and `maxDepth` to all of them, `gains` to text and DOT (JSON always has
/// the gains), `ascii` to text, DOT and rules, `color` and `width` to text only.
public struct PrintOptions: Sendable, Equatable {
    /// Show only this task's predictions (a task name of the tree); `nil` for every task.
    public var task: String?
    /// Draw nodes down to this depth (the root is depth 0) and mark what is
    /// cut below with the hidden subtree's size; `nil` draws the whole tree
    /// (to at most ``TreePrinter/depthLimit`` levels).
    public var maxDepth: Int?
    /// At each split, show every task's gain and its λ-weighted share of the combined score.
    public var gains: Bool
    /// Use only ASCII: `|--`, `` `-- ``, `->`, `<=`; names with other characters are escaped.
    public var ascii: Bool
    /// Colour the text drawing with ANSI escapes (for a terminal; the caller
    /// decides, honouring `NO_COLOR`).
    public var color: Bool
    /// The terminal width in columns: no line of the text drawing is wider,
    /// except a leaf's predictions that cannot be broken further.
    public var width: Int
    /// Start the text drawing with the header (training data, tasks, λ, options, size).
    public var header: Bool

    /// Creates print options; the defaults draw the whole tree with every task, in Unicode, without colour.
    public init(
        task: String? = nil, maxDepth: Int? = nil, gains: Bool = false, ascii: Bool = false, color: Bool = false,
        width: Int = 80, header: Bool = true
    ) {
        self.task = task
        self.maxDepth = maxDepth
        self.gains = gains
        self.ascii = ascii
        self.color = color
        self.width = width
        self.header = header
    }
}

/// The output formats of ``TreePrinter``.
public enum PrintFormat: String, Sendable, CaseIterable {
    /// A drawing with box-drawing characters and a header (``TreePrinter/text()``).
    case text
    /// Graphviz DOT (``TreePrinter/dot()``).
    case dot
    /// Nested JSON (``TreePrinter/json()``).
    case json
    /// One IF-THEN rule per leaf (``TreePrinter/rules()``).
    case rules
}

/// The characters a drawing is made of, in Unicode or in ASCII.
struct _Symbols: Sendable {
    var branch: String
    var lastBranch: String
    var through: String
    var blank: String
    var arrow: String
    var lessOrEqual: String
    var separator: String
    var ellipsis: String
    var inherited: String
    var lambda: String

    static let unicode = _Symbols(
        branch: "├─ ", lastBranch: "└─ ", through: "│  ", blank: "   ", arrow: "→", lessOrEqual: "≤",
        separator: " · ", ellipsis: "…", inherited: "↑", lambda: "λ")
    static let ascii = _Symbols(
        branch: "|-- ", lastBranch: "`-- ", through: "|   ", blank: "    ", arrow: "->", lessOrEqual: "<=",
        separator: " ; ", ellipsis: "...", inherited: "^", lambda: "lambda")
}

/// ANSI styles of the parts of a text drawing.
enum _Style: Sendable {
    case plain, title, guide, weight, test, mainClass, otherClass, marker, gain

    /// The SGR escape that starts the style (`nil` for plain text).
    var escape: String? {
        switch self {
        case .plain: nil
        case .title, .test: "\u{1B}[1m"
        case .guide, .weight: "\u{1B}[2m"
        case .mainClass: "\u{1B}[1;32m"
        case .otherClass: "\u{1B}[32m"
        case .marker: "\u{1B}[33m"
        case .gain: "\u{1B}[36m"
        }
    }

    static let reset = "\u{1B}[0m"
}

/// Text with a style; a line of the drawing is a list of these, measured without the escapes.
struct _Span: Sendable {
    var text: String
    var style: _Style

    init(_ text: String, _ style: _Style = .plain) {
        self.text = text
        self.style = style
    }
}

extension Array where Element == _Span {
    /// The width in characters (grapheme clusters), escapes not counted.
    var width: Int { reduce(0) { $0 + $1.text.count } }

    /// The line's text, with ANSI escapes around styled spans when `color` is on.
    func rendered(color: Bool) -> String {
        var out = ""
        for span in self where !span.text.isEmpty {
            if color, let escape = span.style.escape {
                out += escape + span.text + _Style.reset
            } else {
                out += span.text
            }
        }
        return out
    }
}
