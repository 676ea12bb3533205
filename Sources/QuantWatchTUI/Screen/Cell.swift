/// One terminal cell: a grapheme and its display width.
///
/// A wide glyph is followed by a continuation cell.
public struct Cell: Sendable, Equatable, Hashable {
    /// The grapheme drawn here; empty for the continuation cell of a wide glyph.
    public var glyph: String
    /// Display columns the glyph takes: 1, 2, or 0 for a continuation cell.
    public var width: UInt8
    public var style: Style

    public init(glyph: String, width: UInt8 = 1, style: Style = .plain) {
        self.glyph = glyph
        self.width = width
        self.style = style
    }

    public static let blank = Cell(glyph: " ")

    /// A blank cell with a style (background fill).
    public static func blank(_ style: Style) -> Cell { Cell(glyph: " ", width: 1, style: style) }

    /// The continuation half of a wide glyph.
    public static func continuation(_ style: Style) -> Cell { Cell(glyph: "", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
}
