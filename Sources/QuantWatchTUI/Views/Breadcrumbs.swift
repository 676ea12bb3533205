/// The second line: where you are (from the route stack), then filter, sort and theme on the right.
struct Breadcrumbs: Widget {
    let ui: UIState
    let themeName: String

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        var crumbs: [Span] = [Span(" ", .text)]
        for (index, route) in ui.routes.enumerated() {
            if index > 0 { crumbs.append(Span(" \(theme.glyphs.separator) ", .muted)) }
            let isLast = index == ui.routes.count - 1
            crumbs.append(Span(route.title, isLast ? .accent : .text))
        }
        var right: [Span] = []
        if ui.isEditingFilter || !ui.filter.isEmpty {
            right.append(Span("filter: ", .muted))
            right.append(Span(ui.filter + (ui.isEditingFilter ? "▏" : ""), .accent))
            right.append(Span("  ", .text))
        }
        if let column = ui.sortColumn {
            let arrow = ui.sortAscending ? theme.glyphs.sortAscending : theme.glyphs.sortDescending
            right.append(Span("sort: ", .muted))
            right.append(Span("\(column.rawValue) \(arrow)", .text))
            right.append(Span("  ", .text))
        }
        right.append(Span("theme: ", .muted))
        right.append(Span(themeName + " ", .text))
        let rightWidth = right.reduce(0) { $0 + $1.width }
        Text.draw(
            crumbs, in: Rect(x: area.x, y: area.y, width: max(0, area.width - rightWidth - 1), height: 1),
            into: &buffer, theme: theme)
        Text.draw(right, in: area, alignment: .right, into: &buffer, theme: theme)
    }
}
