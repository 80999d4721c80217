import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import MTLTreeKit

struct SVGPlotTests {
    static let plot = SVGPlot(
        title: "Error <against> λ & more", subtitle: "bars ± 1 SE", xLabel: "training rows", yLabel: "main-task error",
        xScale: .logarithmic,
        series: [
            SVGPlot.Series(name: "STL", points: [
                SVGPlot.Point(x: 25, y: 0.5, error: 0.03), SVGPlot.Point(x: 50, y: 0.4, error: 0.02),
                SVGPlot.Point(x: 100, y: 0.3, error: 0.01),
            ]),
            SVGPlot.Series(name: "MTL \"λ = 1\"", points: [
                SVGPlot.Point(x: 25, y: 0.45, error: 0.03), SVGPlot.Point(x: 50, y: .nan, error: 0.02),
                SVGPlot.Point(x: 100, y: 0.28),
            ]),
        ])

    /// The document parsed as XML: it must be well-formed.
    static func parse(_ svg: String) throws -> XMLDocument {
        try XMLDocument(data: Data(svg.utf8), options: [])
    }

    /// The text of every element whose `class` attribute is `name`.
    static func texts(_ document: XMLDocument, class name: String) throws -> [String] {
        try document.nodes(forXPath: "//*[@class='\(name)']").compactMap { $0.stringValue }
    }

    @Test func isWellFormedStandaloneSVG() throws {
        let svg = Self.plot.svg
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let document = try Self.parse(svg)
        #expect(document.rootElement()?.name == "svg")
        #expect(try document.nodes(forXPath: "/*/@viewBox").compactMap(\.stringValue) == ["0 0 760 460"])
        // Nothing outside the file: no scripts, links or external references.
        #expect(!svg.contains("<script") && !svg.contains("href"))
    }

    @Test func hasTitleAxisLabelsAndLegend() throws {
        let document = try Self.parse(Self.plot.svg)
        #expect(try Self.texts(document, class: "title") == ["Error <against> λ & more"])
        #expect(try Self.texts(document, class: "subtitle") == ["bars ± 1 SE"])
        #expect(try Self.texts(document, class: "x-label") == ["training rows"])
        #expect(try Self.texts(document, class: "y-label") == ["main-task error"])
        let legend = try document.nodes(forXPath: "//*[@class='legend']/*[local-name()='text']").compactMap(\.stringValue)
        #expect(legend == ["STL", "MTL \"λ = 1\""])
        let xTicks = try document.nodes(forXPath: "//*[@class='x-axis']/*[local-name()='text']").compactMap(\.stringValue)
        #expect(xTicks == ["25", "50", "100"])
        let yTicks = try document.nodes(forXPath: "//*[@class='y-axis']/*[local-name()='text']").compactMap(\.stringValue)
        #expect(yTicks.first == "0.25" && yTicks.last == "0.55")
    }

    @Test func drawsOneLineAndBarsPerSeriesSkippingMissingPoints() throws {
        let document = try Self.parse(Self.plot.svg)
        let points = try document.nodes(forXPath: "//*[@class='series']/*[local-name()='polyline']/@points").compactMap(\.stringValue)
        #expect(points.map { $0.split(separator: " ").count } == [3, 2])
        // Error bars: three for STL, one for MTL (the NaN point and the zero bar have none).
        let bars = try document.nodes(forXPath: "//*[@class='series']/*[local-name()='path']")
        #expect(bars.count == 4)
    }

    @Test func categoricalAxisPlacesEveryLabelEvenly() throws {
        let plot = SVGPlot(
            title: "t", xLabel: "λ", yLabel: "error", xScale: .categorical(["0", "0.125", "0.25", "0.5"]),
            series: [SVGPlot.Series(name: "shared λ", points: (0 ..< 4).map { SVGPlot.Point(x: Double($0), y: 0.2 + 0.01 * Double($0)) })])
        let document = try Self.parse(plot.svg)
        let ticks = try document.nodes(forXPath: "//*[@class='x-axis']/*[local-name()='text']")
        #expect(ticks.compactMap(\.stringValue) == ["0", "0.125", "0.25", "0.5"])
        let xs = try document.nodes(forXPath: "//*[@class='x-axis']/*[local-name()='text']/@x").compactMap(\.stringValue).compactMap(Double.init)
        #expect(xs.count == 4)
        let gaps = zip(xs.dropFirst(), xs).map { $0 - $1 }
        #expect(gaps.allSatisfy { abs($0 - gaps[0]) < 0.2 })
    }

    @Test func roundTicks() {
        #expect(_AxisTicks.niceStep(0.013) == 0.02)
        #expect(_AxisTicks.niceStep(3) == 5)
        #expect(_AxisTicks.niceStep(0.1) == 0.1)
        let axis = _AxisTicks.linear(0.143, 0.221)
        #expect(axis.ticks.map(\.label) == ["0.14", "0.16", "0.18", "0.20", "0.22", "0.24"])
        #expect(axis.lower <= 0.143 && axis.upper >= 0.221)
        // A flat series still gets a range.
        let flat = _AxisTicks.linear(0.5, 0.5)
        #expect(flat.lower < 0.5 && flat.upper > 0.5)
    }

    @Test func tuningAndCurvePlotsNameWhatTheyShow() throws {
        let tuning = try LambdaTuner(grid: [0, 1, 2], perTask: true, resampling: LambdaTunerTests.halves, pruning: nil)
            .tune(LambdaTunerTests.xor())
        let document = try Self.parse(tuning.plot.svg)
        #expect(try Self.texts(document, class: "title") == ["test: main error against λ"])
        let legend = try document.nodes(forXPath: "//*[@class='legend']/*[local-name()='text']").compactMap(\.stringValue)
        // The per-task λ_i are not a point on the shared-λ axis: stated, marked in-sample, not drawn.
        #expect(legend == ["shared λ"])
        let subtitle = try Self.texts(document, class: "subtitle")
        #expect(subtitle.count == 1 && subtitle[0].contains("per-task λ_i: error 0.0000 (in-sample, optimistic)"))
        let curve = try LearningCurve(
            measuring: TestData.random(seed: 1, rows: 80), sizes: [10, 20], resampling: .crossValidation(folds: 4, repeats: 1))
        let curveDocument = try Self.parse(curve.plot.svg)
        #expect(try Self.texts(curveDocument, class: "x-label") == ["training rows (log scale)"])
        #expect(try Self.texts(curveDocument, class: "y-label") == ["task0 error (1 − accuracy)"])
        #expect(try Self.texts(document, class: "y-label") == ["main error (1 − accuracy)"])
    }
}
