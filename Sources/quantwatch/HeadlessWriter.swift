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
    /// Written into every line (`--probe NAME`), so lines from several probes can be merged.
    private let probe: String?

    init(summaryEvery: Duration, probe: String?) {
        self.summaryEvery = summaryEvery
        self.probe = probe
        lastSummary = clock.now
    }

    /// The consumer service printing `monitor`'s outputs.
    static func service(for monitor: MonitorActor, summaryEvery: Duration, probe: String?) -> ConsumerService {
        let writer = HeadlessWriter(summaryEvery: summaryEvery, probe: probe)
        let subscription = monitor.subscribe("json", to: .all, capacity: AttachedOutputs.capacity)
        return ConsumerService(subscription) { output in
            await writer.write(output)
        } drained: {
            await writer.writeFinal(SnapshotRecord(await monitor.currentSnapshot()))
        }
    }

    func write(_ output: MonitorOutput) {
        switch output {
        case .result(let result): write(ResultRecord(result).probed(probe))
        case .event(let event): write(EventRecord(event).probed(probe))
        case .snapshot(let snapshot):
            guard clock.now - lastSummary >= summaryEvery else { return }
            lastSummary = clock.now
            write(SnapshotRecord(snapshot).probed(probe))
        }
    }

    func writeFinal(_ record: SnapshotRecord) {
        write(record.probed(probe))
    }

    func write(_ record: some Encodable & Sendable) {
        StandardOutput.line(encoder.line(record))
    }
}
