extension LambdaTuning {
    /// Cross-validated main-task error against λ, with ± one standard error
    /// bars; λ on an even, categorical axis, since the grid holds 0 and
    /// otherwise doubles. With per-task λ_i, their error is a second series,
    /// drawn at the best shared λ it started from.
    public var plot: SVGPlot {
        let labels = shared.map { formatNumber($0.lambda) }
        var series = [
            SVGPlot.Series(name: "shared λ", points: shared.enumerated().map { i, c in
                let s = c.error
                return SVGPlot.Point(x: Double(i), y: s.mean, error: s.standardError)
            }),
        ]
        if let perTaskErrors, let at = shared.firstIndex(where: { $0.lambda == bestShared }) {
            let s = SampleSummary(perTaskErrors)
            series.append(SVGPlot.Series(name: "per-task λ_i", points: [SVGPlot.Point(x: Double(at), y: s.mean, error: s.standardError)]))
        }
        return SVGPlot(
            title: "\(dataset): \(mainTask) error against λ",
            subtitle: "\(resampling.description); bars ± 1 standard error; best λ = \(formatNumber(bestShared))",
            xLabel: "λ (weight of every extra task; 0 = STL)", yLabel: "\(mainTask) error", xScale: .categorical(labels),
            series: series)
    }
}

extension LearningCurve {
    /// Main-task error of STL and MTL against the number of training rows
    /// (log scale), with ± one standard error bars.
    public var plot: SVGPlot {
        func series(_ name: String, _ summary: (Point) -> SampleSummary) -> SVGPlot.Series {
            SVGPlot.Series(name: name, points: points.map { p in
                let s = summary(p)
                return SVGPlot.Point(x: Double(p.size), y: s.mean, error: s.standardError)
            })
        }
        return SVGPlot(
            title: "\(dataset): learning curve of \(mainTask)",
            subtitle: "\(resampling.description); bars ± 1 standard error",
            xLabel: "training rows (log scale)", yLabel: "\(mainTask) error", xScale: .logarithmic,
            series: [series("STL (λ = 0)", \.stl), series("MTL (λ = \(formatNumber(lambda.shared)))", \.mtl)])
    }
}
