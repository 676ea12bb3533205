import QuantWatchDomain
import Synchronization

/// What other threads hand to the terminal thread: the newest snapshot and signal flags.
final class DashboardMailbox: Sendable {
    private struct State {
        var snapshot: Snapshot?
        var resized = false
        var signal: Int32?
    }

    private let state = Mutex(State())

    func post(_ snapshot: Snapshot) { state.withLock { $0.snapshot = snapshot } }
    func postResize() { state.withLock { $0.resized = true } }
    func postSignal(_ number: Int32) { state.withLock { $0.signal = $0.signal ?? number } }

    /// Takes what arrived since the last call.
    func take() -> (snapshot: Snapshot?, resized: Bool, signal: Int32?) {
        state.withLock { state in
            defer {
                state.snapshot = nil
                state.resized = false
            }
            return (state.snapshot, state.resized, state.signal)
        }
    }
}
