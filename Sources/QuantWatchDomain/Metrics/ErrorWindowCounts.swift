/// Probes and failed probes over one window.
public struct ErrorWindowCounts: Sendable, Equatable {
    public var requests: Int
    public var errors: Int

    public init(requests: Int = 0, errors: Int = 0) {
        self.requests = requests
        self.errors = errors
    }

    /// errors / requests, 0 without requests.
    public var errorRatio: Double { requests == 0 ? 0 : Double(errors) / Double(requests) }
}
