import Synchronization

/// A one-way flag raised when a server stops, so stalled responses can end instead of blocking shutdown.
final class SimStopSignal: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() {
        raised.store(true, ordering: .relaxed)
    }

    var isRaised: Bool {
        raised.load(ordering: .relaxed)
    }

    /// Waits until the signal is raised, the task is cancelled, or `limit` passes.
    func wait(upTo limit: Duration) async {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while !isRaised, clock.now < deadline {
            do {
                try await Task.sleep(for: .milliseconds(50))
            } catch {
                return
            }
        }
    }
}
