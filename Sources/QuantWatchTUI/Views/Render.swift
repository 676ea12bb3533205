import QuantWatchDomain

/// Draws the whole screen for a snapshot and UI state: a pure function of its inputs (no clock, no I/O).
public func render(_ snapshot: Snapshot, _ ui: UIState, size: Size, theme: Theme) -> ScreenBuffer {
    var buffer = ScreenBuffer(size: size, fill: .blank(theme.base))
    let shown = ui.displayed(snapshot)
    guard size.width >= DashboardLayout.minimum.width, size.height >= DashboardLayout.minimum.height else {
        TooSmallView(size: size).render(in: buffer.area, into: &buffer, theme: theme)
        return buffer
    }
    let rows = ui.visibleTargets(in: shown)
    let layout = DashboardLayout(size: size, rowCount: rows.count)
    HeaderBar(snapshot: shown, ui: ui).render(in: layout.header, into: &buffer, theme: theme)
    Breadcrumbs(ui: ui, themeName: theme.name).render(in: layout.crumbs, into: &buffer, theme: theme)
    FooterBar(ui: ui).render(in: layout.footer, into: &buffer, theme: theme)
    let screens = ui.routes.last == .help ? ui.routes.dropLast() : ui.routes[...]
    switch screens.last ?? .dashboard {
    case .dashboard, .help:
        DashboardView(snapshot: shown, ui: ui, rows: rows, layout: layout).render(
            in: layout.body, into: &buffer,
            theme: theme)
    case .detail(let targetID):
        TargetDetailView(snapshot: shown, target: shown.targets.first { $0.id == targetID }, window: ui.window)
            .render(in: layout.body, into: &buffer, theme: theme)
    case .drift:
        DriftView(snapshot: shown, scroll: ui.scroll, selectedID: ui.selectedID).render(
            in: layout.body,
            into: &buffer, theme: theme)
    case .alerts:
        AlertsView(snapshot: shown, scroll: ui.scroll).render(in: layout.body, into: &buffer, theme: theme)
    }
    if ui.route == .help {
        HelpOverlay(keyMap: ui.keyMap).render(in: layout.body, into: &buffer, theme: theme)
    }
    return buffer
}
