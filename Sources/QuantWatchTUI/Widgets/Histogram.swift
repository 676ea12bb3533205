/// Horizontal histogram bars: a label column, a bar scaled to the largest count, and the count.
public struct Histogram: Widget, Sendable {
    /// One bar.
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var count: Int

        public init(label: String, count: Int) {
            self.label = label
            self.count = count
        }
    }

    public var bars: [Bar]

    public init(bars: [Bar]) {
        self.bars = bars
    }

    public func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty, !bars.isEmpty else { return }
        let labelWidth = min(area.width / 3, bars.map { DisplayWidth.of($0.label) }.max() ?? 0)
        let countWidth = min(area.width / 4, bars.map { String($0.count).count }.max() ?? 0)
        let barWidth = area.width - labelWidth - countWidth - 2
        let largest = bars.map(\.count).max() ?? 0
        let eighths = theme.glyphs.bars
        for (index, bar) in bars.prefix(area.height).enumerated() {
            let row = area.row(index)
            Text.draw(
                [Span(bar.label, .muted)], in: Rect(x: row.x, y: row.y, width: labelWidth, height: 1),
                alignment: .right, into: &buffer, theme: theme)
            guard barWidth > 0 else { continue }
            let fraction = largest > 0 ? Double(bar.count) / Double(largest) : 0
            let units = Int((fraction * Double(barWidth * 8)).rounded())
            let style = theme.style(.text).with(fg: theme.graphColor(fraction))
            var x = row.x + labelWidth + 1
            for _ in 0..<(units / 8) {
                buffer.put(eighths[8], x: x, y: row.y, maxWidth: 1, style: style)
                x += 1
            }
            if units % 8 > 0 {
                buffer.put(theme.glyphs.eighths[units % 8], x: x, y: row.y, maxWidth: 1, style: style)
            } else if bar.count > 0, units == 0 {
                buffer.put(theme.glyphs.eighths[1], x: x, y: row.y, maxWidth: 1, style: style)
            }
            Text.draw(
                [Span(String(bar.count), .text)],
                in: Rect(x: row.maxX - countWidth, y: row.y, width: countWidth, height: 1), alignment: .right,
                into: &buffer, theme: theme)
        }
    }

}
