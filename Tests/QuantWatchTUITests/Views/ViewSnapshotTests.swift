import Foundation
import QuantWatchDomain
import Testing

@testable import QuantWatchTUI

/// Every screen at 80x24 and 160x48, compared as text with the files under Snapshots/.
struct ViewSnapshotTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 48)]

    @Test(arguments: sizes)
    func dashboard(size: Size) {
        let ui = Fixtures.ui(size)
        let buffer = render(Fixtures.snapshot, ui, size: size, theme: .mono)
        SnapshotFile.check(buffer.lines, named: "dashboard-\(size)")
    }

    @Test(arguments: sizes)
    func dashboardDuringIncidentSortedByP95(size: Size) {
        var ui = Fixtures.ui(size, snapshot: Fixtures.incident)
        ui.sortColumn = .p95
        ui.sortAscending = false
        let buffer = render(Fixtures.incident, ui, size: size, theme: .mono)
        SnapshotFile.check(buffer.lines, named: "dashboard-incident-p95-\(size)")
    }

    @Test(arguments: sizes)
    func targetDetail(size: Size) {
        var ui = Fixtures.ui(size, routes: [.dashboard, .detail(targetID: "llama3-q4_0")])
        ui.selectedID = "llama3-q4_0"
        let buffer = render(Fixtures.snapshot, ui, size: size, theme: .mono)
        SnapshotFile.check(buffer.lines, named: "detail-\(size)")
    }

    @Test(arguments: sizes)
    func pricedTargetDetailDuringIncident(size: Size) {
        let ui = Fixtures.ui(size, routes: [.dashboard, .detail(targetID: "remote-api")], snapshot: Fixtures.incident)
        let buffer = render(Fixtures.incident, ui, size: size, theme: .mono)
        SnapshotFile.check(buffer.lines, named: "detail-remote-\(size)")
    }

    @Test(arguments: sizes)
    func drift(size: Size) {
        let ui = Fixtures.ui(size, routes: [.dashboard, .drift])
        let buffer = render(Fixtures.snapshot, ui, size: size, theme: .mono)
        SnapshotFile.check(buffer.lines, named: "drift-\(size)")
    }

    @Test(arguments: sizes)
    func alerts(size: Size) {
        let ui = Fixtures.ui(size, routes: [.dashboard, .alerts], snapshot: Fixtures.incident)
        let buffer = render(Fixtures.incident, ui, size: size, theme: .mono)
        SnapshotFile.check(buffer.lines, named: "alerts-\(size)")
    }

    @Test(arguments: sizes)
    func help(size: Size) {
        let ui = Fixtures.ui(size, routes: [.dashboard, .help])
        let buffer = render(Fixtures.snapshot, ui, size: size, theme: .mono)
        SnapshotFile.check(buffer.lines, named: "help-\(size)")
    }

    @Test(arguments: sizes)
    func filteredAndPaused(size: Size) {
        var ui = Fixtures.ui(size)
        ui.filter = "q4"
        ui.isEditingFilter = true
        _ = ui.perform(.pause)
        let buffer = render(Fixtures.fleet.snapshot(tick: 500), ui, size: size, theme: .mono)
        SnapshotFile.check(buffer.lines, named: "filtered-paused-\(size)")
    }

    @Test func emptyFleetWaitsForProbes() {
        let size = Size(width: 80, height: 24)
        let empty = Snapshot(takenAt: Fixtures.snapshot.takenAt, startedAt: Fixtures.snapshot.startedAt)
        let buffer = render(empty, UIState(screenSize: size), size: size, theme: .mono)
        SnapshotFile.check(buffer.lines, named: "empty-\(size)")
    }

    @Test(arguments: [Size(width: 59, height: 24), Size(width: 80, height: 14), Size(width: 20, height: 3)])
    func tooSmallTerminalSaysWhatItNeeds(size: Size) {
        let buffer = render(Fixtures.snapshot, Fixtures.ui(size), size: size, theme: .mono)
        let text = buffer.lines.joined(separator: "\n")
        #expect(buffer.size == size)
        if size.height >= 3, size.width >= 18 { #expect(text.contains("terminal too small")) }
        if size.width >= 40 { #expect(text.contains("need 60x15, have \(size)")) }
    }

    @Test(arguments: [Size.zero, Size(width: 1, height: 1), DashboardLayout.minimum])
    func rendersAnySizeWithoutTrapping(size: Size) {
        for route in [Route.dashboard, .detail(targetID: "llama3-q8"), .drift, .alerts, .help] {
            let ui = Fixtures.ui(size, routes: [.dashboard, route])
            let buffer = render(Fixtures.snapshot, ui, size: size, theme: .standard)
            #expect(buffer.size == size)
        }
    }

    @Test func mutedP99WithFewSamplesUsesTheMutedStyle() {
        let size = Size(width: 160, height: 48)
        let theme = Theme.standard
        let buffer = render(Fixtures.snapshot, Fixtures.ui(size), size: size, theme: theme)
        // In the 1m window every target has 12 samples: p99 cells are muted, state cells are not.
        let row = buffer.lines.firstIndex { $0.contains("llama3-q8 ") } ?? 0
        let header = buffer.lines.firstIndex { $0.contains(" p99 ") } ?? 0
        let p99Column =
            buffer.lines[header].distance(
                from: buffer.lines[header].startIndex, to: buffer.lines[header].range(of: "p99")!.upperBound) - 1
        #expect(buffer[p99Column, row].style.fg == theme.color(.muted))
        #expect(buffer[p99Column, row].glyph != " ")
    }
}
