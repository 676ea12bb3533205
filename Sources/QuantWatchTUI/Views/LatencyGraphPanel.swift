import Foundation
import QuantWatchDomain

/// The selected target's E2E p95 over time as a braille graph, with its scale on the left.
struct LatencyGraphPanel: Widget {
    let target: TargetSnapshot?
    let window: MetricWindow

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let name = target?.id ?? "no target"
        let latest = target?.history.last?.p95
        let panel = Panel(
            title: [Span("Latency ", .title), Span(name, .accent)],
            rightTitle: [Span("p95 E2E ms" + (latest.map { " now \(Figures.milliseconds($0))" } ?? ""), .muted)])
        panel.render(in: area, into: &buffer, theme: theme)
        let inner = panel.inner(area)
        guard !inner.isEmpty, let target else { return }
        let samples = target.history.map(\.p95)
        guard let top = samples.compactMap({ $0 }).max(), top > 0 else {
            Text.draw(
                [Span("no latency samples yet", .muted)], in: inner.row(inner.height / 2), alignment: .center,
                into: &buffer, theme: theme)
            return
        }
        let scale = niceCeiling(top)
        let labelWidth = max(Figures.milliseconds(scale).count, 1) + 1
        let (labels, plot) = inner.splitLeft(labelWidth)
        let axis = Rect(x: plot.x, y: plot.maxY - 1, width: plot.width, height: 1)
        let graphArea = Rect(x: plot.x, y: plot.y, width: plot.width, height: max(0, plot.height - 1))
        Text.draw(
            [Span(Figures.milliseconds(scale), .muted)], in: labels.row(0), alignment: .right, into: &buffer,
            theme: theme)
        if labels.height > 3 {
            Text.draw(
                [Span(Figures.milliseconds(scale / 2), .muted)], in: labels.row((labels.height - 1) / 2),
                alignment: .right, into: &buffer, theme: theme)
        }
        Text.draw(
            [Span("0", .muted)], in: labels.row(labels.height - 2), alignment: .right, into: &buffer,
            theme: theme)
        BrailleGraph(samples: samples, maximum: scale).render(in: graphArea, into: &buffer, theme: theme)
        let span = target.history.first.flatMap { first in target.history.last.map { $0.at.timeIntervalSince(first.at) }
        }
        let axisText =
            "\(Figures.duration(span ?? 0)) ago" + String(repeating: " ", count: 3) + "window \(window.rawValue)"
        Text.draw([Span(axisText, .muted)], in: axis, into: &buffer, theme: theme)
        Text.draw([Span("now", .muted)], in: axis, alignment: .right, into: &buffer, theme: theme)
    }

    /// The next round number above a value (1, 2, 2.5, 5 x 10^n), so the scale reads well.
    private func niceCeiling(_ value: Double) -> Double {
        var magnitude = 1.0
        while magnitude * 10 <= value { magnitude *= 10 }
        for step in [1.0, 2.0, 2.5, 5.0, 10.0] where step * magnitude >= value { return step * magnitude }
        return value
    }
}
