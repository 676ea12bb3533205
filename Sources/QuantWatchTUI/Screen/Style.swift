/// How a cell is drawn: colours plus attributes.
///
/// Semantic roles become Styles through `Theme`.
public struct Style: Sendable, Equatable, Hashable {
    public var fg: Color
    public var bg: Color
    public var attributes: Attributes

    /// Text attributes a terminal can show without colour.
    public struct Attributes: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let bold = Attributes(rawValue: 1 << 0)
        public static let reverse = Attributes(rawValue: 1 << 1)
        public static let dim = Attributes(rawValue: 1 << 2)
        public static let underline = Attributes(rawValue: 1 << 3)
    }

    public init(fg: Color = .default, bg: Color = .default, attributes: Attributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    public static let plain = Style()

    public var bold: Bool { attributes.contains(.bold) }
    public var reverse: Bool { attributes.contains(.reverse) }
    public var dim: Bool { attributes.contains(.dim) }
    public var underline: Bool { attributes.contains(.underline) }

    /// This style with extra attributes.
    public func adding(_ extra: Attributes) -> Style {
        Style(fg: fg, bg: bg, attributes: attributes.union(extra))
    }

    /// This style with another foreground.
    public func with(fg newForeground: Color) -> Style {
        Style(fg: newForeground, bg: bg, attributes: attributes)
    }

    /// This style with another background.
    public func with(bg newBackground: Color) -> Style {
        Style(fg: fg, bg: newBackground, attributes: attributes)
    }
}
