import Foundation

/// An axis's range and labelled ticks, in data units.
struct _AxisTicks: Equatable {
    /// The domain mapped onto the plot's width or height.
    var lower: Double
    var upper: Double
    /// Tick positions and their labels.
    var ticks: [(value: Double, label: String)]

    static func == (a: Self, b: Self) -> Bool {
        a.lower == b.lower && a.upper == b.upper && a.ticks.map(\.value) == b.ticks.map(\.value)
            && a.ticks.map(\.label) == b.ticks.map(\.label)
    }

    /// Round ticks (1, 2 or 5 times a power of ten apart, about `count` of
    /// them) covering `low ... high`, the domain widened to the outer ticks.
    static func linear(_ low: Double, _ high: Double, count: Int = 6) -> _AxisTicks {
        var (low, high) = (low, high)
        if !(low.isFinite && high.isFinite) { (low, high) = (0, 1) }
        if high - low < 1e-12 {
            let pad = max(abs(low) * 0.05, 0.01)
            (low, high) = (low - pad, high + pad)
        }
        let step = niceStep((high - low) / Double(max(1, count - 1)))
        let first = (low / step - 1e-9).rounded(.down)
        let last = (high / step + 1e-9).rounded(.up)
        let digits = max(0, -Int((log10(step) + 1e-9).rounded(.down)))
        let ticks = stride(from: first, through: last, by: 1).map { k -> (Double, String) in
            let value = k * step
            return (value, fixed(value, digits))
        }
        return _AxisTicks(lower: first * step, upper: last * step, ticks: ticks)
    }

    /// 1, 2 or 5 times a power of ten, the smallest at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let power = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * power >= raw * (1 - 1e-9) { return m * power }
        return 10 * power
    }

    /// A log scale (base 2) over positive `values`, with a tick at each one.
    static func logarithmic(_ values: [Double]) -> _AxisTicks {
        let positive = Array(Set(values.filter { $0 > 0 && $0.isFinite })).sorted()
        guard let low = positive.first, let high = positive.last else { return linear(0, 1) }
        let (a, b) = (log2(low), log2(high))
        let pad = max(0.25, (b - a) * 0.04)
        return _AxisTicks(lower: a - pad, upper: b + pad, ticks: positive.map { (log2($0), formatNumber($0)) })
    }

    /// One slot per category, at 0, 1, …, with half a slot of margin.
    static func categorical(_ labels: [String]) -> _AxisTicks {
        _AxisTicks(lower: -0.5, upper: Double(max(1, labels.count)) - 0.5, ticks: labels.enumerated().map { (Double($0), $1) })
    }
}

extension SVGPlot {
    /// The x axis for the data: how ``XScale`` maps values before ticks.
    func xAxis() -> _AxisTicks {
        let xs = series.flatMap { $0.points.map(\.x) }.filter(\.isFinite)
        switch xScale {
        case .linear: return .linear(xs.min() ?? 0, xs.max() ?? 1)
        case .logarithmic: return .logarithmic(xs)
        case .categorical(let labels): return .categorical(labels)
        }
    }

    /// The y axis, covering every point with its error bar, and every level.
    func yAxis() -> _AxisTicks {
        let points = series.flatMap(\.points).filter { $0.y.isFinite }
        let bar = { (p: Point) in p.error.isFinite ? p.error : 0 }
        let levels = levels.map(\.y).filter(\.isFinite)
        let low = (points.map { $0.y - bar($0) } + levels).min() ?? 0
        let high = (points.map { $0.y + bar($0) } + levels).max() ?? 1
        return .linear(low, high)
    }

    /// The value on the x axis's scale (log2 for a logarithmic axis).
    func scaledX(_ x: Double) -> Double {
        if case .logarithmic = xScale { return x > 0 ? log2(x) : .nan }
        return x
    }
}

/// `text` with XML's special characters escaped.
func xmlEscaped(_ text: String) -> String {
    var out = ""
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        default: out.append(c)
        }
    }
    return out
}
