@testable import QuantWatchBackends
import Testing

/// Which tick a probe loop waits for next, and how many it skips once it has fallen behind.
struct ProbeScheduleTests {
    private let interval = Duration.milliseconds(1000)
    private let phase = 0.5

    private func ms(_ value: Int) -> Duration { .milliseconds(value) }

    @Test func onTimeLoopTakesTheFollowingTickAndSkipsNone() {
        let schedule = ProbeSchedule(interval: interval, jitter: 0.1)
        let next = schedule.next(after: 0, elapsed: ms(600), initialPhase: phase) { 0.5 }
        #expect(next.tick == ProbeSchedule.Tick(number: 1, offset: ms(1500)))
        #expect(next.skipped == 0)
    }

    @Test func loopBehindSkipsEveryPassedTickAndKeepsTheAnchoredSchedule() {
        let schedule = ProbeSchedule(interval: interval, jitter: 0)
        // Tick 0 was due at 500 ms; its probe ran to 3700 ms: ticks 1, 2 and 3 (1500, 2500, 3500) have passed.
        let next = schedule.next(after: 0, elapsed: ms(3700), initialPhase: phase) { 0.5 }
        #expect(next.tick == ProbeSchedule.Tick(number: 4, offset: ms(4500)))
        #expect(next.skipped == 3)
        #expect(next.tick.offset == schedule.offset(ofTick: 4, initialPhase: phase, random: 0.5))
    }

    @Test func aTickMovedEarlyByJitterIntoThePastIsSkippedOneMovedLateIsKept() {
        let schedule = ProbeSchedule(interval: interval, jitter: 0.1)
        // Tick 1 is due between 1400 and 1600 ms; at 1450 ms it depends on its draw.
        let early = schedule.next(after: 0, elapsed: ms(1450), initialPhase: phase) { 0 }
        #expect(early.tick.number == 2)
        #expect(early.skipped == 1)
        let late = schedule.next(after: 0, elapsed: ms(1450), initialPhase: phase) { 0.999 }
        #expect(late.tick.number == 1)
        #expect(late.skipped == 0)
        #expect(late.tick.offset > ms(1450))
    }

    @Test func aLongStallSkipsThousandsOfTicksWithFewDraws() {
        let schedule = ProbeSchedule(interval: ms(10), jitter: 0.1)
        var draws = 0
        let next = schedule.next(after: 7, elapsed: .seconds(3600), initialPhase: phase) {
            draws += 1
            return 0.5
        }
        // Ticks 8 ... 359_999 (due at 80.05 ms ... 3_599_995 ms) passed; tick 360_000 is due at 3_600_005 ms.
        #expect(next.tick.number == 360_000)
        #expect(next.skipped == 360_000 - 8)
        #expect(next.tick.offset > .seconds(3600))
        #expect(draws <= 4)
    }

    @Test func theNextTickIsAlwaysAheadOfElapsed() {
        let schedule = ProbeSchedule(interval: ms(250), jitter: 0.2)
        var tick = schedule.first(initialPhase: 0.3, random: 0.5)
        var elapsed = Duration.zero
        var state: UInt64 = 42
        for step in 0..<500 {
            // Probes of 0 to 900 ms: some on time, some far behind.
            state = state &* 6_364_136_223_846_793_005 &+ 1
            elapsed = max(elapsed, tick.offset) + ms(Int(state >> 33) % 900)
            let next = schedule.next(after: tick.number, elapsed: elapsed, initialPhase: 0.3) {
                state = state &* 6_364_136_223_846_793_005 &+ 1
                return Double(state >> 11) / Double(1 << 53)
            }
            #expect(next.tick.offset > elapsed, "step \(step)")
            #expect(next.tick.number == tick.number + 1 + next.skipped)
            tick = next.tick
        }
    }

    @Test func zeroIntervalNeverLoops() {
        let schedule = ProbeSchedule(interval: .zero, jitter: 0.1)
        let next = schedule.next(after: 3, elapsed: ms(50), initialPhase: phase) { 0.5 }
        #expect(next.tick.number == 4)
        #expect(next.skipped == 0)
    }
}
