import Foundation
import QuantWatchDomain

extension FixtureFleet {
    /// Per-minute history rows of a target up to a tick (at most the last hour), from the same latency wave and
    /// incident as its windows.
    func minutes(_ traits: FixtureTarget, index: Int, tick: Int) -> [HistoryBucket] {
        guard tick >= 3 else { return [] }
        let now = Int(start.timeIntervalSince1970) + tick
        let first = max(Int(start.timeIntervalSince1970), now - 3_599)
        return stride(from: first / 60 * 60, through: now / 60 * 60, by: 60).compactMap { minute in
            let ticks = Array(max(minute, first)...min(minute + 59, now)).map { $0 - Int(start.timeIntervalSince1970) }
            let requests = max(1, ticks.count * FixtureFleet.probesPerMinute / 60)
            // One latency sample per probe (every five ticks) keeps a snapshot of a large fleet cheap.
            let probes = stride(from: 0, to: ticks.count, by: 5).map { ticks[$0] }
            var sum = 0.0
            for moment in probes { sum += p95(traits, index: index, tick: moment) }
            let p95: Double = sum / Double(probes.count)
            let incident = ticks.filter { incidentFactor(traits, tick: $0) > 1 }.count
            let errors = incident > 0 ? max(1, requests * incident / ticks.count / 5) : 0
            let scored = requests - errors
            let accuracy = min(1, traits.accuracy + 0.08 * (FixtureFleet.noise(index, minute / 60) - 0.5))
            return HistoryBucket(
                start: Date(timeIntervalSince1970: Double(minute)), requests: requests, errors: errors,
                p50: p95 * 0.7, p95: p95, scored: scored, correct: Int((Double(scored) * accuracy).rounded()))
        }
    }
}
