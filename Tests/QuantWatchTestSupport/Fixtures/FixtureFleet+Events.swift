import Foundation
import QuantWatchDomain

extension FixtureFleet {
    /// Alert transitions up to a tick, newest last, at most 50: drift alerts early on, then the recurring
    /// latency incident of the Ollama target opening and closing.
    func events(tick: Int) -> [AlertEvent] {
        guard targetCount > 0 else { return [] }
        var events: [AlertEvent] = []
        func add(_ at: Int, _ index: Int, _ rule: String, _ from: AlertState, _ to: AlertState, _ message: String) {
            guard at <= tick, index < targetCount else { return }
            events.append(
                AlertEvent(
                    at: start.addingTimeInterval(Double(at)), targetID: traits(index).id, rule: rule,
                    from: from, to: to, message: message))
        }
        add(3, 0, "down", .unknown, .ok, "first probes answered")
        add(12, 3, "accuracy_drop", .ok, .critical, "math -11.0 pts vs llama3-fp16: do not deploy")
        add(18, 2, "accuracy_drop", .ok, .warning, "math -5.5 pts vs llama3-fp16: caution")
        var cycle = 0
        while cycle * 90 + 40 <= tick {
            add(cycle * 90 + 40, 4, "p99", .ok, .warning, "p99 2310 ms > 1500 ms")
            add(cycle * 90 + 44, 4, "error_rate", .ok, .critical, "error rate 14% > 1% (timeout, http_5xx)")
            add(cycle * 90 + 62, 4, "error_rate", .critical, .ok, "error rate 0.0% <= 1%")
            add(cycle * 90 + 62, 4, "p99", .warning, .ok, "p99 690 ms <= 1500 ms")
            cycle += 1
        }
        return Array(events.suffix(50))
    }
}
