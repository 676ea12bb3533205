import QuantWatchDomain

/// Everything the screen shows besides the data: navigation, selection, sort, filter, window, pause, theme.
///
/// A plain value: keys change it through `handle(_:)`, which returns what the run loop must do.
public struct UIState: Sendable, Equatable {
    /// Navigation stack, root first; the breadcrumb is derived from it.
    public var routes: [Route]
    /// Selected target by id, so the selection survives re-sorting and new snapshots.
    public var selectedID: String?
    public var sortColumn: SortColumn?
    public var sortAscending: Bool
    public var filter: String
    public var isEditingFilter: Bool
    public var window: MetricWindow
    /// The picture frozen by pause; probing goes on and `latest` keeps moving.
    public var frozen: Snapshot?
    public var isPaused: Bool
    /// The newest snapshot seen (see `observe(_:)`).
    public var latest: Snapshot?
    /// Index into the run loop's theme list (the `t` key advances it).
    public var themeIndex: Int
    /// Scroll position of the drift and alerts views.
    public var scroll: Int
    public var screenSize: Size
    public var keyMap: KeyMap

    public init(
        keyMap: KeyMap = .standard, window: MetricWindow = .oneMinute, screenSize: Size = Size(width: 80, height: 24),
        themeIndex: Int = 0
    ) {
        self.routes = [.dashboard]
        self.selectedID = nil
        self.sortColumn = nil
        self.sortAscending = true
        self.filter = ""
        self.isEditingFilter = false
        self.window = window
        self.frozen = nil
        self.isPaused = false
        self.latest = nil
        self.themeIndex = themeIndex
        self.scroll = 0
        self.screenSize = screenSize
        self.keyMap = keyMap
    }

    /// The screen on top of the stack (help is drawn over the one below it).
    public var route: Route { routes.last ?? .dashboard }

    /// The snapshot to draw: the frozen one while paused, else the live one.
    public func displayed(_ live: Snapshot) -> Snapshot { frozen ?? live }

    /// Records a new snapshot; returns whether the picture changes (not while paused).
    @discardableResult
    public mutating func observe(_ snapshot: Snapshot) -> Bool {
        latest = snapshot
        if isPaused, frozen == nil { frozen = snapshot }
        fixSelection()
        return !isPaused
    }

    /// Keeps the selection on a visible row (the first one when the selected target is gone).
    mutating func fixSelection() {
        guard let snapshot = frozen ?? latest else { return }
        let rows = visibleTargets(in: snapshot)
        if let selectedID, rows.contains(where: { $0.id == selectedID }) { return }
        selectedID = rows.first?.id
    }
}
