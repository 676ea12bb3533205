/// Lines of styled spans, clipped to the area (long lines end in an ellipsis).
public struct Text: Widget, Sendable {
    public var lines: [[Span]]
    public var alignment: Alignment

    public init(lines: [[Span]], alignment: Alignment = .left) {
        self.lines = lines
        self.alignment = alignment
    }

    public init(_ text: String, role: ThemeRole = .text, alignment: Alignment = .left) {
        self.init(
            lines: text.split(separator: "\n", omittingEmptySubsequences: false).map {
                [Span(String($0), role)]
            }, alignment: alignment)
    }

    public func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        for (row, spans) in lines.prefix(area.height).enumerated() {
            Text.draw(spans, in: area.row(row), alignment: alignment, into: &buffer, theme: theme)
        }
    }

    /// Draws spans on one row: aligned, clipped, with an ellipsis when cut.
    public static func draw(
        _ spans: [Span], in row: Rect, alignment: Alignment = .left, into buffer: inout ScreenBuffer, theme: Theme
    ) {
        guard !row.isEmpty else { return }
        let total = spans.reduce(0) { $0 + $1.width }
        var x = row.x
        switch alignment {
        case .left: break
        case .right: x += max(0, row.width - total)
        case .center: x += max(0, (row.width - total) / 2)
        }
        let cut = total > row.width
        let limit = cut ? row.maxX - 1 : row.maxX
        for span in spans where x < limit {
            x += buffer.put(span.text, x: x, y: row.y, maxWidth: limit - x, style: span.style(theme))
        }
        if cut, row.width >= 1, let last = spans.last {
            buffer.put(theme.glyphs.ellipsis, x: row.maxX - 1, y: row.y, maxWidth: 1, style: last.style(theme))
        }
    }
}
