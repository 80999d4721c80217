/// A line plot with error bars, written as a standalone SVG document.
///
/// The document needs nothing beside it (no scripts, styles or fonts
/// outside the file) and opens in any browser: a title, an optional
/// subtitle, axes with ticks and tick labels, axis labels, one coloured line
/// per series with a distinct marker, vertical error bars, dashed
/// horizontal reference levels (a baseline such as the majority class's
/// error), and a legend to the right of the plot. Series sharing an x value are nudged apart a few
/// pixels so that their error bars stay readable.
///
/// ```swift
/// let plot = SVGPlot(
///     title: "Learning curve", xLabel: "training rows", yLabel: "error",
///     series: [SVGPlot.Series(name: "STL", points: [SVGPlot.Point(x: 100, y: 0.3, error: 0.02)])])
/// try AtomicFile.write(plot.svg, to: "curve.svg")
/// ```
public struct SVGPlot: Sendable, Equatable {
    /// How x values are placed.
    public enum XScale: Sendable, Equatable {
        /// Proportionally, with round ticks.
        case linear
        /// By their logarithm, with a tick at each x value of the data (for sizes that double).
        case logarithmic
        /// Evenly, point i at slot i with the i-th label (for a λ grid that holds 0).
        case categorical([String])
    }

    /// One point: its position and the half-length of its error bar (0 or NaN: no bar).
    public struct Point: Sendable, Equatable {
        /// The x value (the category's index for a categorical axis).
        public var x: Double
        /// The y value; a NaN point is left out.
        public var y: Double
        /// Half the error bar's length, e.g. one standard error.
        public var error: Double

        /// Creates a point.
        public init(x: Double, y: Double, error: Double = 0) {
            self.x = x
            self.y = y
            self.error = error
        }
    }

    /// A named line.
    public struct Series: Sendable, Equatable {
        /// The legend's text.
        public var name: String
        /// The points, drawn joined in this order.
        public var points: [Point]

        /// Creates a series.
        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    /// A horizontal reference line across the plot, such as a baseline's error.
    public struct Level: Sendable, Equatable {
        /// The legend's text.
        public var name: String
        /// Its height; a NaN level is left out.
        public var y: Double

        /// Creates a level.
        public init(name: String, y: Double) {
            self.name = name
            self.y = y
        }
    }

    /// The heading above the plot.
    public var title: String
    /// A smaller line under the title (e.g. what the error bars are), or `nil`.
    public var subtitle: String?
    /// The x axis's label.
    public var xLabel: String
    /// The y axis's label.
    public var yLabel: String
    /// How x values are placed.
    public var xScale: XScale
    /// The lines.
    public var series: [Series]
    /// Reference levels, drawn dashed and grey under the series.
    public var levels: [Level] = []
    /// The document's width in pixels.
    public var width: Int
    /// The document's height in pixels.
    public var height: Int

    /// Creates a plot.
    public init(
        title: String, subtitle: String? = nil, xLabel: String, yLabel: String, xScale: XScale = .linear,
        series: [Series], levels: [Level] = [], width: Int = 760, height: Int = 460
    ) {
        self.title = title
        self.subtitle = subtitle
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.series = series
        self.levels = levels
        self.width = width
        self.height = height
    }

    /// Line and marker colours, distinguishable in print and for most colour-blind readers.
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f"]

