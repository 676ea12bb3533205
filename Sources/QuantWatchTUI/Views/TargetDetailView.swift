import Foundation
import QuantWatchDomain

/// One target in depth: latency percentiles and histogram, the runtime's own figures (where it publishes any),
/// errors and retries, quality against the baseline with token drift, cost, per-minute history of the last hour,
/// and the last answers beside the baseline's.
struct TargetDetailView: Widget {
    /// Rows the history panel needs to be worth showing: borders, header and three minutes.
    static let minimumHistoryHeight = 6

    let snapshot: Snapshot
    let target: TargetSnapshot?
    let window: MetricWindow

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        guard let target else {
            Text.draw(
                [Span("target no longer in the fleet — esc to go back", .muted)], in: area.row(1),
                alignment: .center, into: &buffer, theme: theme)
            return
        }
        let stats = target.stats(window)
        let compact = area.width < DashboardLayout.compactBelow
        let (summary, rest) = area.splitTop(3)
        drawSummary(target, in: summary, into: &buffer, theme: theme)
        let answersHeight = min(max(4, target.lastAnswers.count + 3), rest.height / 3)
        let (upper, answers) = rest.splitBottom(answersHeight)
        let leftWidth = compact ? upper.width / 2 : upper.width * 45 / 100
        let (left, right) = upper.splitLeft(leftWidth)
        let latencyHeight = min(7, left.height / 2)
        var (latency, lower) = left.splitTop(latencyHeight)
        DetailLatencyPanel(stats: stats, window: window).render(in: latency, into: &buffer, theme: theme)
        if target.runtime != nil || target.slo != nil, lower.height >= RuntimePanel.height + Self.minimumHistoryHeight {
            let (runtime, rest) = lower.splitTop(RuntimePanel.height)
            RuntimePanel(target: target, stats: stats, window: window).render(in: runtime, into: &buffer, theme: theme)
            lower = rest
        }
        let history = DetailHistoryPanel(target: target, window: window, now: snapshot.takenAt)
        let errorsHeight = min(ErrorClass.allCases.count + 4, right.height / 2)
        let (errors, quality) = right.splitTop(errorsHeight)
        DetailErrorsPanel(target: target, stats: stats).render(in: errors, into: &buffer, theme: theme)
        let qualityHeight = DetailQualityPanel.height(target)
        if quality.height >= qualityHeight + Self.minimumHistoryHeight {
            // Room under the quality figures: the history takes the rest of the right column.
            let (top, bottom) = quality.splitTop(qualityHeight)
            DetailQualityPanel(target: target, stats: stats).render(in: top, into: &buffer, theme: theme)
            history.render(in: bottom, into: &buffer, theme: theme)
            drawHistogram(stats, in: lower, into: &buffer, theme: theme)
        } else {
            // A short screen: the history, which the latency percentiles do not summarise, replaces the histogram.
            DetailQualityPanel(target: target, stats: stats).render(in: quality, into: &buffer, theme: theme)
            history.render(in: lower, into: &buffer, theme: theme)
        }
        AnswersPanel(target: target).render(in: answers, into: &buffer, theme: theme)
    }

    private func drawSummary(_ target: TargetSnapshot, in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let panel = Panel(
            title: [
                Span(target.id, .title),
                Span(
                    "  \(theme.glyphs.symbol(for: target.state)) \(target.state.name)",
                    .state(target.state)),
            ],
            rightTitle: [Span("window \(window.rawValue)", .muted)])
        panel.render(in: area, into: &buffer, theme: theme)
        var spans: [Span] = [
            Span("model ", .muted), Span(target.model, .text), Span("  backend ", .muted),
            Span(target.backend.rawValue, .text), Span("  quant ", .muted), Span(target.quant, .text),
            Span("  baseline ", .muted), Span(target.baselineName ?? "none", target.baseline == nil ? .muted : .text),
        ]
        if let verdict = target.verdict {
            let role: ThemeRole =
                verdict.state == .unknown ? .muted : .state(verdict.state)
            spans += [
                Span("  verdict ", .muted), Span(verdict.rawValue.replacingOccurrences(of: "_", with: " "), role),
            ]
        }
        if target.skippedTicks > 0 {
            // Probes slower than the interval: the loop skipped ticks rather than bursting; say how many.
            spans += [Span("  skipped \(target.skippedTicks) ticks", .state(.warning))]
        }
        if !target.reasons.isEmpty {
            spans += [Span("  firing: ", .muted), Span(target.reasons.joined(separator: "; "), .state(target.state))]
        }
        Text.draw(spans, in: panel.inner(area).row(0), into: &buffer, theme: theme)
    }

    private func drawHistogram(_ stats: WindowStats, in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let panel = Panel(title: [Span("E2E histogram", .title)], rightTitle: [Span("ms", .muted)])
        panel.render(in: area, into: &buffer, theme: theme)
        let inner = panel.inner(area)
        let bins = stats.e2eHistogram
        guard !bins.isEmpty else {
            Text.draw([Span("no samples in the window", .muted)], in: inner.row(0), into: &buffer, theme: theme)
            return
        }
        // Merge neighbouring bins until they fit the rows, so no bar is lost off the bottom.
        let perRow = max(1, (bins.count + inner.height - 1) / max(1, inner.height))
        let groups = stride(from: 0, to: bins.count, by: perRow).map { bins[$0..<min(bins.count, $0 + perRow)] }
        let labels = TargetDetailView.distinctLabels(groups.map { $0.last?.upperMilliseconds ?? 0 })
        let bars = zip(groups, labels).map { group, label in
            Histogram.Bar(label: "≤" + label, count: group.reduce(0) { $0 + $1.count })
        }
        Histogram(bars: bars).render(in: inner, into: &buffer, theme: theme)
    }

    /// Bucket bounds as labels with as many decimals as it takes for neighbours to differ: two bars both
    /// labelled "≤4" would hide where the latency actually sits.
    static func distinctLabels(_ bounds: [Double]) -> [String] {
        var labels = bounds.map(Figures.milliseconds)
        for decimals in 1...3 where zip(labels, labels.dropFirst()).contains(where: ==) {
            labels = bounds.map { $0 < 1000 ? Figures.fixed($0, decimals: decimals) : Figures.milliseconds($0) }
        }
        return labels
    }
}
