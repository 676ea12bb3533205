import QuantWatchDomain

/// The latest alert transitions, newest first: a panel, or a single line in the compact layout.
struct EventStrip: Widget {
    let events: [AlertEvent]
    let compact: Bool

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        if compact {
            var spans: [Span] = [Span("events ", .title)]
            if let event = events.last {
                spans += EventStrip.spans(event, theme: theme)
            } else {
                spans.append(Span("none yet", .muted))
            }
            Text.draw(spans, in: area.row(0), into: &buffer, theme: theme)
            return
        }
        let panel = Panel(title: [Span("Events", .title)], rightTitle: [Span("a: full log", .muted)])
        panel.render(in: area, into: &buffer, theme: theme)
        let inner = panel.inner(area)
        guard !inner.isEmpty else { return }
        if events.isEmpty {
            Text.draw([Span("no alert transitions yet", .muted)], in: inner.row(0), into: &buffer, theme: theme)
            return
        }
        for (line, event) in events.reversed().prefix(inner.height).enumerated() {
            Text.draw(EventStrip.spans(event, theme: theme), in: inner.row(line), into: &buffer, theme: theme)
        }
    }

    /// One event as "12:03:04 ▲ llama3-q4km p99 ok→warning: p99 2310 ms > 1500 ms".
    static func spans(_ event: AlertEvent, theme: Theme) -> [Span] {
        [
            Span(Figures.clock(event.at) + " ", .muted),
            Span(theme.glyphs.symbol(for: event.to) + " ", .state(event.to)),
            Span(event.targetID, .text, attributes: .bold),
            Span(" \(event.rule) ", .muted),
            Span(event.from.name, .state(event.from)),
            Span("→", .muted),
            Span(event.to.name, .state(event.to)),
            Span("  " + event.message, .text),
        ]
    }
}
