/// A target's latency objectives for goodput (`slo: {ttft_ms, tpot_ms, e2e_ms}`); a probe is good when it
/// succeeded and met every objective given, as vLLM's benchmark and aiperf count goodput.
public struct ServiceLevelObjective: Sendable, Equatable, Codable {
    public var ttftMilliseconds: Double?
    public var tpotMilliseconds: Double?
    public var e2eMilliseconds: Double?

    enum CodingKeys: String, CodingKey {
        case ttftMilliseconds = "ttft_ms"
        case tpotMilliseconds = "tpot_ms"
        case e2eMilliseconds = "e2e_ms"
    }

    public init(ttftMilliseconds: Double? = nil, tpotMilliseconds: Double? = nil, e2eMilliseconds: Double? = nil) {
        self.ttftMilliseconds = ttftMilliseconds
        self.tpotMilliseconds = tpotMilliseconds
        self.e2eMilliseconds = e2eMilliseconds
    }

    /// The keys of the `slo` mapping.
    static let keys = ["ttft_ms", "tpot_ms", "e2e_ms"]

    public var isEmpty: Bool { ttftMilliseconds == nil && tpotMilliseconds == nil && e2eMilliseconds == nil }

    /// Whether a probe met every objective: a failure never does, and a probe of one token has no TPOT, which
    /// then cannot miss.
    public func isMet(by result: ProbeResult) -> Bool {
        guard let generation = result.generation else { return false }
        if let limit = ttftMilliseconds, generation.ttft.milliseconds > limit { return false }
        if let limit = e2eMilliseconds, generation.e2e.milliseconds > limit { return false }
        if let limit = tpotMilliseconds, let tpot = generation.tpot, tpot.milliseconds > limit { return false }
        return true
    }
}
