import Yams

/// The probe settings a fleet file may give at the top level and override per target; nil means "inherit".
struct ProbeSettings {
    var interval: Duration?
    var connect: Duration?
    var readIdle: Duration?
    var total: Duration?
    var maxRetries: Int?
    var baseDelay: Duration?
    var maxDelay: Duration?
    var suites: [SuiteReference]?
    var seed: Int?
    var topLogprobs: Int?
    var slo: ServiceLevelObjective?
    var alerts = PartialAlerts()
    /// The `alerts` mapping, for pointing at it when merged thresholds contradict each other.
    var alertsNode: Node?
    /// The `retries` mapping, likewise.
    var retriesNode: Node?

    /// The keys these settings read, shared by the top level and each target.
    static let keys = [
        "interval", "timeout", "timeouts", "retries", "suite", "suites", "seed", "top_logprobs", "alerts", "slo",
    ]

    func timeouts(over base: Timeouts) -> Timeouts {
        Timeouts(connect: connect ?? base.connect, readIdle: readIdle ?? base.readIdle, total: total ?? base.total)
    }

    func retry(over base: RetryPolicy) -> RetryPolicy {
        RetryPolicy(
            maxRetries: maxRetries ?? base.maxRetries, baseDelay: baseDelay ?? base.baseDelay,
            maxDelay: maxDelay ?? base.maxDelay)
    }
}

/// A suite path as written in the fleet file, resolved against the fleet file's folder.
struct SuiteReference {
    let written: String
    let resolved: String
    let node: Node
}
