import QuantWatchDomain
import Testing

@testable import QuantWatchTUI

/// The reducer, key by key, with no terminal.
struct UIStateTests {
    private func state(size: Size = Size(width: 120, height: 40)) -> UIState {
        var ui = UIState(screenSize: size)
        ui.observe(Fixtures.snapshot)
        return ui
    }

    @Test func firstSnapshotSelectsTheFirstRow() {
        #expect(state().selectedID == "llama3-fp16")
    }

    @Test func jkAndArrowsMoveAndClampAtTheEnds() {
        var ui = state()
        #expect(ui.handle(.character("j")) == .redraw)
        #expect(ui.selectedID == "llama3-q8")
        #expect(ui.handle(.down) == .redraw)
        #expect(ui.selectedID == "llama3-q4km")
        #expect(ui.handle(.up) == .redraw)
        #expect(ui.handle(.character("k")) == .redraw)
        #expect(ui.handle(.character("k")) == .none)
        #expect(ui.selectedID == "llama3-fp16")
    }

    @Test func pageKeysAndHomeEndJump() {
        var ui = state()
        #expect(ui.handle(.pageDown) == .redraw)
        #expect(ui.selectedID == "remote-api")
        #expect(ui.handle(.pageUp) == .redraw)
        #expect(ui.selectedID == "llama3-fp16")
        #expect(ui.handle(.character("G")) == .redraw)
        #expect(ui.selectedID == "remote-api")
        #expect(ui.handle(.home) == .redraw)
        #expect(ui.selectedID == "llama3-fp16")
    }

    @Test func enterOpensDetailEscGoesBackAndJKeepsFollowing() {
        var ui = state()
        #expect(ui.handle(.enter) == .redraw)
        #expect(ui.routes == [.dashboard, .detail(targetID: "llama3-fp16")])
        #expect(ui.handle(.character("j")) == .redraw)
        #expect(ui.route == .detail(targetID: "llama3-q8"))
        #expect(ui.handle(.escape) == .redraw)
        #expect(ui.routes == [.dashboard])
        #expect(ui.handle(.escape) == .none)
    }

    @Test func sortCyclesColumnsWithTheirNaturalDirection() {
        var ui = state()
        #expect(ui.handle(.character("s")) == .redraw)
        #expect(ui.sortColumn == .target && ui.sortAscending)
        _ = ui.handle(.character("s"))
        #expect(ui.sortColumn == .state && !ui.sortAscending)
        #expect(ui.visibleTargets(in: Fixtures.snapshot).first?.state == .critical)
        _ = ui.handle(.character("S"))
        #expect(ui.sortAscending)
        for _ in 0..<SortColumn.allCases.count - 1 { _ = ui.handle(.character("s")) }
        #expect(ui.sortColumn == .target)
    }

    @Test func filterTypesLiveEnterKeepsEscClears() {
        var ui = state()
        #expect(ui.handle(.character("/")) == .redraw)
        #expect(ui.isEditingFilter)
        _ = ui.handle(.character("q"))
        _ = ui.handle(.character("4"))
        #expect(ui.visibleTargets(in: Fixtures.snapshot).map(\.id) == ["llama3-q4km", "llama3-q4_0", "qwen-ollama"])
        #expect(ui.selectedID == "llama3-q4km", "the selection moves onto a visible row")
        #expect(ui.handle(.character("q")) == .redraw, "q types into the filter instead of quitting")
        _ = ui.handle(.backspace)
        #expect(ui.handle(.enter) == .redraw)
        #expect(!ui.isEditingFilter && ui.filter == "q4")
        #expect(ui.handle(.escape) == .redraw)
        #expect(ui.filter.isEmpty)
        _ = ui.handle(.character("/"))
        _ = ui.handle(.character("x"))
        _ = ui.handle(.escape)
        #expect(ui.filter.isEmpty && !ui.isEditingFilter)
    }

    @Test func windowCyclesThroughAllFour() {
        var ui = state()
        var seen: [MetricWindow] = []
        for _ in 0..<4 {
            #expect(ui.handle(.character("w")) == .redraw)
            seen.append(ui.window)
        }
        #expect(seen == [.fiveMinutes, .fifteenMinutes, .oneHour, .oneMinute])
    }

    @Test func spaceFreezesThePictureWhileSnapshotsKeepComing() {
        var ui = state()
        #expect(ui.handle(.character(" ")) == .redraw)
        #expect(ui.isPaused)
        let later = Fixtures.fleet.snapshot(tick: 300)
        #expect(ui.observe(later) == false)
        #expect(ui.displayed(later) == Fixtures.snapshot)
        #expect(ui.latest == later)
        _ = ui.handle(.character(" "))
        #expect(ui.displayed(later) == later)
    }

    @Test func themeDriftAlertsAndHelpKeys() {
        var ui = state()
        #expect(ui.handle(.character("t")) == .redraw)
        #expect(ui.themeIndex == 1)
        #expect(ui.handle(.character("d")) == .redraw)
        #expect(ui.route == .drift)
        #expect(ui.handle(.character("a")) == .redraw)
        #expect(ui.routes == [.dashboard, .drift, .alerts])
        #expect(ui.handle(.character("a")) == .redraw)
        #expect(ui.route == .drift)
        #expect(ui.handle(.character("j")) == .redraw, "j scrolls the drift view")
        #expect(ui.scroll == 1)
        #expect(ui.handle(.character("?")) == .redraw)
        #expect(ui.route == .help)
        #expect(ui.handle(.character("x")) == .redraw, "any key closes help")
        #expect(ui.route == .drift)
    }

    @Test func qAndControlCQuitEvenWithAnotherQuitKey() {
        var ui = state()
        #expect(ui.handle(.character("q")) == .quit)
        ui.keyMap = KeyMap.make(overrides: ["quit": "x"]).keyMap
        #expect(ui.handle(.character("q")) == .none)
        #expect(ui.handle(.character("x")) == .quit)
        #expect(ui.handle(.control("c")) == .quit)
    }

    @Test func mouseClickSelectsTheRowUnderIt() {
        var ui = state()
        let layout = DashboardLayout(size: ui.screenSize, rowCount: 6)
        #expect(ui.handle(.mouse(x: 10, y: layout.tableBody.y + 3)) == .redraw)
        #expect(ui.selectedID == "llama3-q4_0")
        #expect(ui.handle(.mouse(x: 10, y: layout.tableBody.y - 1)) == .none, "the header row is not a target")
        #expect(ui.handle(.mouse(x: 10, y: layout.tableBody.y + 20)) == .none)
    }

    @Test func resizeRecordsTheSize() {
        var ui = state()
        #expect(ui.handle(.resize(Size(width: 70, height: 20))) == .redraw)
        #expect(ui.screenSize == Size(width: 70, height: 20))
    }

    @Test func unboundKeysDoNothing() {
        var ui = state()
        let before = ui
        #expect(ui.handle(.function(7)) == .none)
        #expect(ui == before)
    }
}
