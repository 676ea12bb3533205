/// A bordered box with a title; `inner(_:)` gives the area left for its content.
public struct Panel: Widget, Sendable {
    public var title: [Span]
    /// Text on the right of the top border (for example a count or the window).
    public var rightTitle: [Span]
    public var highlighted: Bool

    public init(title: [Span] = [], rightTitle: [Span] = [], highlighted: Bool = false) {
        self.title = title
        self.rightTitle = rightTitle
        self.highlighted = highlighted
    }

    public init(_ title: String, rightTitle: String? = nil) {
        self.init(title: [Span(title, .title)], rightTitle: rightTitle.map { [Span($0, .muted)] } ?? [])
    }

    /// The area inside the border.
    public func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let glyphs = theme.glyphs
        let border = highlighted ? theme.style(.title) : theme.style(.border)
        let right = area.maxX - 1
        let bottom = area.maxY - 1
        for x in area.x...right {
            buffer.put(glyphs.horizontal, x: x, y: area.y, maxWidth: 1, style: border)
            if bottom > area.y { buffer.put(glyphs.horizontal, x: x, y: bottom, maxWidth: 1, style: border) }
        }
        for y in area.y...bottom {
            buffer.put(glyphs.vertical, x: area.x, y: y, maxWidth: 1, style: border)
            if right > area.x { buffer.put(glyphs.vertical, x: right, y: y, maxWidth: 1, style: border) }
        }
        guard area.width >= 2, area.height >= 2 else { return }
        buffer.put(glyphs.topLeft, x: area.x, y: area.y, maxWidth: 1, style: border)
        buffer.put(glyphs.topRight, x: right, y: area.y, maxWidth: 1, style: border)
        buffer.put(glyphs.bottomLeft, x: area.x, y: bottom, maxWidth: 1, style: border)
        buffer.put(glyphs.bottomRight, x: right, y: bottom, maxWidth: 1, style: border)
        let titleRow = Rect(x: area.x + 2, y: area.y, width: area.width - 4, height: 1)
        if !rightTitle.isEmpty {
            let width = rightTitle.reduce(0) { $0 + $1.width } + 2
            let slot = Rect(
                x: max(titleRow.x, titleRow.maxX - width), y: area.y, width: min(width, titleRow.width),
                height: 1)
            Text.draw([Span(" ", .border)] + rightTitle + [Span(" ", .border)], in: slot, into: &buffer, theme: theme)
        }
        if !title.isEmpty {
            let rightWidth = rightTitle.isEmpty ? 0 : rightTitle.reduce(0) { $0 + $1.width } + 3
            let slot = Rect(x: titleRow.x, y: area.y, width: titleRow.width - rightWidth, height: 1)
            Text.draw([Span(" ", .border)] + title + [Span(" ", .border)], in: slot, into: &buffer, theme: theme)
        }
    }
}
