import Foundation
import QuantWatchTestSupport
import Synchronization
import Testing

@testable import QuantWatchBackends
@testable import QuantWatchDomain

/// The monitor on a manual clock: time moves only when a test advances it, so every schedule below is exact and
/// no test waits in real time (a loaded machine changes nothing but how long the steps take).
@Suite(.timeLimit(.minutes(1))) struct MonitorActorTests {
    @Test func aHungTargetDoesNotDelayTheOthers() async {
        let clock = ManualClock()
        let config = MonitorFixtures.fleet(["hung", "healthy"], interval: .seconds(1))
        let monitor = MonitorActor(
            config: config, backends: ["hung": ScriptedBackend.hung, "healthy": ScriptedBackend.instant("4")],
            jitter: 0, clock: clock, random: SeededRandom(seed: 7), now: clock.date)
        let runTask = Task { await monitor.run() }
        // Two probe loops and the snapshot loop park on the clock; after the first second the hung loop stays in
        // its probe, and the healthy loop and the snapshot loop park again each second.
        await clock.sleepers(atLeast: 3)
        for _ in 0..<10 {
            clock.advance(by: .seconds(1))
            await clock.sleepers(atLeast: 2)
        }
        let snapshot = await monitor.currentSnapshot()
        runTask.cancel()
        await runTask.value
        let healthy = snapshot.targets.first { $0.id == "healthy" }?.stats(.oneMinute)
        let hung = snapshot.targets.first { $0.id == "hung" }?.stats(.oneMinute)
        #expect(healthy?.requests == 10, "one probe a second for ten seconds beside a hung target")
        #expect(hung?.requests == 0)
        #expect(snapshot.inFlight == 1, "the hung probe is still in flight")
    }

    @Test func probesInFlightNeverExceedTheFleetCap() async {
        let clock = ManualClock()
        let counter = CallCounter()
        let slow = ScriptedBackend { _ in
            await counter.begin()
            try? await clock.sleep(for: .milliseconds(400))
            await counter.end()
            return .success(Generation(text: "4", ttfb: .zero, ttft: .zero, e2e: .milliseconds(400), outputTokens: 1))
        }
        let ids = (0..<6).map { "t\($0)" }
        let config = MonitorFixtures.fleet(ids, interval: .seconds(1), concurrency: 2)
        // Phase 0 for every loop: all six are due at once, at the start.
        let monitor = MonitorActor(
            config: config, backends: Dictionary(uniqueKeysWithValues: ids.map { ($0, slow) }), jitter: 0,
            clock: clock, random: ZeroRandom(), now: clock.date)
        let runTask = Task { await monitor.run() }
        // Parked: the snapshot loop, the two probes holding permits, and the loops that already probed, asleep
        // until their next tick; the rest wait for a permit.
        for (round, parked) in [3, 5, 7].enumerated() {
            if round > 0 { clock.advance(by: .milliseconds(400)) }
            await clock.sleepers(atLeast: parked)
            #expect(await counter.calls == 2 * (round + 1))
            #expect(await counter.inFlight == 2)
        }
        let lag = await monitor.scheduleLag
        runTask.cancel()
        await runTask.value
        #expect(await counter.maxInFlight == 2)
        // The lag counts the wait for a permit: 0 for the first pair, 400 ms, then 800 ms.
        #expect(lag.probes == 6)
        #expect(lag.maxMilliseconds == 800)
        #expect(lag.totalMilliseconds == 2 * (0 + 400 + 800))
    }

    @Test func pausedMonitorStartsNoProbesAndResumes() async {
        let clock = ManualClock()
        let counter = CallCounter()
        let counted = ScriptedBackend { _ in
            await counter.begin()
            await counter.end()
            return .success(Generation(text: "4", ttfb: .zero, ttft: .zero, e2e: .milliseconds(1), outputTokens: 1))
        }
        let monitor = MonitorActor(
            config: MonitorFixtures.fleet(["a"], interval: .seconds(1)), backends: ["a": counted], jitter: 0,
            clock: clock, random: SeededRandom(seed: 3), now: clock.date)
        await monitor.pause()
        let runTask = Task { await monitor.run() }
        await clock.sleepers(atLeast: 2)
        for _ in 0..<5 {
            clock.advance(by: .seconds(1))
            await clock.sleepers(atLeast: 2)
        }
        #expect(await counter.calls == 0)
        #expect(await monitor.currentSnapshot().paused)
        await monitor.resume()
        for _ in 0..<3 {
            clock.advance(by: .seconds(1))
            await clock.sleepers(atLeast: 2)
        }
        #expect(await counter.calls == 3)
        runTask.cancel()
        await runTask.value
    }

    @Test func cancellationEndsRunAndFinishesTheStreams() async {
        let clock = ManualClock()
        let counter = CallCounter()
        let hung = ScriptedBackend { request in
            await counter.begin()
            return await ScriptedBackend.hung.generate(request)
        }
        let monitor = MonitorActor(
            config: MonitorFixtures.fleet(["hung"], interval: .seconds(1)), backends: ["hung": hung], jitter: 0,
            clock: clock, random: ZeroRandom(), now: clock.date)
        let runTask = Task { await monitor.run() }
        // Phase 0: the probe starts at once and hangs; only the snapshot loop sleeps on the clock.
        await clock.sleepers(atLeast: 1)
        while await counter.calls == 0 { await Task.yield() }
        runTask.cancel()
        await runTask.value
        var iterator = monitor.results.makeAsyncIterator()
        #expect(await iterator.next() == nil)
        #expect(clock.sleeperCount == 0, "every loop left the clock")
    }

    @Test func theSameSeedGivesTheSameSchedule() async {
        func starts(seed: UInt64) async -> [Duration] {
            let clock = ManualClock()
            let log = Mutex<[Duration]>([])
            let logged = ScriptedBackend { _ in
                log.withLock { $0.append(clock.elapsed) }
                return .success(Generation(text: "4", ttfb: .zero, ttft: .zero, e2e: .zero, outputTokens: 1))
            }
            let monitor = MonitorActor(
                config: MonitorFixtures.fleet(["a"], interval: .seconds(10)), backends: ["a": logged],
                snapshotInterval: .seconds(3600), jitter: 0.1, clock: clock, random: SeededRandom(seed: seed),
                now: clock.date)
            let runTask = Task { await monitor.run() }
            await clock.sleepers(atLeast: 2)
            while log.withLock({ $0.count }) < 5 {
                clock.advanceToNextDeadline()
                await clock.sleepers(atLeast: 2)
            }
            runTask.cancel()
            await runTask.value
            return log.withLock { $0 }
        }
        let first = await starts(seed: 11)
        #expect(first == (await starts(seed: 11)))
        #expect(first != (await starts(seed: 12)))
        // Anchored to the ideal schedule: tick n lies within ±10% of an interval of n intervals after the phase.
        let gaps = zip(first, first.dropFirst()).map { $1 - $0 }
        #expect(gaps.allSatisfy { $0 >= .seconds(8) && $0 <= .seconds(12) }, "gaps \(gaps)")
    }

    @Test func resultsAreDatedOnTheMonitorsTimeLine() async {
        let clock = ManualClock()
        let monitor = MonitorActor(
            config: MonitorFixtures.fleet(["a"], interval: .seconds(1)), backends: ["a": ScriptedBackend.instant("4")],
            jitter: 0, clock: clock, random: ZeroRandom(), now: clock.date)
        // Subscribed before the run: a subscription sees what is published after it, nothing earlier.
        let results = monitor.results
        let runTask = Task { await monitor.run() }
        await clock.sleepers(atLeast: 2)
        for _ in 0..<2 {
            clock.advance(by: .seconds(1))
            await clock.sleepers(atLeast: 2)
        }
        let snapshot = await monitor.currentSnapshot()
        runTask.cancel()
        await runTask.value
        var dates: [Date] = []
        for await result in results { dates.append(result.startedAt) }
        #expect(dates == [0, 1, 2].map { clock.epoch.addingTimeInterval($0) })
        #expect(snapshot.takenAt == clock.epoch.addingTimeInterval(2))
    }

    @Test func runOnceProbesEveryCanaryOnEveryTargetAndScoresThem() async {
        let config = MonitorFixtures.fleet(["right", "wrong"])
        let monitor = MonitorActor(
            config: config, backends: ["right": ScriptedBackend.instant("4"), "wrong": ScriptedBackend.instant("5")])
        let (results, snapshot) = await monitor.runOnce()
        #expect(results.count == 4)
        #expect(results.map(\.targetID) == ["right", "right", "wrong", "wrong"])
        #expect(results.first { $0.targetID == "right" && $0.canaryID == "add" }?.correct == true)
        #expect(results.first { $0.targetID == "wrong" && $0.canaryID == "add" }?.correct == false)
        #expect(snapshot.targets.map(\.id) == ["right", "wrong"])
        #expect(snapshot.targets[0].stats(.oneMinute).requests == 2)
    }
}
