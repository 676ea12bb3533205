extension ScreenBuffer {
    /// The cells that differ from `previous`, in row-major order; every cell when the sizes differ.
    ///
    /// Continuation cells are never emitted: painting the wide glyph before them covers them, so a changed
    /// continuation cell emits its lead glyph instead.
    public func diff(from previous: ScreenBuffer) -> [CellChange] {
        var changes: [CellChange] = []
        let width = size.width
        if previous.size != size {
            changes.reserveCapacity(cells.count)
            for (position, cell) in cells.enumerated() where !cell.isContinuation {
                changes.append(CellChange(x: position % width, y: position / width, cell: cell))
            }
            return changes
        }
        var lastEmitted = -1
        for position in cells.indices where cells[position] != previous.cells[position] {
            let cell = cells[position]
            if cell.isContinuation {
                let lead = position - 1
                if lead >= 0, lead != lastEmitted, position % width != 0 {
                    changes.append(CellChange(x: lead % width, y: lead / width, cell: cells[lead]))
                    lastEmitted = lead
                }
                continue
            }
            changes.append(CellChange(x: position % width, y: position / width, cell: cell))
            lastEmitted = position
        }
        return changes
    }
}
