import QuantWatchDomain

/// E2E, TTFT and TPOT percentiles of one target, p99 muted below 100 samples.
struct DetailLatencyPanel: Widget {
    let stats: WindowStats
    let window: MetricWindow

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let panel = Panel(title: [Span("Latency", .title)], rightTitle: [Span("ms, \(window.rawValue)", .muted)])
        panel.render(in: area, into: &buffer, theme: theme)
        let inner = panel.inner(area)
        guard !inner.isEmpty else { return }
        let right = Alignment.right
        let columns = [
            TableColumn("", width: 5, flexible: true), TableColumn("p50", width: 6, alignment: right),
            TableColumn("p95", width: 6, alignment: right), TableColumn("p99", width: 6, alignment: right),
            TableColumn("max", width: 6, alignment: right), TableColumn("n", width: 5, alignment: right),
        ]
        let rows = [("E2E", stats.e2e), ("TTFT", stats.ttft), ("TPOT", stats.tpot)].map { name, summary in
            [
                [Span(name, .muted)],
                [FleetTable.latency(summary.p50, count: summary.count, reliableAt: 1)],
                [FleetTable.latency(summary.p95, count: summary.count, reliableAt: 20)],
                [FleetTable.latency(summary.p99, count: summary.count, reliableAt: 100)],
                [FleetTable.latency(summary.max, count: summary.count, reliableAt: 1)],
                [Span(String(summary.count), .muted)],
            ]
        }
        Table(columns: columns, rows: rows).render(in: inner, into: &buffer, theme: theme)
    }
}
