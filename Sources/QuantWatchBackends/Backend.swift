import QuantWatchDomain

/// A model endpoint speaking one dialect.
///
/// Implementations stream, measure per DESIGN.md, retry per the
/// target's policy, and never throw anything but a classified `ProbeFailure`.
public protocol Backend: Sendable {
    /// Runs one canary; returns the generation or a classified failure.
    func generate(_ request: ProbeRequest) async -> Result<Generation, ProbeFailure>
    /// Cheap reachability check (`/health`, `/v1/models`, ...), for `quantwatch check`.
    func checkReachable() async -> Result<Void, ProbeFailure>
}
