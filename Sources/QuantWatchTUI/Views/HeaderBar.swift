import QuantWatchDomain

/// The top line: fleet state, counts per state, window, probe rate, pause marker, outputs dropped by a consumer
/// that fell behind, and the snapshot's clock.
struct HeaderBar: Widget {
    let snapshot: Snapshot
    let ui: UIState

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let header = theme.style(.header)
        buffer.fill(area, with: .blank(header))
        let glyphs = theme.glyphs
        let fleet = snapshot.fleetState
        var left: [Span] = [
            Span(" quantwatch ", .header, attributes: .bold),
            Span(" \(glyphs.symbol(for: fleet)) \(fleet.name.uppercased()) ", .state(fleet), attributes: .bold),
            Span(" ", .header),
        ]
        let compact = area.width < DashboardLayout.compactBelow
        for state in [AlertState.ok, .warning, .critical, .unknown] where state != .unknown || snapshot.count(state) > 0
        {
            left.append(Span("\(glyphs.symbol(for: state))\(snapshot.count(state))", .header))
            left.append(Span(" ", .header))
        }
        left.append(Span(" window \(ui.window.rawValue)", .header))
        left.append(Span("  \(Figures.rate(snapshot.probesPerSecond)) probes/s", .header))
        if snapshot.inFlight > 0, !compact { left.append(Span("  \(snapshot.inFlight) in flight", .header)) }
        var right: [Span] = []
        if ui.isPaused { right.append(Span(" PAUSED ", .state(.warning), attributes: [.bold, .reverse])) }
        if snapshot.paused { right.append(Span(" PROBING PAUSED ", .state(.warning), attributes: .bold)) }
        // A consumer that fell behind (store, metrics, ...) lost rows: never silent, always on the top line.
        let behind = snapshot.outputs.filter { $0.dropped > 0 }
        if !behind.isEmpty {
            let names = behind.map { "\($0.consumer) \($0.dropped)" }.joined(separator: ", ")
            right.append(Span(" DROPPED \(names) ", .state(.critical), attributes: .bold))
        }
        if !compact {
            right.append(
                Span("  up \(Figures.duration(snapshot.takenAt.timeIntervalSince(snapshot.startedAt)))", .header))
        }
        right.append(Span(" \(Figures.clock(snapshot.takenAt)) UTC ", .header, attributes: .bold))
        let rightWidth = right.reduce(0) { $0 + $1.width }
        Text.draw(
            left, in: Rect(x: area.x, y: area.y, width: max(0, area.width - rightWidth), height: 1),
            into: &buffer, theme: theme)
        Text.draw(right, in: area, alignment: .right, into: &buffer, theme: theme)
        // Spans draw with their own role; keep the bar's background under state words that are not reversed.
        if !theme.isMonochrome {
            for x in area.x..<area.maxX where buffer[x, area.y].style.bg == theme.color(.background) {
                var style = buffer[x, area.y].style
                style.bg = header.bg
                buffer.setStyle(Rect(x: x, y: area.y, width: 1, height: 1), style)
            }
        }
    }
}
