import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchTestSupport
import Testing

@testable import QuantWatchTUI

/// The dashboard's run loop on a fake terminal, with instants chosen by the test.
struct DashboardLoopTests {
    private static let size = Size(width: 160, height: 48)

    private func loop(framesPerSecond: Int = 10) -> DashboardLoop {
        DashboardLoop(
            ui: UIState(screenSize: Self.size), themes: [.mono], framesPerSecond: framesPerSecond,
            live: Snapshot(takenAt: Fixtures.snapshot.startedAt, startedAt: Fixtures.snapshot.startedAt))
    }

    private func text(_ terminal: FakeTerminal) -> String { terminal.screen.lines.joined(separator: "\n") }

    @Test func aSnapshotIsDrawnAndTheFrameCapHoldsTheNextOne() {
        var loop = loop()
        var terminal = FakeTerminal(size: Self.size)
        #expect(loop.handle(.snapshot(Fixtures.snapshot), at: .zero, on: &terminal) == .wait(.milliseconds(100)))
        #expect(terminal.flushes == 1)
        #expect(text(terminal).contains("llama3-q4_0"))
        // 30 ms later a new snapshot waits for the frame; the driver is told to come back in 70 ms.
        #expect(
            loop.handle(.snapshot(Fixtures.incident), at: .milliseconds(30), on: &terminal) == .wait(.milliseconds(70)))
        #expect(terminal.flushes == 1)
        #expect(loop.handle(.tick, at: .milliseconds(100), on: &terminal) == .wait(.milliseconds(100)))
        #expect(terminal.flushes == 2)
        #expect(terminal.screen == render(Fixtures.incident, loop.ui, size: Self.size, theme: .mono))
        // Nothing new: a tick draws nothing.
        _ = loop.handle(.tick, at: .milliseconds(500), on: &terminal)
        #expect(terminal.flushes == 2)
    }

    @Test func keysMoveTheUIAndQuitEndsTheLoop() {
        var loop = loop()
        var terminal = FakeTerminal(size: Self.size)
        _ = loop.handle(.snapshot(Fixtures.snapshot), at: .zero, on: &terminal)
        let first = loop.ui.selectedID
        _ = loop.handle(.key(.down), at: .seconds(1), on: &terminal)
        #expect(loop.ui.selectedID != first)
        #expect(terminal.flushes == 2)
        #expect(loop.handle(.key(.character("q")), at: .seconds(2), on: &terminal) == .exit(.quit))
    }

    @Test func aResizeRepaintsTheWholeScreenAtTheNewSize() {
        var loop = loop()
        var terminal = FakeTerminal(size: Self.size)
        _ = loop.handle(.snapshot(Fixtures.snapshot), at: .zero, on: &terminal)
        let smaller = Size(width: 100, height: 30)
        terminal.resize(smaller)
        _ = loop.handle(.resize(smaller), at: .seconds(1), on: &terminal)
        #expect(loop.ui.screenSize == smaller)
        #expect(terminal.screen == render(Fixtures.snapshot, loop.ui, size: smaller, theme: .mono))
    }

    @Test func aSignalEndsTheLoopWithItsNumber() {
        var loop = loop()
        var terminal = FakeTerminal(size: Self.size)
        #expect(loop.handle(.signal(15), at: .zero, on: &terminal) == .exit(.signal(15)))
        #expect(terminal.flushes == 0)
    }

    @Test func droppedOutputsShowOnTheTopLine() {
        var loop = loop()
        var terminal = FakeTerminal(size: Self.size)
        var snapshot = Fixtures.snapshot
        snapshot.outputs = [
            OutputStats(consumer: "store", capacity: 10, buffered: 10, dropped: 12),
            OutputStats(consumer: "json", capacity: 10),
        ]
        _ = loop.handle(.snapshot(snapshot), at: .zero, on: &terminal)
        #expect(terminal.screen.lines[0].contains("DROPPED store 12"))
        #expect(!terminal.screen.lines[0].contains("json"))
        snapshot.outputs[0].dropped = 0
        _ = loop.handle(.snapshot(snapshot), at: .seconds(1), on: &terminal)
        #expect(!terminal.screen.lines[0].contains("DROPPED"))
    }

    /// What `run --duration` does: the monitor's duration passes, it stops and ends the snapshots, and the loop
    /// fed from its subscription ends with them.
    @Test(.timeLimit(.minutes(1)))
    func theEndOfTheMonitorsSnapshotsEndsTheLoop() async throws {
        let clock = ManualClock()
        let monitor = MonitorActor(config: FleetConfig(path: "empty.yaml", targets: [], suites: [:]), backends: [:])
        let snapshots = monitor.snapshots
        let service = MonitorService(monitor, duration: .seconds(60), clock: clock)
        let running = Task { await service.run() }
        let driven = Task { () -> (DashboardLoop.Exit?, Int) in
            var loop = loop()
            var terminal = FakeTerminal(size: Self.size)
            var now = Duration.zero
            for await snapshot in snapshots {
                now += .seconds(1)
                if case .exit(let exit) = loop.handle(.snapshot(snapshot), at: now, on: &terminal) {
                    return (exit, loop.frames)
                }
            }
            guard case .exit(let exit) = loop.handle(.snapshotsEnded, at: now, on: &terminal) else {
                return (nil, loop.frames)
            }
            return (exit, loop.frames)
        }
        await clock.sleepers(atLeast: 1)
        clock.advance(by: .seconds(60))
        await running.value
        let (exit, frames) = await driven.value
        #expect(exit == .streamEnded)
        // The monitor's last snapshot was drawn before the end.
        #expect(frames >= 1)
    }
}
