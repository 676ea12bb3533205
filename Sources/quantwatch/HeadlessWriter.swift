import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchExport

/// The JSON lines of a headless run, from its own subscription: each result and alert transition in the order
/// they happened, a fleet summary every `summaryEvery`, and a final summary once the monitor has stopped.
actor HeadlessWriter {
    private let encoder = JSONLineEncoder()
    private let summaryEvery: Duration
    private let clock = ContinuousClock()
    private var lastSummary: ContinuousClock.Instant

    init(summaryEvery: Duration) {
        self.summaryEvery = summaryEvery
        lastSummary = clock.now
    }

    /// The consumer service printing `monitor`'s outputs.
    static func service(for monitor: MonitorActor, summaryEvery: Duration) -> ConsumerService {
        let writer = HeadlessWriter(summaryEvery: summaryEvery)
        let subscription = monitor.subscribe("json", to: .all, capacity: AttachedOutputs.capacity)
        return ConsumerService(subscription) { output in
            await writer.write(output)
        } drained: {
            await writer.write(SnapshotRecord(await monitor.currentSnapshot()))
        }
    }

    func write(_ output: MonitorOutput) {
        switch output {
        case .result(let result): write(ResultRecord(result))
        case .event(let event): write(EventRecord(event))
        case .snapshot(let snapshot):
            guard clock.now - lastSummary >= summaryEvery else { return }
            lastSummary = clock.now
            write(SnapshotRecord(snapshot))
        }
    }

    func write(_ record: some Encodable & Sendable) {
        StandardOutput.line(encoder.line(record))
    }
}
