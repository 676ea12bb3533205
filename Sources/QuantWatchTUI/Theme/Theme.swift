/// A resolved colour theme: semantic keys -> colours for one colour depth, plus the glyph set to draw with.
public struct Theme: Sendable, Equatable {
    public let name: String
    public let depth: ColorDepth
    public let glyphs: GlyphSet
    /// Colours as written in the theme, before degrading (kept so the theme can be resolved again).
    public let sourceColors: [ThemeKey: Color]
    private let colors: [ThemeKey: Color]
    /// Graph colour per percent, 0...100 (btop precomputes the same 101 entries).
    private let gradient: [Color]

    /// A theme from (possibly partial) colours; missing keys come from the built-in default palette.
    public init(
        name: String, colors: [ThemeKey: Color], depth: ColorDepth = .truecolor, glyphs: GlyphSet = .unicode
    ) {
        var complete = BuiltInThemes.defaultPalette
        complete.merge(colors) { _, new in new }
        self.name = name
        self.depth = depth
        self.glyphs = glyphs
        self.sourceColors = complete
        self.colors = complete.mapValues { $0.degraded(to: depth) }
        self.gradient = (0...100).map { percent in
            Theme.interpolate(complete, Double(percent) / 100).degraded(to: depth)
        }
    }

    /// The same theme for another colour depth or glyph set.
    public func resolved(depth newDepth: ColorDepth, glyphs newGlyphs: GlyphSet? = nil) -> Theme {
        Theme(name: name, colors: sourceColors, depth: newDepth, glyphs: newGlyphs ?? glyphs)
    }

    public var isMonochrome: Bool { depth == .mono }

    public func color(_ key: ThemeKey) -> Color { colors[key] ?? .default }

    /// Text on the theme background: what every screen is cleared to.
    public var base: Style { Style(fg: color(.text), bg: color(.background)) }

    /// The style of a role; in mono, state and emphasis fall back to bold / reverse / dim / underline.
    public func style(_ role: ThemeRole) -> Style {
        let background = color(.background)
        if isMonochrome {
            switch role {
            case .text, .border, .baseline, .state(.ok): return .plain
            case .muted, .state(.unknown): return Style(attributes: .dim)
            case .title, .accent: return Style(attributes: .bold)
            case .header, .selection: return Style(attributes: .reverse)
            case .state(.warning): return Style(attributes: [.bold, .underline])
            case .state(.critical): return Style(attributes: [.bold, .reverse])
            }
        }
        switch role {
        case .text: return Style(fg: color(.text), bg: background)
        case .muted: return Style(fg: color(.muted), bg: background)
        case .border: return Style(fg: color(.border), bg: background)
        case .title: return Style(fg: color(.title), bg: background, attributes: .bold)
        case .header: return Style(fg: color(.headerForeground), bg: color(.headerBackground))
        case .accent: return Style(fg: color(.accent), bg: background, attributes: .bold)
        case .selection:
            return Style(fg: color(.selectionForeground), bg: color(.selectionBackground), attributes: .bold)
        case .baseline: return Style(fg: color(.baseline), bg: background, attributes: .bold)
        case .state(.ok): return Style(fg: color(.ok), bg: background)
        case .state(.warning): return Style(fg: color(.warning), bg: background, attributes: .bold)
        case .state(.critical): return Style(fg: color(.critical), bg: background, attributes: .bold)
        case .state(.unknown): return Style(fg: color(.muted), bg: background)
        }
    }

    /// Graph colour for a height fraction 0...1 (low -> mid -> high).
    public func graphColor(_ fraction: Double) -> Color {
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        return gradient[Int((clamped * 100).rounded())]
    }

    /// Gradient colour at a fraction, interpolated in RGB when the ends are RGB, stepped otherwise.
    private static func interpolate(_ palette: [ThemeKey: Color], _ fraction: Double) -> Color {
        let low = palette[.graphLow] ?? .default
        let mid = palette[.graphMid] ?? low
        let high = palette[.graphHigh] ?? mid
        let (from, to, local) = fraction < 0.5 ? (low, mid, fraction * 2) : (mid, high, (fraction - 0.5) * 2)
        guard case .rgb = from, case .rgb = to, let start = from.rgbComponents, let end = to.rgbComponents else {
            return fraction < 0.34 ? low : (fraction < 0.67 ? mid : high)
        }
        func mix(_ lhs: UInt8, _ rhs: UInt8) -> UInt8 {
            UInt8((Double(lhs) + (Double(rhs) - Double(lhs)) * local).rounded())
        }
        return .rgb(mix(start.0, end.0), mix(start.1, end.1), mix(start.2, end.2))
    }
}

extension Theme {
    /// The built-in dark theme at full colour.
    public static let standard = Theme(name: "default", colors: BuiltInThemes.defaultPalette)
    /// The default theme with no colour at all (NO_COLOR): state shown by symbols, bold and reverse.
    public static let mono = Theme(name: "default", colors: BuiltInThemes.defaultPalette, depth: .mono)
}
