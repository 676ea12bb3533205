/// What a terminal must do to show frames: paint changed cells, flush, and report its size.
public protocol TerminalBackend {
    var size: Size { get }
    mutating func draw(_ changes: [CellChange])
    mutating func flush()
}
