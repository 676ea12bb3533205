/// A box over the current screen listing every binding of the key map (generated, never hand-written).
struct HelpOverlay: Widget {
    let keyMap: KeyMap

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        var lines: [[Span]] = []
        for action in Action.allCases {
            let keys = keyMap.keys(for: action)
            guard !keys.isEmpty else { continue }
            let label = keys.map(\.label).joined(separator: " ")
            lines.append([
                Span(label.padding(toLength: 12, withPad: " ", startingAt: 0), .accent),
                Span(action.help, .text), Span("  (\(action.rawValue))", .muted),
            ])
        }
        lines.append([])
        lines.append([Span("rebind by action name in the fleet file: keys: {sort: o}", .muted)])
        lines.append([Span("any key closes this help", .muted)])
        let width = min(area.width - 2, (lines.map { $0.reduce(0) { $0 + $1.width } }.max() ?? 0) + 4)
        let height = min(area.height, lines.count + 2)
        let box = Rect(
            x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width,
            height: height)
        buffer.fill(box, with: .blank(theme.base))
        let panel = Panel(title: [Span("Help", .title)], rightTitle: [Span("esc closes", .muted)], highlighted: true)
        panel.render(in: box, into: &buffer, theme: theme)
        Text(lines: lines).render(in: panel.inner(box).inset(horizontal: 1, vertical: 0), into: &buffer, theme: theme)
    }
}
