import QuantWatchDomain

extension UIState {
    /// Applies one key; the returned effect tells the run loop whether to redraw or quit.
    public mutating func handle(_ key: Key) -> Effect {
        if case .resize(let size) = key {
            screenSize = size
            return .redraw
        }
        // ^C always quits, whatever the key map says: raw mode turned off the terminal's own interrupt.
        if key == .control("c") { return .quit }
        if isEditingFilter { return editFilter(key) }
        if case .mouse(let x, let y) = key { return click(x: x, y: y) }
        if route == .help {
            let action = keyMap.action(for: key)
            if action == .quit { return .quit }
            routes.removeLast()
            return .redraw
        }
        guard let action = keyMap.action(for: key) else { return .none }
        return perform(action)
    }

    /// Carries out a bound action.
    public mutating func perform(_ action: Action) -> Effect {
        switch action {
        case .quit: return .quit
        case .down: return move(by: 1)
        case .up: return move(by: -1)
        case .pageDown: return move(by: pageSize)
        case .pageUp: return move(by: -pageSize)
        case .top: return move(by: Int.min / 2)
        case .bottom: return move(by: Int.max / 2)
        case .open:
            guard route == .dashboard || route == .drift, let selectedID else { return .none }
            routes.append(.detail(targetID: selectedID))
            return .redraw
        case .back:
            if routes.count > 1 {
                routes.removeLast()
                scroll = 0
                return .redraw
            }
            guard !filter.isEmpty else { return .none }
            filter = ""
            fixSelection()
            return .redraw
        case .sort:
            let column = sortColumn?.next ?? .target
            sortColumn = column
            sortAscending = column.defaultAscending
            return .redraw
        case .reverseSort:
            if sortColumn == nil { sortColumn = .target }
            sortAscending.toggle()
            return .redraw
        case .filter:
            guard route == .dashboard else { return .none }
            isEditingFilter = true
            return .redraw
        case .window:
            window = window.next
            return .redraw
        case .pause:
            isPaused.toggle()
            frozen = isPaused ? latest : nil
            fixSelection()
            return .redraw
        case .theme:
            themeIndex += 1
            return .redraw
        case .drift: return toggle(.drift)
        case .alerts: return toggle(.alerts)
        case .help:
            routes.append(.help)
            return .redraw
        }
    }

    /// Rows a page key moves: the fleet table's visible body on the dashboard.
    var pageSize: Int {
        max(1, DashboardLayout(size: screenSize, rowCount: 1000).tableBody.height)
    }

    private mutating func toggle(_ screen: Route) -> Effect {
        if route == screen {
            routes.removeLast()
        } else {
            routes.removeAll { $0 == screen }
            routes.append(screen)
        }
        scroll = 0
        return .redraw
    }

    private mutating func move(by delta: Int) -> Effect {
        switch route {
        case .drift, .alerts:
            let limit = (frozen ?? latest).map { scrollLimit(in: $0) } ?? 0
            let moved = min(limit, max(0, scroll + delta))
            guard moved != scroll else { return .none }
            scroll = moved
            return .redraw
        case .dashboard, .detail, .help:
            guard let snapshot = frozen ?? latest else { return .none }
            let rows = visibleTargets(in: snapshot)
            guard !rows.isEmpty else { return .none }
            let current = selectedIndex(in: rows) ?? 0
            let target = min(rows.count - 1, max(0, current + delta))
            let id = rows[target].id
            guard id != selectedID else { return .none }
            selectedID = id
            if case .detail = route { routes[routes.count - 1] = .detail(targetID: id) }
            return .redraw
        }
    }

    /// Last scroll position of the drift and alerts views (one line per item).
    func scrollLimit(in snapshot: Snapshot) -> Int {
        switch route {
        case .alerts: return max(0, snapshot.events.count - 1)
        case .drift:
            let lines = snapshot.targets.filter { $0.baseline != nil }.reduce(0) { $0 + $1.categories.count + 1 }
            return max(0, lines - 1)
        default: return 0
        }
    }

    private mutating func editFilter(_ key: Key) -> Effect {
        switch key {
        case .enter:
            isEditingFilter = false
        case .escape:
            isEditingFilter = false
            filter = ""
        case .backspace:
            guard !filter.isEmpty else { return .none }
            filter.removeLast()
        case .character(let character):
            filter.append(character)
        default:
            return .none
        }
        fixSelection()
        return .redraw
    }

    /// A click on a fleet table row selects it.
    private mutating func click(x: Int, y: Int) -> Effect {
        guard route == .dashboard, let snapshot = frozen ?? latest else { return .none }
        let rows = visibleTargets(in: snapshot)
        let layout = DashboardLayout(size: screenSize, rowCount: rows.count)
        let body = layout.tableBody
        guard body.contains(x: x, y: y) else { return .none }
        let selected = selectedIndex(in: rows) ?? 0
        let offset = selected >= body.height ? selected - body.height + 1 : 0
        let index = offset + (y - body.y)
        guard index < rows.count, rows[index].id != selectedID else { return .none }
        selectedID = rows[index].id
        return .redraw
    }
}
