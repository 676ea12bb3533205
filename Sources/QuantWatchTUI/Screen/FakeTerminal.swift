/// An in-memory terminal that applies cell changes to a buffer (ratatui's TestBackend), for tests.
public struct FakeTerminal: TerminalBackend, Sendable {
    public private(set) var screen: ScreenBuffer
    public private(set) var flushes = 0
    public private(set) var cellsDrawn = 0

    public init(size: Size) {
        screen = ScreenBuffer(size: size)
    }

    public var size: Size { screen.size }

    public mutating func draw(_ changes: [CellChange]) {
        for change in changes {
            screen.set(x: change.x, y: change.y, change.cell)
            if change.cell.width == 2 { screen.set(x: change.x + 1, y: change.y, .continuation(change.cell.style)) }
        }
        cellsDrawn += changes.count
    }

    public mutating func flush() { flushes += 1 }

    /// The window changed size: the screen starts blank at the new size, as a real terminal's does after a resize.
    public mutating func resize(_ size: Size) { screen = ScreenBuffer(size: size) }
}
