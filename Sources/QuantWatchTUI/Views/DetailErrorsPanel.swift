import QuantWatchDomain

/// Errors by class, retries, consecutive failures and the last error of one target.
struct DetailErrorsPanel: Widget {
    let target: TargetSnapshot
    let stats: WindowStats

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let rate = stats.requests > 0 ? Figures.percent(stats.errorRate) : Figures.missing
        let panel = Panel(
            title: [Span("Errors", .title)],
            rightTitle: [Span("\(stats.errorCount)/\(stats.requests) = \(rate)", .muted)])
        panel.render(in: area, into: &buffer, theme: theme)
        let inner = panel.inner(area)
        guard !inner.isEmpty else { return }
        var lines: [[Span]] = []
        let failing = ErrorClass.allCases.filter { (stats.errors[$0] ?? 0) > 0 }
        if failing.isEmpty { lines.append([Span("no errors in the window", .state(.ok))]) }
        for errorClass in failing {
            let count = stats.errors[errorClass] ?? 0
            lines.append([
                Span(errorClass.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0), .muted),
                Span(String(count), .state(.warning)),
            ])
        }
        lines.append([
            Span("retries ", .muted), Span(String(stats.retries), .text),
            Span("  consecutive failures ", .muted),
            Span(String(target.consecutiveFailures), target.consecutiveFailures > 0 ? .state(.critical) : .text),
        ])
        if let error = target.lastError {
            lines.append([
                Span("last: ", .muted),
                Span(
                    "\(error.errorClass.rawValue) \(error.message)",
                    .state(.critical)),
            ])
        }
        Text(lines: lines).render(in: inner, into: &buffer, theme: theme)
    }
}
