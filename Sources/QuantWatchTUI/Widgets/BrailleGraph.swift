/// A btop-style area graph: two samples per cell, four dots high per row, coloured by height.
public struct BrailleGraph: Widget, Sendable {
    public var samples: [Double?]
    /// Top of the scale; the largest sample when nil.
    public var maximum: Double?

    public init(samples: [Double?], maximum: Double? = nil) {
        self.samples = samples
        self.maximum = maximum
    }

    public func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let shown = Array(samples.suffix(area.width * 2))
        let top = maximum ?? shown.compactMap { $0 }.max() ?? 0
        let dots = area.height * 4
        let heights: [Int] = shown.map { sample in
            guard let sample, sample.isFinite, top > 0 else { return 0 }
            let height = Int((min(1, max(0, sample / top)) * Double(dots)).rounded())
            return sample > 0 ? max(1, height) : 0
        }
        // Right-align: the newest sample sits in the last column; an odd count leaves the first left half empty.
        let columns = (heights.count + 1) / 2
        let padded = heights.count % 2 == 1 ? [0] + heights : heights
        let firstX = area.maxX - columns
        let table = theme.glyphs.graph
        for column in 0..<columns {
            let left = padded[column * 2]
            let right = padded[column * 2 + 1]
            for row in 0..<area.height {
                let floor = row * 4
                let leftLevel = min(4, max(0, left - floor))
                let rightLevel = min(4, max(0, right - floor))
                guard leftLevel + rightLevel > 0 else { continue }
                let fraction = Double(row + 1) / Double(area.height)
                let style = theme.style(.text).with(fg: theme.graphColor(fraction))
                buffer.put(
                    table[leftLevel * 5 + rightLevel], x: firstX + column, y: area.maxY - 1 - row, maxWidth: 1,
                    style: style)
            }
        }
    }
}
