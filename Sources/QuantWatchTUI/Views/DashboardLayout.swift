/// Where each part of the dashboard goes for a screen size; shared by the view and the mouse hit test.
public struct DashboardLayout: Sendable, Equatable {
    /// Below this the screen shows only a "terminal too small" message.
    public static let minimum = Size(width: 60, height: 15)
    /// Below this width the compact layout is used (fewer columns, a one-line event strip).
    public static let compactBelow = 100

    public let isCompact: Bool
    public let header: Rect
    public let crumbs: Rect
    public let footer: Rect
    public let body: Rect
    public let table: Rect
    public let graph: Rect
    public let drift: Rect
    public let events: Rect

    public init(size: Size, rowCount: Int) {
        let screen = Rect(size: size)
        isCompact = size.width < DashboardLayout.compactBelow
        let (header, afterHeader) = screen.splitTop(1)
        let (crumbs, middle) = afterHeader.splitTop(1)
        let (body, footer) = middle.splitBottom(1)
        self.header = header
        self.crumbs = crumbs
        self.footer = footer
        self.body = body
        let eventsHeight = isCompact ? 1 : min(7, max(3, body.height / 6))
        let (upper, events) = body.splitBottom(eventsHeight)
        self.events = events
        let lowerMinimum = isCompact ? 6 : 10
        let tableHeight = min(rowCount + 3, max(5, upper.height - lowerMinimum))
        let (table, lower) = upper.splitTop(tableHeight)
        self.table = table
        let graphWidth = lower.width * (isCompact ? 55 : 58) / 100
        let (graph, drift) = lower.splitLeft(graphWidth)
        self.graph = graph
        self.drift = drift
    }

    /// The fleet table's rows inside its border, below the column titles.
    public var tableBody: Rect {
        let inner = table.inset(by: 1)
        return Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
    }
}
