/// A validated fleet file: every target resolved, every suite loaded.
public struct FleetConfig: Sendable, Equatable {
    /// Path of the fleet file this came from (for messages).
    public var path: String
    public var targets: [TargetConfig]
    /// Canary suites keyed by their resolved path.
    public var suites: [String: CanarySuite]
    /// Most probes in flight at once across the whole fleet.
    public var concurrency: Int
    public var alerts: AlertThresholds
    /// Key rebinding: action name -> key spec (for example `sort: "o"`).
    public var keys: [String: String]

    public init(
        path: String, targets: [TargetConfig], suites: [String: CanarySuite], concurrency: Int = 8,
        alerts: AlertThresholds = AlertThresholds(), keys: [String: String] = [:]
    ) {
        self.path = path
        self.targets = targets
        self.suites = suites
        self.concurrency = concurrency
        self.alerts = alerts
        self.keys = keys
    }

    /// The canaries a target runs, in suite order.
    public func canaries(for target: TargetConfig) -> [Canary] {
        target.suitePaths.flatMap { suites[$0]?.canaries ?? [] }
    }
}
