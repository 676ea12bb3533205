import Foundation
@testable import QuantWatchBackends
@testable import QuantWatchDomain
import QuantWatchTestSupport
import Synchronization
import Testing

/// A probe loop that falls behind skips the ticks it missed (and counts them) instead of firing them back to back.
@Suite(.timeLimit(.minutes(1))) struct MonitorScheduleTests {
    @Test func slowProbesSkipMissedTicksInsteadOfBursting() async {
        let clock = ManualClock()
        let interval = Duration.milliseconds(300)
        let slow = Duration.milliseconds(700)
        let starts = Mutex<[Duration]>([])
        let backend = ScriptedBackend { _ in
            let calls = starts.withLock { starts in
                starts.append(clock.elapsed)
                return starts.count
            }
            if calls <= 2 { try? await clock.sleep(for: slow) }
            return .success(Generation(text: "4", ttfb: .zero, ttft: .zero, e2e: .milliseconds(1), outputTokens: 1))
        }
        // No jitter and phase 0: ticks exactly at 0, 300, 600, ... ms.
        let monitor = MonitorActor(
            config: MonitorFixtures.fleet(["slow"], interval: interval), backends: ["slow": backend],
            snapshotInterval: .seconds(3600), jitter: 0, clock: clock, random: ZeroRandom(), now: clock.date)
        let runTask = Task { await monitor.run() }
        // Parked: the snapshot loop, and the probe loop or the slow probe it waits for.
        await clock.sleepers(atLeast: 2)
        while starts.withLock({ $0.count }) < 6 {
            clock.advanceToNextDeadline()
            await clock.sleepers(atLeast: 2)
        }
        let snapshot = await monitor.currentSnapshot()
        runTask.cancel()
        await runTask.value

        // The first probe ends at 700 ms, past the ticks at 300 and 600: the next starts on the tick at 900, not at
        // 700 with a catch-up burst behind it; the second ends at 1600 and the third waits for 1800.
        let expected: [Duration] = [0, 900, 1800, 2100, 2400, 2700].map { .milliseconds($0) }
        #expect(starts.withLock { $0 } == expected)
        #expect(snapshot.targets.first?.skippedTicks == 4)
    }
}
