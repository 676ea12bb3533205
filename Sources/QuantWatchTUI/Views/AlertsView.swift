import QuantWatchDomain

/// The alert event log, newest first, scrollable.
struct AlertsView: Widget {
    let snapshot: Snapshot
    let scroll: Int

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let panel = Panel(
            title: [Span("Alert events", .title)],
            rightTitle: [Span("\(snapshot.events.count) transitions, newest first", .muted)])
        panel.render(in: area, into: &buffer, theme: theme)
        let inner = panel.inner(area)
        guard !inner.isEmpty else { return }
        guard !snapshot.events.isEmpty else {
            Text.draw([Span("no alert transitions yet", .muted)], in: inner.row(0), into: &buffer, theme: theme)
            return
        }
        let events = Array(snapshot.events.reversed())
        let first = min(scroll, events.count - 1)
        for (line, event) in events[first...].prefix(inner.height).enumerated() {
            Text.draw(EventStrip.spans(event, theme: theme), in: inner.row(line), into: &buffer, theme: theme)
        }
    }
}
