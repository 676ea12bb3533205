import QuantWatchDomain

/// The main screen: fleet table, latency graph and drift bars of the selected target, and the event strip.
struct DashboardView: Widget {
    let snapshot: Snapshot
    let ui: UIState
    let rows: [TargetSnapshot]
    let layout: DashboardLayout

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let selectedIndex = ui.selectedIndex(in: rows)
        let selected = selectedIndex.map { rows[$0] }
        drawTable(selectedIndex: selectedIndex, into: &buffer, theme: theme)
        LatencyGraphPanel(target: selected, window: ui.window).render(in: layout.graph, into: &buffer, theme: theme)
        DriftBarsPanel(target: selected).render(in: layout.drift, into: &buffer, theme: theme)
        EventStrip(events: snapshot.events, compact: layout.isCompact).render(
            in: layout.events, into: &buffer,
            theme: theme)
    }

    private func drawTable(selectedIndex: Int?, into buffer: inout ScreenBuffer, theme: Theme) {
        let count =
            rows.count == snapshot.targets.count
            ? "\(rows.count) targets" : "\(rows.count) of \(snapshot.targets.count) targets"
        let panel = Panel(title: [Span("Fleet", .title)], rightTitle: [Span(count, .muted)])
        panel.render(in: layout.table, into: &buffer, theme: theme)
        let inner = panel.inner(layout.table)
        guard !inner.isEmpty else { return }
        if rows.isEmpty {
            let message = snapshot.targets.isEmpty ? "waiting for the first probes…" : "no target matches the filter"
            Text.draw(
                [Span(message, .muted)], in: inner.row(min(1, inner.height - 1)), alignment: .center, into: &buffer,
                theme: theme)
            return
        }
        let builder = FleetTable(rows: rows, ui: ui)
        let table = builder.table(
            width: inner.width, height: inner.height, selected: selectedIndex, glyphs: theme.glyphs)
        table.render(in: inner, into: &buffer, theme: theme)
        guard let trend = builder.trendColumn(width: inner.width) else { return }
        let widths = table.columnWidths(for: inner.width)
        let x = inner.x + widths.prefix(trend).reduce(0, +) + trend
        let width = min(widths[trend], inner.maxX - x)
        let bodyHeight = inner.height - 1
        let offset = table.offset(bodyHeight: bodyHeight)
        for line in 0..<min(bodyHeight, rows.count - offset) {
            let target = rows[offset + line]
            let samples = target.history.map(\.p95)
            // A floor below the lowest sample makes the trend visible; zero is not where latency lives.
            let floor = (samples.compactMap { $0 }.min() ?? 0) * 0.8
            Sparkline(
                samples: samples, minimum: floor, role: .state(target.state == .unknown ? .unknown : .ok),
                gradient: true
            )
            .render(in: Rect(x: x, y: inner.y + 1 + line, width: width, height: 1), into: &buffer, theme: theme)
            if offset + line == selectedIndex, !theme.isMonochrome {
                let row = Rect(x: x, y: inner.y + 1 + line, width: width, height: 1)
                for column in row.x..<row.maxX {
                    var style = buffer[column, row.y].style
                    style.bg = theme.style(.selection).bg
                    buffer.setStyle(Rect(x: column, y: row.y, width: 1, height: 1), style)
                }
            }
        }
    }
}
