import Foundation
@testable import QuantWatchBackends
@testable import QuantWatchDomain
import QuantWatchTestSupport
import Synchronization
import Testing

/// A probe loop that falls behind skips the ticks it missed (and counts them) instead of firing them back to back.
struct MonitorScheduleTests {
    /// Start instants of every call of a backend.
    private final class StartLog: Sendable {
        let starts = Mutex<[ContinuousClock.Instant]>([])
    }

    @Test func slowProbesSkipMissedTicksInsteadOfBursting() async {
        let interval = Duration.milliseconds(300)
        let slow = Duration.milliseconds(700)
        let log = StartLog()
        let backend = ScriptedBackend { _ in
            let calls = log.starts.withLock { starts in
                starts.append(.now)
                return starts.count
            }
            if calls <= 2 { try? await Task.sleep(for: slow) }
            return .success(Generation(text: "4", ttfb: .zero, ttft: .zero, e2e: .milliseconds(1), outputTokens: 1))
        }
        // No jitter: ticks exactly one interval apart.
        let monitor = MonitorActor(
            config: MonitorFixtures.fleet(["slow"], interval: interval), backends: ["slow": backend], jitter: 0)
        let runTask = Task { await monitor.run() }
        let deadline = ContinuousClock.now + .seconds(30)
        while log.starts.withLock({ $0.count }) < 6 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let snapshot = await monitor.currentSnapshot()
        runTask.cancel()
        await runTask.value

        let starts = log.starts.withLock { $0 }
        #expect(starts.count >= 6)
        let gaps = zip(starts, starts.dropFirst()).map { $0.duration(to: $1) }
        // Each slow probe overran two ticks; the old loop fired them at once after it (gaps of a millisecond or
        // two). A tenth of the interval tells those apart from a tick woken late on a loaded machine, whose
        // successor on schedule then comes sooner than one interval (seen: 100 ms at load 8).
        for (index, gap) in gaps.enumerated() {
            #expect(gap >= interval / 10, "probes \(index) and \(index + 1) started \(gap) apart")
        }
        let skipped = snapshot.targets.first?.skippedTicks ?? 0
        #expect(skipped >= 2, "skipped \(skipped) ticks")
    }
}
