/// The bottom line: key hints generated from the key map (or the filter prompt while typing one).
struct FooterBar: Widget {
    let ui: UIState

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank(theme.style(.header)))
        var spans: [Span] = [Span(" ", .header)]
        if ui.isEditingFilter {
            spans += [
                Span("/", .header, attributes: .bold), Span(ui.filter + "▏", .header),
                Span("   enter", .header, attributes: .bold), Span(" keep  ", .header),
                Span("esc", .header, attributes: .bold), Span(" clear", .header),
            ]
        } else {
            var seen = Set<Action>()
            for binding in ui.keyMap.bindings where !seen.contains(binding.action) {
                guard let word = binding.action.footer else { continue }
                seen.insert(binding.action)
                let keys = binding.action == .down
                    ? ui.keyMap.keys(for: .down).prefix(1).map(\.label).joined()
                        + "/" + ui.keyMap.keys(for: .up).prefix(1).map(\.label).joined()
                    : binding.key.label
                spans.append(Span(keys, .header, attributes: .bold))
                spans.append(Span(" \(word)  ", .header))
            }
        }
        Text.draw(spans, in: area, into: &buffer, theme: theme)
    }
}
