import QuantWatchDomain
import Testing

/// Compile-time check that config values cross actor boundaries: the monitor actor receives them.
struct ConfigSendableTests {
    private func requireSendable<T: Sendable>(_: T.Type) {}

    @Test func configTypesAreSendable() {
        requireSendable(FleetConfig.self)
        requireSendable(TargetConfig.self)
        requireSendable(CanarySuite.self)
        requireSendable(Scorer.self)
        requireSendable(ConfigError.self)
        requireSendable(ConfigIssue.self)
        // The only runtime check: an error round-trips through `any Error` unchanged.
        let error: any Error = ConfigError(issues: [ConfigIssue(file: "f", line: 1, column: 2, message: "m")])
        #expect((error as? ConfigError)?.description == "f:1:2: error: m")
    }
}
