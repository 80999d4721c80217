extension LambdaTuning {
    /// Cross-validated main-task error against λ, with ± one standard error
    /// bars; λ on an even, categorical axis, since the grid holds 0 and
    /// otherwise doubles. The per-task λ_i are a vector, not a point on this
    /// axis, and their error was chosen among many settings on the same folds
    /// (an optimistic, in-sample figure): it is stated in the subtitle, not drawn.
    public var plot: SVGPlot {
        let labels = shared.map { formatNumber($0.lambda) }
        let series = [
            SVGPlot.Series(name: "shared λ", points: shared.enumerated().map { i, c in
                let s = c.error
                return SVGPlot.Point(x: Double(i), y: s.mean, error: s.standardError)
            }),
        ]
        var subtitle = "\(resampling.description); bars ± 1 standard error; chosen λ = \(formatNumber(bestShared)) (\(rule))"
        if let perTaskErrors {
            subtitle += "; per-task λ_i: error \(fixed(SampleSummary(perTaskErrors).mean, 4)) (in-sample, optimistic)"
        }
        return SVGPlot(
            title: "\(dataset): \(mainTask) error against λ", subtitle: subtitle,
            xLabel: "λ (weight of every extra task; 0 = STL)", yLabel: "\(mainTask) " + errorName, xScale: .categorical(labels),
            series: series)
    }
}

extension LearningCurve {
    /// Main-task error of STL and MTL against the number of training rows
    /// (log scale), with ± one standard error bars, and the majority's mean
    /// error (learned from the whole training part) as a dashed level.
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
            xLabel: "training rows (log scale)", yLabel: "\(mainTask) " + errorName,
            xScale: .logarithmic,
            series: [series("STL (λ = 0)", \.stl), series("MTL (λ = \(formatNumber(lambda.shared)))", \.mtl)],
            levels: majorityErrors.isEmpty ? [] : [SVGPlot.Level(name: numericMainTask ? "training mean" : "majority class",
                                                                  y: SampleSummary(majorityErrors).mean)])
    }
}
