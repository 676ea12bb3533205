import Foundation
import QuantWatchDomain

/// One row per minute of the last hour, newest first: probes, E2E p50 and p95, error share and accuracy.
///
/// Minutes older than the selected window are muted, so the rows the other panels summarise stand out.
struct DetailHistoryPanel: Widget {
    let target: TargetSnapshot
    let window: MetricWindow
    /// When the snapshot was taken (the panel never reads the clock).
    let now: Date

    /// Panel height that shows every minute of the last hour.
    static func fullHeight(_ target: TargetSnapshot) -> Int { max(1, target.minutes.count) + 3 }

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let panel = Panel(title: [Span("History", .title)], rightTitle: [Span("per minute, UTC", .muted)])
        panel.render(in: area, into: &buffer, theme: theme)
        let inner = panel.inner(area)
        guard !inner.isEmpty else { return }
        guard !target.minutes.isEmpty else {
            Text.draw([Span("no probes in the last hour", .muted)], in: inner.row(0), into: &buffer, theme: theme)
            return
        }
        let right = Alignment.right
        let columns = [
            TableColumn("min", width: 5), TableColumn("n", width: 4, alignment: right),
            TableColumn("p50", width: 6, alignment: right), TableColumn("p95", width: 6, alignment: right),
            TableColumn("err", width: 5, alignment: right), TableColumn("acc", width: 5, alignment: right),
            TableColumn("", width: 0, flexible: true),
        ]
        let windowStart = now.addingTimeInterval(-Double(window.duration.components.seconds))
        let rows = target.minutes.reversed().map { minute in
            row(minute, inWindow: minute.start.addingTimeInterval(60) > windowStart)
        }
        Table(columns: columns, rows: rows).render(in: inner, into: &buffer, theme: theme)
    }

    private func row(_ minute: HistoryBucket, inWindow: Bool) -> [[Span]] {
        let plain: ThemeRole = inWindow ? .text : .muted
        let errorRole: ThemeRole =
            minute.errors > 0
            ? .state(minute.errors == minute.requests ? .critical : .warning)
            : plain
        return [
            [Span(String(Figures.clock(minute.start).prefix(5)), .muted)],
            [Span(String(minute.requests), plain)],
            [Span(Figures.milliseconds(minute.p50), plain)],
            [Span(Figures.milliseconds(minute.p95), plain)],
            [Span(Figures.percent(minute.errorRate), errorRole)],
            [Span(Figures.percent(minute.accuracy), plain)],
            [],
        ]
    }
}
