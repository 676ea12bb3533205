import Foundation
import Testing

@testable import QuantWatchDomain
@testable import QuantWatchExport

/// What a consumer that fell behind dropped reaches /metrics and the JSON summary line.
struct OutputStatsExportTests {
    private static func snapshot(dropped: Int, buffered: Int) -> Snapshot {
        Snapshot(
            takenAt: Date(), startedAt: Date(),
            outputs: [OutputStats(consumer: "store", capacity: 10, buffered: buffered, dropped: dropped)])
    }

    @Test func metricsCountDropsFromZeroAndShowTheBuffer() {
        let exporter = MetricsExporter()
        func value(_ series: String) -> String? {
            exporter.render().split(separator: "\n").first { $0.hasPrefix(series + " ") }.map {
                String($0.dropFirst(series.count + 1))
            }
        }
        let dropped = #"quantwatch_output_dropped_total{consumer="store"}"#
        let buffered = #"quantwatch_output_buffered{consumer="store"}"#
        exporter.update(Self.snapshot(dropped: 0, buffered: 3))
        #expect(value(dropped) == "0")
        #expect(value(buffered) == "3.0")
        exporter.update(Self.snapshot(dropped: 5, buffered: 10))
        exporter.update(Self.snapshot(dropped: 5, buffered: 10))
        #expect(value(dropped) == "5")
        #expect(value(buffered) == "10.0")
        #expect(exporter.render().contains("# TYPE quantwatch_output_dropped_total counter"))
    }

    @Test func theSummaryLineNamesEachConsumersFigures() throws {
        let record = SnapshotRecord(Self.snapshot(dropped: 2, buffered: 4))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(record)) as? [String: Any]
        let outputs = try #require(json?["outputs"] as? [[String: Any]])
        #expect(outputs.first?["consumer"] as? String == "store")
        #expect(outputs.first?["dropped"] as? Int == 2)
        #expect(outputs.first?["buffered"] as? Int == 4)
        // `once --json` has no consumers: no key at all.
        let once = try JSONSerialization.jsonObject(
            with: JSONEncoder().encode(SnapshotRecord(Snapshot(takenAt: Date(), startedAt: Date())))) as? [String: Any]
        #expect(once?["outputs"] == nil)
    }
}
