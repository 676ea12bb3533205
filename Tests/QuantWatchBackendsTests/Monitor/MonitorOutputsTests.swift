import Foundation
import QuantWatchTestSupport
import Testing

@testable import QuantWatchBackends
@testable import QuantWatchDomain

/// The fan-out of monitor outputs: one ordered, bounded buffer per consumer, overflow counted, snapshots coalesced.
struct MonitorOutputsTests {
    private static let start = Date(timeIntervalSince1970: 1_800_000_000)

    private static func result(_ index: Int) -> ProbeResult {
        ProbeResult(
            targetID: "t", canaryID: "c\(index)", category: "general",
            startedAt: start.addingTimeInterval(Double(index)),
            outcome: .failure(ProbeFailure(.timeout, "late")), correct: nil)
    }

    private static func snapshot(_ index: Int) -> Snapshot {
        Snapshot(takenAt: start.addingTimeInterval(Double(index)), startedAt: start)
    }

    private static func event(_ index: Int) -> AlertEvent {
        AlertEvent(
            at: start.addingTimeInterval(Double(index)), targetID: "t", rule: "p99", from: .ok, to: .warning,
            message: "event \(index)")
    }

    private static func drain(_ subscription: MonitorSubscription) async -> [MonitorOutput] {
        var seen: [MonitorOutput] = []
        for await output in subscription { seen.append(output) }
        return seen
    }

    @Test func eachConsumerGetsWhatItAskedForInPublishingOrder() async {
        let outputs = MonitorOutputs()
        let store = outputs.subscribe("store", to: [.results, .events])
        let delivery = outputs.subscribe("delivery", to: .events)
        let published: [MonitorOutput] = [.result(Self.result(1)), .event(Self.event(2)), .result(Self.result(3))]
        published.forEach(outputs.publish)
        outputs.finish()
        #expect(await Self.drain(store) == published)
        #expect(await Self.drain(delivery) == [.event(Self.event(2))])
    }

    @Test func aFullBufferCountsWhatItDropsAndKeepsTheRestInOrder() async {
        let outputs = MonitorOutputs()
        let slow = outputs.subscribe("store", to: .results, capacity: 3)
        let fast = outputs.subscribe("json", to: .results, capacity: 100)
        for index in 1...5 { outputs.publish(.result(Self.result(index))) }
        #expect(
            outputs.stats() == [
                OutputStats(consumer: "store", capacity: 3, buffered: 3, dropped: 2),
                OutputStats(consumer: "json", capacity: 100, buffered: 5),
            ])
        outputs.finish()
        #expect(await Self.drain(slow) == (1...3).map { .result(Self.result($0)) })
        #expect(await Self.drain(fast) == (1...5).map { .result(Self.result($0)) })
        #expect(slow.stats == OutputStats(consumer: "store", capacity: 3, delivered: 3, dropped: 2))
    }

    @Test func aReaderBehindGetsTheNewestSnapshotInItsPlace() async {
        let outputs = MonitorOutputs()
        let reader = outputs.subscribe("json", to: .all, capacity: 10)
        // s1 is replaced by s2, which comes after r2 (published before it); s3 comes before r4.
        let order: [MonitorOutput] = [
            .result(Self.result(1)), .snapshot(Self.snapshot(1)), .result(Self.result(2)), .snapshot(Self.snapshot(2)),
        ]
        order.forEach(outputs.publish)
        var iterator = reader.makeAsyncIterator()
        #expect(await iterator.next() == .result(Self.result(1)))
        #expect(await iterator.next() == .result(Self.result(2)))
        #expect(await iterator.next() == .snapshot(Self.snapshot(2)))
        outputs.publish(.snapshot(Self.snapshot(3)))
        outputs.publish(.result(Self.result(4)))
        outputs.finish()
        #expect(await iterator.next() == .snapshot(Self.snapshot(3)))
        #expect(await iterator.next() == .result(Self.result(4)))
        #expect(await iterator.next() == nil)
        // Superseded snapshots are not lost rows: nothing counts as dropped.
        #expect(reader.stats.dropped == 0)
    }

    @Test func aWaitingReaderGetsTheNextOutputAndTheEnd() async {
        let outputs = MonitorOutputs()
        let reader = outputs.subscribe("store", to: .results)
        let collected = Task { await Self.drain(reader) }
        for index in 1...3 {
            await Task.yield()
            outputs.publish(.result(Self.result(index)))
        }
        outputs.finish()
        #expect(await collected.value == (1...3).map { .result(Self.result($0)) })
        let late = outputs.subscribe("late", to: .results)
        #expect(await Self.drain(late).isEmpty)
    }

    @Test func aCancelledReaderStopsAndIsForgotten() async {
        let outputs = MonitorOutputs()
        let reader = outputs.subscribe("store", to: .results)
        let reading = Task { await Self.drain(reader) }
        reading.cancel()
        #expect(await reading.value.isEmpty)
        outputs.publish(.result(Self.result(1)))
        #expect(outputs.stats().isEmpty)
    }

    @Test func theMonitorsSnapshotCarriesEveryConsumersFigures() async {
        let monitor = MonitorActor(
            config: MonitorFixtures.fleet(["t"]), backends: ["t": ScriptedBackend.instant("4")])
        _ = monitor.subscribe("store", to: [.results, .events], capacity: 2)
        _ = monitor.subscribe("dashboard", to: .snapshots)
        _ = await monitor.runOnce()
        let outputs = await monitor.currentSnapshot().outputs
        // Two canaries filled the store's buffer of two; the snapshot-only screen cannot fall behind.
        #expect(outputs.map(\.consumer) == ["store"])
        #expect(outputs.first?.buffered == 2)
    }
}
