/// The fleet-wide values every target starts from.
struct FleetDefaults {
    let settings: ProbeSettings
    /// Whether the top level names suites at all (so a missing one is not reported twice).
    let suitesGiven: Bool

    var alerts: AlertThresholds { settings.alerts.applied(to: AlertThresholds()) }
    var retry: RetryPolicy { settings.retry(over: RetryPolicy()) }
    var timeouts: Timeouts { settings.timeouts(over: Timeouts()) }
}
