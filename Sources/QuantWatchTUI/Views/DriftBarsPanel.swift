import Foundation
import QuantWatchDomain

/// Per-category accuracy of the selected target as bars, the baseline's accuracy marked on each.
struct DriftBarsPanel: Widget {
    let target: TargetSnapshot?

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let baseline = target?.baselineName.map { "vs \($0)" } ?? "no baseline"
        let panel = Panel(title: [Span("Accuracy", .title)], rightTitle: [Span(baseline, .muted)])
        panel.render(in: area, into: &buffer, theme: theme)
        let inner = panel.inner(area)
        guard !inner.isEmpty, let target else { return }
        let qualities = [target.overall] + target.categories
        let labelWidth = min(10, qualities.map { $0.category.count }.max() ?? 0)
        let figureWidth = 12
        var line = 0
        for quality in qualities where line < inner.height {
            let row = inner.row(line)
            line += 1
            let (label, rest) = row.splitLeft(labelWidth + 1)
            let (bar, figures) = rest.splitLeft(max(0, rest.width - figureWidth))
            Text.draw(
                [Span(quality.category, quality.category == "all" ? .text : .muted)], in: label, into: &buffer,
                theme: theme)
            let role = FleetTable.severityRole(quality.deltaSeverity)
            Gauge(
                fraction: quality.accuracy.rate, marker: quality.baselineAccuracy?.rate,
                role: role == .text || role == .muted ? .state(.ok) : role
            ).render(
                in: Rect(
                    x: bar.x, y: bar.y,
                    width: max(0, bar.width - 1), height: 1), into: &buffer, theme: theme)
            var spans: [Span] = [
                Span(
                    Figures.percent(quality.accuracy.rate),
                    quality.accuracy.total < 10 ? .muted : .text)
            ]
            if let delta = quality.deltaPoints { spans.append(Span(" " + Figures.points(delta), role)) }
            Text.draw(spans, in: figures, alignment: .right, into: &buffer, theme: theme)
        }
        if line < inner.height, let agreement = target.overall.answerAgreement {
            let kld = target.overall.meanKLD.map { "  KLD " + Figures.small($0) } ?? ""
            Text.draw(
                [Span("agree \(Figures.percent(agreement))\(kld)", .muted)], in: inner.row(inner.height - 1),
                into: &buffer, theme: theme)
        }
    }
}
