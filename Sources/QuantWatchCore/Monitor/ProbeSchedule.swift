/// When a target's next probe is due: a fixed interval with ±`jitter` spread, anchored to the ideal
/// schedule so jitter never accumulates into drift.
struct ProbeSchedule: Sendable {
    let interval: Duration
    /// Share of the interval each tick may move early or late (0.1 = ±10%).
    let jitter: Double

    /// Offset of tick `n` from the start, given a uniform random number in [0, 1).
    func offset(ofTick tick: Int, initialPhase: Double, random: Double) -> Duration {
        let base = interval * (Double(tick) + initialPhase)
        let spread = interval * (jitter * (2 * random - 1))
        let offset = base + spread
        return offset < .zero ? .zero : offset
    }
}
