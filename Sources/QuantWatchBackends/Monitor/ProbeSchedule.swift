/// When a target's next probe is due: a fixed interval with ±`jitter` spread, anchored to the ideal
/// schedule so jitter never accumulates into drift.
struct ProbeSchedule: Sendable {
    /// One tick of the schedule: its number and when it is due, as an offset from the loop's start.
    struct Tick: Sendable, Equatable {
        var number: Int
        var offset: Duration
    }

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

    /// The first tick of a loop.
    func first(initialPhase: Double, random: Double) -> Tick {
        Tick(number: 0, offset: offset(ofTick: 0, initialPhase: initialPhase, random: random))
    }

    /// The tick to wait for after tick `number`, `elapsed` after the start, and how many ticks were passed over.
    ///
    /// A loop that fell behind (a probe longer than the interval) skips every tick whose due time has already passed,
    /// as Prometheus does with scrapes, and waits for the next one still ahead: it never fires the missed ticks back to
    /// back. The ticks kept stay on the anchored, jittered schedule. `random` gives uniform numbers in [0, 1), one per
    /// tick looked at.
    func next(
        after number: Int, elapsed: Duration, initialPhase: Double, random: () -> Double
    ) -> (tick: Tick, skipped: Int) {
        let following = number + 1
        guard interval > .zero else {
            return (Tick(number: following, offset: elapsed), 0)
        }
        // Ticks due before `elapsed` even at their latest (full late jitter) are past whatever their draw: jump over
        // them without drawing (after a long stall that can be many), then look at the rest one by one.
        let surelyPast = elapsed / interval - initialPhase - jitter
        var candidate = following
        if surelyPast.isFinite, surelyPast > Double(following), surelyPast < Double(Int.max / 2) {
            candidate = Int(surelyPast.rounded(.down))
        }
        while true {
            let due = offset(ofTick: candidate, initialPhase: initialPhase, random: random())
            if due > elapsed {
                return (Tick(number: candidate, offset: due), candidate - following)
            }
            candidate += 1
        }
    }
}
