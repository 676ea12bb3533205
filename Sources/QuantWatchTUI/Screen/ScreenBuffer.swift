/// A row-major grid of cells the size of the screen; every view draws into one and nothing else.
public struct ScreenBuffer: Sendable, Equatable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]

    public init(size: Size, fill: Cell = .blank) {
        self.size = size
        self.cells = Array(repeating: fill, count: size.width * size.height)
    }

    public init(width: Int, height: Int, filledWith glyph: Character = " ") {
        self.init(size: Size(width: width, height: height), fill: Cell(glyph: String(glyph)))
    }

    /// A buffer from text lines (for tests); the width is the widest line, short lines are padded with blanks.
    public init(lines: [String]) {
        let width = lines.map { DisplayWidth.of($0) }.max() ?? 0
        self.init(size: Size(width: width, height: lines.count))
        for (row, line) in lines.enumerated() {
            put(line, x: 0, y: row, maxWidth: width, style: .plain)
        }
    }

    /// The whole buffer as a rectangle.
    public var area: Rect { Rect(size: size) }

    /// The text of each row, wide glyphs once (continuation cells add nothing).
    public var lines: [String] {
        (0..<size.height).map { row in
            var line = ""
            line.reserveCapacity(size.width)
            for cell in cells[(row * size.width)..<((row + 1) * size.width)] where !cell.isContinuation {
                line += cell.glyph
            }
            return line
        }
    }

    public func index(x: Int, y: Int) -> Int { y * size.width + x }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size.width && y < size.height
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[index(x: x, y: y)] }
        set { set(x: x, y: y, newValue) }
    }

    /// Sets one cell, repairing any wide glyph it cuts in half.
    ///
    /// Out-of-range positions are ignored.
    public mutating func set(x: Int, y: Int, _ cell: Cell) {
        guard contains(x: x, y: y) else { return }
        let position = index(x: x, y: y)
        let old = cells[position]
        // Overwriting half of a wide glyph leaves the other half as a blank, never a dangling half glyph.
        if old.isContinuation, x > 0 {
            cells[position - 1] = .blank(cells[position - 1].style)
        }
        if old.width == 2, x + 1 < size.width, cell.width != 2 {
            cells[position + 1] = .blank(old.style)
        }
        cells[position] = cell
    }

    /// Writes text from (x, y) for at most `maxWidth` columns; returns the columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int, style: Style) -> Int {
        guard y >= 0, y < size.height, maxWidth > 0 else { return 0 }
        let limit = min(x + maxWidth, size.width)
        var column = x
        for character in text {
            let width = DisplayWidth.of(character)
            if width == 0 {
                // A combining mark joins the glyph before it; a control character is dropped.
                if character.unicodeScalars.first?.properties.generalCategory != .control, column > x,
                    column - 1 >= 0, column - 1 < size.width
                {
                    var lead = column - 1
                    if cells[index(x: lead, y: y)].isContinuation { lead -= 1 }
                    if lead >= 0 { cells[index(x: lead, y: y)].glyph.append(character) }
                }
                continue
            }
            if column + width > limit {
                // A wide glyph that does not fit leaves a blank rather than half a glyph.
                if width == 2, column < limit, column >= 0 { set(x: column, y: y, .blank(style)) }
                break
            }
            if column >= 0 {
                set(x: column, y: y, Cell(glyph: String(character), width: UInt8(width), style: style))
                if width == 2 { set(x: column + 1, y: y, .continuation(style)) }
            }
            column += width
        }
        return max(0, column - x)
    }

    /// Fills a rectangle (clipped to the buffer) with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for row in clipped.y..<clipped.maxY {
            for column in clipped.x..<clipped.maxX {
                cells[index(x: column, y: row)] = cell
            }
        }
    }

    /// Replaces the style of every cell in a rectangle, keeping glyphs.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for row in clipped.y..<clipped.maxY {
            for column in clipped.x..<clipped.maxX {
                cells[index(x: column, y: row)].style = style
            }
        }
    }
}
