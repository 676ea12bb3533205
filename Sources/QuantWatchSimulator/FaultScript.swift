/// A timeline of faults, from a YAML file (`FaultScriptLoader`) or one-off command line flags.
public struct FaultScript: Sendable, Equatable {
    public var windows: [FaultWindow]

    public init(windows: [FaultWindow] = []) {
        self.windows = windows
    }

    /// The faults active for `model` at `elapsed`, in script order.
    public func activeFaults(at elapsed: Duration, model: String) -> [Fault] {
        windows.filter { $0.isActive(at: elapsed, model: model) }.map(\.fault)
    }

    /// This script followed by the windows of `other`.
    public func merged(with other: FaultScript) -> FaultScript {
        FaultScript(windows: windows + other.windows)
    }
}
