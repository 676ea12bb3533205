/// A horizontal bar filled to a fraction, with an optional marker (for example where the baseline stands).
public struct Gauge: Widget, Sendable {
    public var fraction: Double?
    public var marker: Double?
    public var role: ThemeRole

    public init(fraction: Double?, marker: Double? = nil, role: ThemeRole = .text) {
        self.fraction = fraction
        self.marker = marker
        self.role = role
    }

    public func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let filled = fraction.map { Int((min(1, max(0, $0)) * Double(row.width)).rounded()) } ?? 0
        let full = theme.style(role)
        let empty = theme.style(.muted)
        for column in 0..<row.width {
            let isFull = column < filled
            buffer.put(
                isFull ? theme.glyphs.gaugeFull : theme.glyphs.gaugeEmpty, x: row.x + column, y: row.y,
                maxWidth: 1, style: isFull ? full : empty)
        }
        if let marker, marker.isFinite {
            let column = min(row.width - 1, max(0, Int((min(1, max(0, marker)) * Double(row.width)).rounded()) - 1))
            buffer.put(theme.glyphs.marker, x: row.x + column, y: row.y, maxWidth: 1, style: theme.style(.baseline))
        }
    }
}
