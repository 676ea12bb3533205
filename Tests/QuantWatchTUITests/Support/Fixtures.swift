import Foundation
import QuantWatchDomain
import QuantWatchTUI
import QuantWatchTestSupport

/// Shared fixed inputs: the fixture fleet at a fixed tick, and UI states for each screen.
enum Fixtures {
    static let fleet = FixtureFleet()
    /// Tick 200: every state shown, history full, the latency incident closed.
    static let snapshot = fleet.snapshot(tick: 200)
    /// Tick 230: the Ollama target in its latency incident.
    static let incident = fleet.snapshot(tick: 230)

    static func ui(_ size: Size, routes: [Route] = [.dashboard], snapshot: Snapshot = Fixtures.snapshot) -> UIState {
        var ui = UIState(screenSize: size)
        ui.observe(snapshot)
        ui.routes = routes
        return ui
    }
}
