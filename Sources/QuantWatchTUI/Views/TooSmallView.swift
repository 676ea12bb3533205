/// The message shown instead of the dashboard when the terminal is below the minimum size.
struct TooSmallView: Widget {
    let size: Size

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let minimum = DashboardLayout.minimum
        let lines = [
            [Span("terminal too small", .state(.warning))],
            [Span("need \(minimum.width)x\(minimum.height), have \(size.width)x\(size.height)", .text)],
            [Span("enlarge the window or press q", .muted)],
        ]
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < area.maxY {
            Text.draw(
                line, in: Rect(x: area.x, y: top + index, width: area.width, height: 1), alignment: .center,
                into: &buffer, theme: theme)
        }
    }
}
