/// A fault active over a span of simulator time, for one model or all of them.
public struct FaultWindow: Sendable, Equatable {
    /// Start, relative to the simulator's start.
    public var start: Duration
    /// Length of the window; nil: until the simulator stops.
    public var duration: Duration?
    /// Model id the fault applies to (for example `q4_0`); nil: every model.
    public var model: String?
    public var fault: Fault

    public init(start: Duration = .zero, duration: Duration? = nil, model: String? = nil, fault: Fault) {
        self.start = start
        self.duration = duration
        self.model = model
        self.fault = fault
    }

    /// Whether the fault applies to `model` at `elapsed` time since the simulator started.
    public func isActive(at elapsed: Duration, model modelID: String) -> Bool {
        guard elapsed >= start else { return false }
        if let duration, elapsed >= start + duration { return false }
        if let model, model.lowercased() != modelID.lowercased() { return false }
        return true
    }
}
