extension Color {
    /// The RGB midpoint of two colours (the first one when either has no RGB value).
    static func blend(_ lhs: Color, _ rhs: Color) -> Color {
        guard let left = lhs.rgbComponents, let right = rhs.rgbComponents else { return lhs }
        func mid(_ first: UInt8, _ second: UInt8) -> UInt8 { UInt8((Int(first) + Int(second)) / 2) }
        return .rgb(mid(left.0, right.0), mid(left.1, right.1), mid(left.2, right.2))
    }

    /// The colour of `palette` nearest to `hue` (degrees) within 30°, among clearly coloured ones (saturation and
    /// value at least 0.35), so greys and near-blacks never stand in for a state colour.
    static func closest(toHue hue: Double, among palette: [Color]) -> Color? {
        var best: (color: Color, distance: Double)?
        for color in palette {
            guard let (red, green, blue) = color.rgbComponents else { continue }
            let (colorHue, saturation, value) = hsv(red, green, blue)
            guard saturation >= 0.35, value >= 0.35 else { continue }
            let distance = min(abs(colorHue - hue), 360 - abs(colorHue - hue))
            guard distance <= 30 else { continue }
            // A tie keeps the first: callers pass the palette in a fixed order, so the pick is repeatable.
            if distance < (best?.distance ?? .infinity) { best = (color, distance) }
        }
        return best?.color
    }

    private static func hsv(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> (Double, Double, Double) {
        let (r, g, b) = (Double(red) / 255, Double(green) / 255, Double(blue) / 255)
        let high = max(r, g, b)
        let low = min(r, g, b)
        let delta = high - low
        let saturation = high == 0 ? 0 : delta / high
        guard delta > 0 else { return (0, saturation, high) }
        var hue: Double
        if high == r {
            hue = 60 * ((g - b) / delta).truncatingRemainder(dividingBy: 6)
        } else if high == g {
            hue = 60 * ((b - r) / delta + 2)
        } else {
            hue = 60 * ((r - g) / delta + 4)
        }
        if hue < 0 { hue += 360 }
        return (hue, saturation, high)
    }
}
