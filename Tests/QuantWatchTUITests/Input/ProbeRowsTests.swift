import Foundation
import QuantWatchDomain
import Testing

@testable import QuantWatchTUI

/// A fleet seen from several probes (`quantwatch top`): `p` switches between one row per probe and one per
/// target; a local fleet's rows are all shown either way; a stale row is drawn dimmed with the word "stale".
struct ProbeRowsTests {
    static func target(_ id: String, probe: String?, stale: Bool = false) -> TargetSnapshot {
        var target = TargetSnapshot(id: id, backend: .llamacpp, model: "llama", quant: "Q4_K_M", state: .ok)
        target.probe = probe
        target.stale = stale
        return target
    }

    static let seen = Snapshot(
        takenAt: Date(), startedAt: Date(),
        targets: [
            target("llama", probe: nil), target("llama@eu-1", probe: "eu-1"),
            target("llama@us-1", probe: "us-1", stale: true),
        ])

    @Test func theProbeKeyTogglesRowsPerProbeAndPerTarget() {
        var ui = UIState()
        ui.observe(Self.seen)
        #expect(ui.visibleTargets(in: Self.seen).map(\.id) == ["llama@eu-1", "llama@us-1"])
        #expect(ui.handle(.character("p")) == .redraw)
        #expect(ui.visibleTargets(in: Self.seen).map(\.id) == ["llama"])
        #expect(ui.selectedID == "llama")
        _ = ui.handle(.character("p"))
        ui.filter = "us-1"
        #expect(ui.visibleTargets(in: Self.seen).map(\.id) == ["llama@us-1"], "the filter matches probe names")
    }

    @Test func aLocalFleetShowsEveryRowWhateverTheToggle() {
        let local = Snapshot(
            takenAt: Date(), startedAt: Date(), targets: [Self.target("a", probe: nil), Self.target("b", probe: nil)])
        var ui = UIState()
        _ = ui.handle(.character("p"))
        #expect(ui.visibleTargets(in: local).map(\.id) == ["a", "b"])
    }

    @Test func aStaleRowIsDimmedAndSaysStale() {
        let rows = [Self.target("llama@us-1", probe: "us-1", stale: true)]
        let table = FleetTable(rows: rows, ui: UIState()).table(width: 120, height: 5, selected: nil, glyphs: .unicode)
        let cells = table.rows[0]
        #expect(cells[0] == [Span("stale", .muted, attributes: .dim)])
        #expect(cells.dropFirst().allSatisfy { $0.allSatisfy { $0.role == .muted && $0.attributes.contains(.dim) } })
    }
}
