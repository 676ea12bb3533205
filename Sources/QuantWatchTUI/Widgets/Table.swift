/// Rows under a header line, with a sort arrow on one column and a highlighted selected row.
///
/// Scrolls so the selection stays visible; a cell can hold several spans (a symbol and a word).
public struct Table: Widget, Sendable {
    public var columns: [TableColumn]
    public var rows: [[[Span]]]
    public var selected: Int?
    public var sortColumn: Int?
    public var sortAscending: Bool

    public init(
        columns: [TableColumn], rows: [[[Span]]], selected: Int? = nil, sortColumn: Int? = nil,
        sortAscending: Bool = true
    ) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.sortColumn = sortColumn
        self.sortAscending = sortAscending
    }

    /// Widths of the columns for an area width (one space between columns).
    public func columnWidths(for width: Int) -> [Int] {
        let gaps = max(0, columns.count - 1)
        let fixed = columns.reduce(0) { $0 + $1.width } + gaps
        let flexibleCount = columns.filter(\.flexible).count
        let spare = max(0, width - fixed)
        let extra = flexibleCount > 0 ? spare / flexibleCount : 0
        var remainder = flexibleCount > 0 ? spare % flexibleCount : 0
        return columns.map { column in
            guard column.flexible else { return column.width }
            let add = extra + (remainder > 0 ? 1 : 0)
            if remainder > 0 { remainder -= 1 }
            return column.width + add
        }
    }

    /// The first row shown for a body of `height` rows, keeping the selection in view.
    public func offset(bodyHeight height: Int) -> Int {
        guard let selected, height > 0 else { return 0 }
        return selected >= height ? selected - height + 1 : 0
    }

    public func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let widths = columnWidths(for: area.width)
        var x = area.x
        for (index, column) in columns.enumerated() where x < area.maxX {
            var title = [Span(column.title, .title)]
            if index == sortColumn {
                let arrow = sortAscending ? theme.glyphs.sortAscending : theme.glyphs.sortDescending
                title = column.alignment == .right ? [Span(arrow, .accent)] + title : title + [Span(arrow, .accent)]
            }
            let width = min(widths[index], area.maxX - x)
            Text.draw(
                title, in: Rect(x: x, y: area.y, width: width, height: 1), alignment: column.alignment,
                into: &buffer, theme: theme)
            x += widths[index] + 1
        }
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard !body.isEmpty else { return }
        let first = offset(bodyHeight: body.height)
        for (line, rowIndex) in (first..<min(rows.count, first + body.height)).enumerated() {
            let isSelected = rowIndex == selected
            let rowRect = body.row(line)
            let selection = theme.style(.selection)
            if isSelected { buffer.fill(rowRect, with: .blank(selection)) }
            var cellX = area.x
            for (index, cell) in rows[rowIndex].prefix(columns.count).enumerated() where cellX < area.maxX {
                let spans = isSelected ? cell.map { Table.selected($0) } : cell
                let width = min(widths[index], area.maxX - cellX)
                Text.draw(
                    spans, in: Rect(x: cellX, y: rowRect.y, width: width, height: 1),
                    alignment: columns[index].alignment, into: &buffer, theme: theme)
                cellX += widths[index] + 1
            }
            if isSelected { Table.applySelection(rowRect, into: &buffer, theme: theme) }
        }
    }

    /// In a selected row plain text takes the selection colours; state colours keep their foreground.
    private static func selected(_ span: Span) -> Span {
        switch span.role {
        case .state(.ok), .state(.warning), .state(.critical): return span
        default: return Span(span.text, .selection, attributes: span.attributes)
        }
    }

    /// Puts the selection background under every cell of the row (mono: reverse video).
    private static func applySelection(_ row: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let selection = theme.style(.selection)
        for x in row.x..<row.maxX where buffer.contains(x: x, y: row.y) {
            var style = buffer[x, row.y].style
            if theme.isMonochrome {
                style.attributes.insert(.reverse)
            } else {
                style.bg = selection.bg
            }
            buffer.setStyle(Rect(x: x, y: row.y, width: 1, height: 1), style)
        }
    }
}