    /// The SVG document (UTF-8 text, with an XML declaration).
    ///
    /// - Complexity: O(points).
    public var svg: String {
        let shownLevels = levels.filter(\.y.isFinite)
        let legendWidth = min(260, 48 + 7 * ((series.map(\.name) + shownLevels.map(\.name)).map(\.count).max() ?? 4))
        let left = 76.0, top = subtitle == nil ? 52.0 : 70.0
        let right = Double(width - legendWidth - 24), bottom = Double(height - 62)
        let (xAxis, yAxis) = (xAxis(), yAxis())
        func px(_ x: Double) -> Double { left + (scaledX(x) - xAxis.lower) / (xAxis.upper - xAxis.lower) * (right - left) }
        func py(_ y: Double) -> Double { bottom - (y - yAxis.lower) / (yAxis.upper - yAxis.lower) * (bottom - top) }
        func n(_ v: Double) -> String { fixed(v, 1) }

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\""
        out += " font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        out += "<title>\(xmlEscaped(title))</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        let middle = n((left + right) / 2)
        out += Self.text(title, "class=\"title\" x=\"\(middle)\" y=\"26\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\"")
        if let subtitle {
            out += Self.text(subtitle, "class=\"subtitle\" x=\"\(middle)\" y=\"46\" text-anchor=\"middle\" fill=\"#555555\"")
        }

        // Grid lines and y ticks.
        out += "<g class=\"y-axis\" stroke=\"#000000\">\n"
        for tick in yAxis.ticks {
            let y = n(py(tick.value))
            out += "<line x1=\"\(n(left))\" y1=\"\(y)\" x2=\"\(n(right))\" y2=\"\(y)\" stroke=\"#e0e0e0\"/>\n"
            out += "<line x1=\"\(n(left - 5))\" y1=\"\(y)\" x2=\"\(n(left))\" y2=\"\(y)\"/>\n"
            out += Self.text(tick.label, "x=\"\(n(left - 8))\" y=\"\(y)\" dy=\"4\" text-anchor=\"end\" stroke=\"none\"")
        }
        out += "</g>\n"
        // X ticks, leaving out labels that would run into their neighbours (never the last).
        out += "<g class=\"x-axis\" stroke=\"#000000\">\n"
        let tickX = xAxis.ticks.map { left + ($0.value - xAxis.lower) / (xAxis.upper - xAxis.lower) * (right - left) }
        var labelled: [Int] = []
        for (i, tick) in xAxis.ticks.enumerated() {
            let overlaps = { (j: Int) in tickX[i] - tickX[j] < 3.6 * Double(tick.label.count + xAxis.ticks[j].label.count) + 4 }
            if let previous = labelled.last, overlaps(previous) {
                guard i == xAxis.ticks.count - 1 else { continue }
                labelled.removeLast()
            }
            labelled.append(i)
        }
        for (i, tick) in xAxis.ticks.enumerated() {
            out += "<line x1=\"\(n(tickX[i]))\" y1=\"\(n(bottom))\" x2=\"\(n(tickX[i]))\" y2=\"\(n(bottom + 5))\"/>\n"
            if labelled.contains(i) {
                out += Self.text(tick.label, "x=\"\(n(tickX[i]))\" y=\"\(n(bottom + 20))\" text-anchor=\"middle\" stroke=\"none\"")
            }
        }
        out += "</g>\n"
        out += "<path class=\"axes\" d=\"M\(n(left)),\(n(top)) V\(n(bottom)) H\(n(right))\" fill=\"none\" stroke=\"#000000\"/>\n"
        out += Self.text(xLabel, "class=\"x-label\" x=\"\(middle)\" y=\"\(n(bottom + 44))\" text-anchor=\"middle\" font-size=\"13\"")
        let turn = "translate(20,\(n((top + bottom) / 2))) rotate(-90)"
        out += Self.text(yLabel, "class=\"y-label\" transform=\"\(turn)\" text-anchor=\"middle\" font-size=\"13\"")

        // Reference levels, under the series.
        for level in shownLevels {
            let y = n(py(level.y))
            out += "<line class=\"level\" x1=\"\(n(left))\" y1=\"\(y)\" x2=\"\(n(right))\" y2=\"\(y)\" stroke=\"\(Self.levelColour)\""
            out += " stroke-width=\"1.5\" stroke-dasharray=\"6,4\"/>\n"
        }

        // Series: error bars, then the line, then markers on top.
        for (i, s) in series.enumerated() {
            let colour = Self.palette[i % Self.palette.count]
            let nudge = (Double(i) - Double(series.count - 1) / 2) * 5
            let shown = s.points.filter { $0.y.isFinite && scaledX($0.x).isFinite }
            out += "<g class=\"series\" stroke=\"\(colour)\" fill=\"\(colour)\">\n"
            for p in shown where p.error.isFinite && p.error > 0 {
                let (x, y1, y2) = (px(p.x) + nudge, py(p.y - p.error), py(p.y + p.error))
                out += "<path d=\"M\(n(x)),\(n(y1)) V\(n(y2)) M\(n(x - 4)),\(n(y1)) h8 M\(n(x - 4)),\(n(y2)) h8\" stroke-width=\"1.2\"/>\n"
            }
            let line = shown.map { "\(n(px($0.x) + nudge)),\(n(py($0.y)))" }.joined(separator: " ")
            out += "<polyline points=\"\(line)\" fill=\"none\" stroke-width=\"2\"/>\n"
            for p in shown { out += Self.marker(i, x: px(p.x) + nudge, y: py(p.y)) }
            out += "</g>\n"
        }

        // The legend, right of the plot.
        let legendX = right + 20, legendTop = top
        let legendHeight = 14 + 22 * Double(series.count + shownLevels.count)
        out += "<g class=\"legend\">\n"
        out += "<rect x=\"\(n(legendX))\" y=\"\(n(legendTop))\" width=\"\(legendWidth)\" height=\"\(n(legendHeight))\""
        out += " fill=\"#ffffff\" stroke=\"#bbbbbb\"/>\n"
        for (i, s) in series.enumerated() {
            let colour = Self.palette[i % Self.palette.count]
            let y = legendTop + 18 + 22 * Double(i)
            out += "<g stroke=\"\(colour)\" fill=\"\(colour)\">"
            out += "<line x1=\"\(n(legendX + 10))\" y1=\"\(n(y))\" x2=\"\(n(legendX + 38))\" y2=\"\(n(y))\" stroke-width=\"2\"/>"
            out += String(Self.marker(i, x: legendX + 24, y: y).dropLast()) + "</g>\n"
            out += Self.text(s.name, "x=\"\(n(legendX + 46))\" y=\"\(n(y))\" dy=\"4\"")
        }
        for (i, level) in shownLevels.enumerated() {
            let y = n(legendTop + 18 + 22 * Double(series.count + i))
            out += "<line x1=\"\(n(legendX + 10))\" y1=\"\(y)\" x2=\"\(n(legendX + 38))\" y2=\"\(y)\" stroke=\"\(Self.levelColour)\""
            out += " stroke-width=\"1.5\" stroke-dasharray=\"6,4\"/>\n"
            out += Self.text(level.name, "x=\"\(n(legendX + 46))\" y=\"\(y)\" dy=\"4\"")
        }
        out += "</g>\n</svg>\n"
        return out
    }

    /// The colour of the reference levels.
    static let levelColour = "#555555"

    /// A `<text>` element with `attributes`, its content escaped.
    static func text(_ content: String, _ attributes: String) -> String {
        "<text \(attributes)>\(xmlEscaped(content))</text>\n"
    }

    /// Series i's marker at (x, y): circle, square, triangle, diamond, in turn.
    static func marker(_ i: Int, x: Double, y: Double) -> String {
        func p(_ dx: Double, _ dy: Double) -> String { fixed(x + dx, 1) + "," + fixed(y + dy, 1) }
        switch i % 4 {
        case 0: return "<circle cx=\"\(fixed(x, 1))\" cy=\"\(fixed(y, 1))\" r=\"4\"/>\n"
        case 1: return "<rect x=\"\(fixed(x - 3.5, 1))\" y=\"\(fixed(y - 3.5, 1))\" width=\"7\" height=\"7\"/>\n"
        case 2: return "<path d=\"M\(p(0, -5)) L\(p(4.5, 3.5)) L\(p(-4.5, 3.5)) Z\"/>\n"
        default: return "<path d=\"M\(p(0, -5)) L\(p(5, 0)) L\(p(0, 5)) L\(p(-5, 0)) Z\"/>\n"
        }
    }
}
