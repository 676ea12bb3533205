/// Turns cell changes into the fewest cursor moves and style switches (ratatui's crossterm backend rule).
///
/// The ncurses backend executes these operations, and the render benchmark counts their ANSI bytes, so both
/// measure the same painting work.
public struct PaintPlanner: Sendable {
    public init() {}

    /// Operations that paint `changes` in order, assuming an unknown cursor position and style at the start.
    public func plan(_ changes: [CellChange]) -> [PaintOperation] {
        var operations: [PaintOperation] = []
        operations.reserveCapacity(changes.count / 4 + 4)
        var cursor: (x: Int, y: Int)? = nil
        var style: Style? = nil
        var run = ""
        for change in changes {
            if cursor == nil || cursor!.x != change.x || cursor!.y != change.y {
                if !run.isEmpty {
                    operations.append(.text(run))
                    run = ""
                }
                operations.append(.move(x: change.x, y: change.y))
            }
            if style != change.cell.style {
                if !run.isEmpty {
                    operations.append(.text(run))
                    run = ""
                }
                operations.append(.style(change.cell.style))
                style = change.cell.style
            }
            run += change.cell.glyph
            cursor = (change.x + max(1, Int(change.cell.width)), change.y)
        }
        if !run.isEmpty { operations.append(.text(run)) }
        return operations
    }
}
