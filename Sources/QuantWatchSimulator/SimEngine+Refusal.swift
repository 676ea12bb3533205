/// When the fault script tells this model to refuse connections (the server closes its listener then).
extension SimEngine {
    /// Whether any window of the script refuses this model at some time.
    public var refusesConnections: Bool {
        faults.windows.contains { window in
            window.fault == .refuse && (window.model.map { $0.lowercased() == model.id.lowercased() } ?? true)
        }
    }

    /// Whether a refusal is active now.
    public func isRefusing() -> Bool {
        faults.activeFaults(at: clock.elapsed(), model: model.id).contains(.refuse)
    }
}
