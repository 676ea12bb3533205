/// One row of eight-level bars, newest sample on the right; nil samples leave a gap.
public struct Sparkline: Widget, Sendable {
    public var samples: [Double?]
    /// Top of the scale; the largest sample when nil.
    public var maximum: Double?
    /// Bottom of the scale (0 unless given).
    public var minimum: Double
    public var role: ThemeRole
    /// Colour each bar from the graph gradient by its height instead of the role.
    public var gradient: Bool

    public init(
        samples: [Double?], maximum: Double? = nil, minimum: Double = 0, role: ThemeRole = .text,
        gradient: Bool = false
    ) {
        self.samples = samples
        self.maximum = maximum
        self.minimum = minimum
        self.role = role
        self.gradient = gradient
    }

    public func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let shown = samples.suffix(area.width)
        let top = maximum ?? shown.compactMap { $0 }.max() ?? 0
        let bars = theme.glyphs.bars
        var x = area.maxX - shown.count
        for sample in shown {
            defer { x += 1 }
            guard let sample, sample.isFinite else { continue }
            let range = top - minimum
            let fraction = range > 0 ? min(1, max(0, (sample - minimum) / range)) : (sample > 0 ? 1 : 0)
            var level = Int((fraction * Double(bars.count - 1)).rounded())
            // A positive sample never vanishes into a blank.
            if sample > 0, level == 0 { level = 1 }
            let style = gradient ? theme.style(role).with(fg: theme.graphColor(fraction)) : theme.style(role)
            buffer.put(bars[level], x: x, y: area.y + area.height - 1, maxWidth: 1, style: style)
        }
    }
}
