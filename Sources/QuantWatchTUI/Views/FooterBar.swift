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
                let keys =
                    binding.action == .down
                    ? ui.keyMap.keys(for: .down).prefix(1).map(\.label).joined()
                        + "/" + ui.keyMap.keys(for: .up).prefix(1).map(\.label).joined()
                    : binding.key.label
                spans.append(Span(keys, .header, attributes: .bold))
                spans.append(Span(" \(word)  ", .header))
            }
        }
        // Hints that do not fit are dropped from the end, keeping help (which lists them all) last.
        let help =
            ui.keyMap.keys(for: .help).first.map {
                [
                    Span($0.label, .header, attributes: .bold),
                    Span(" help", .header),
                ]
            } ?? []
        if !ui.isEditingFilter, !help.isEmpty {
            spans.removeLast(2)
            while spans.count > 1, spans.reduce(0, { $0 + $1.width }) + help.reduce(0, { $0 + $1.width }) > area.width {
                spans.removeLast(2)
            }
            spans += help
        }
        Text.draw(spans, in: area, into: &buffer, theme: theme)
    }
}
