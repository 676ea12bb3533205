extension Color {
    /// This colour as the nearest one a terminal of `depth` can show (mono drops every colour).
    public func degraded(to depth: ColorDepth) -> Color {
        switch (self, depth) {
        case (.default, _), (_, .truecolor): return self
        case (_, .mono): return .default
        case (.indexed(let index), .ansi256): return .indexed(index)
        case (.rgb(let red, let green, let blue), .ansi256):
            return .indexed(Color.nearest256(red, green, blue))
        case (.indexed(let index), .ansi8):
            if index < 8 { return .indexed(index) }
            if index < 16 { return .indexed(index - 8) }
            let (red, green, blue) = Color.rgbOf256(index)
            return .indexed(Color.nearest8(red, green, blue))
        case (.rgb(let red, let green, let blue), .ansi8):
            return .indexed(Color.nearest8(red, green, blue))
        }
    }

    /// RGB components, where known (palette 16...255 by the xterm definition).
    public var rgbComponents: (UInt8, UInt8, UInt8)? {
        switch self {
        case .rgb(let red, let green, let blue): return (red, green, blue)
        case .indexed(let index) where index >= 16: return Color.rgbOf256(index)
        case .indexed(let index): return Color.basic16[Int(index)]
        case .default: return nil
        }
    }

    private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// xterm's 16 base colours, for distance measures.
    private static let basic16: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// Nearest entry of the 6x6x6 cube (16...231) or the grey ramp (232...255).
    static func nearest256(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> UInt8 {
        func cubeIndex(_ value: UInt8) -> Int {
            let value = Int(value)
            if value < 48 { return 0 }
            if value < 115 { return 1 }
            return min(5, (value - 35) / 40)
        }
        let (cubeRed, cubeGreen, cubeBlue) = (cubeIndex(red), cubeIndex(green), cubeIndex(blue))
        let cube = (cubeLevels[cubeRed], cubeLevels[cubeGreen], cubeLevels[cubeBlue])
        let average = (Int(red) + Int(green) + Int(blue)) / 3
        let greyIndex = average > 238 ? 23 : max(0, (average - 3) / 10)
        let greyLevel = 8 + 10 * greyIndex
        let cubeDistance = distance((Int(red), Int(green), Int(blue)), cube)
        let greyDistance = distance((Int(red), Int(green), Int(blue)), (greyLevel, greyLevel, greyLevel))
        if greyDistance < cubeDistance { return UInt8(232 + greyIndex) }
        return UInt8(16 + 36 * cubeRed + 6 * cubeGreen + cubeBlue)
    }

    /// Nearest of the eight basic colours.
    static func nearest8(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for index in 0..<8 {
            let base = basic16[index]
            let candidate = distance((Int(red), Int(green), Int(blue)), (Int(base.0), Int(base.1), Int(base.2)))
            if candidate < bestDistance {
                best = index
                bestDistance = candidate
            }
        }
        return UInt8(best)
    }

    static func rgbOf256(_ index: UInt8) -> (UInt8, UInt8, UInt8) {
        let value = Int(index)
        if value < 16 { return basic16[value] }
        if value >= 232 {
            let level = UInt8(8 + 10 * (value - 232))
            return (level, level, level)
        }
        let offset = value - 16
        return (
            UInt8(cubeLevels[offset / 36]), UInt8(cubeLevels[(offset / 6) % 6]), UInt8(cubeLevels[offset % 6])
        )
    }

    /// Squared distance weighted for the eye (red 3, green 4, blue 2).
    private static func distance(_ lhs: (Int, Int, Int), _ rhs: (Int, Int, Int)) -> Int {
        let red = lhs.0 - rhs.0
        let green = lhs.1 - rhs.1
        let blue = lhs.2 - rhs.2
        return 3 * red * red + 4 * green * green + 2 * blue * blue
    }
}
