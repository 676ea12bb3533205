import Foundation
import QuantWatchDomain
import Testing

@testable import QuantWatchTUI

/// The queue column and the runtime panel, drawn from snapshots that carry runtime figures.
struct RuntimeViewTests {
    /// The fixture fleet with the runtime of `llama3-q4_0` filled in: a queue of 6 behind 4 running, rising
    /// over the last ticks of the latency history.
    private static func snapshot(runtime: RuntimeSnapshot? = nil, slo: Bool = true) -> Snapshot {
        var snapshot = Fixtures.snapshot
        guard let index = snapshot.targets.firstIndex(where: { $0.id == "llama3-q4_0" }) else { return snapshot }
        let history = snapshot.targets[index].history
        let points = history.enumerated().map { offset, point in
            RuntimeSnapshot.Point(at: point.at, running: 4, waiting: offset >= history.count - 10 ? 6 : 0)
        }
        snapshot.targets[index].runtime =
            runtime
            ?? RuntimeSnapshot(
                metricsURL: "http://127.0.0.1:8083/metrics", naming: .llamacpp, lastScrapeAt: snapshot.takenAt,
                requestsRunning: 4, requestsWaiting: 6, promptTokensPerSecond: 230, generationTokensPerSecond: 512,
                timings: .init(samples: 40, serverTTFTP95: 12, clientGapP95: 95), history: points)
        if slo {
            snapshot.targets[index].slo = ServiceLevelObjective(ttftMilliseconds: 500)
            snapshot.targets[index].goodput = [
                .oneMinute: Goodput(requests: 10, good: 9, perSecond: 0.15),
                .fiveMinutes: Goodput(requests: 50, good: 40, perSecond: 0.13),
            ]
        }
        return snapshot
    }

    private func lines(_ snapshot: Snapshot, _ routes: [Route], _ size: Size) -> [String] {
        let ui = Fixtures.ui(size, routes: routes, snapshot: snapshot)
        return render(snapshot, ui, size: size, theme: .mono).lines
    }

    @Test func theFleetTableGainsAQueueColumnOnlyWhenSomeTargetHasRuntimeMetrics() throws {
        let size = Size(width: 160, height: 48)
        let plain = lines(Fixtures.snapshot, [.dashboard], size)
        #expect(!plain.contains { $0.contains(" queue ") })
        #expect(!plain.contains { $0.contains(" good ") })
        let with = lines(Self.snapshot(), [.dashboard], size)
        let header = try #require(with.first { $0.contains("target") && $0.contains("p95") })
        #expect(header.contains("queue"))
        #expect(header.contains("good"))
        let row = try #require(with.first { $0.contains("llama3-q4_0") })
        #expect(row.contains("6/4"))
        #expect(row.contains("90%"))
        // The others have no runtime: a dash, not a zero.
        let other = try #require(with.first { $0.contains("llama3-q8") })
        #expect(!other.contains("/"))
    }

    @Test func theDetailViewShowsTheRuntimePanelOnOneTimeAxis() throws {
        let shown = lines(
            Self.snapshot(), [.dashboard, .detail(targetID: "llama3-q4_0")], Size(width: 160, height: 48))
        let text = shown.joined(separator: "\n")
        #expect(text.contains("Runtime"))
        #expect(text.contains("llama.cpp /metrics, ms"))
        #expect(text.contains("queue 6 waiting  4 running"))
        #expect(text.contains("server 12"))
        #expect(text.contains("gap 95"))
        #expect(text.contains("server tok/s gen 512  prompt 230"))
        #expect(text.contains("goodput 90%"))
        // The queue row of the time axis is flat, then full for the last ten ticks.
        let p95Row = try #require(shown.first { $0.contains("│p95    ") })
        let queueRow = try #require(shown.first { $0.contains("│queue  ") })
        // One column per tick on both rows: the queue's last ten ticks full, the ones before it on the floor.
        let p95Graph = String(p95Row.dropFirst(8).prefix { $0 != "│" })
        let queueGraph = String(queueRow.dropFirst(8).prefix { $0 != "│" })
        #expect(queueGraph.hasSuffix("▁██████████"), "\(queueRow)")
        #expect(queueGraph.count == p95Graph.count)
        #expect(!p95Graph.suffix(10).contains(" "), "\(p95Row)")
        // The client's error rate shares the axis, right under the queue.
        let errorRow = try #require(shown.firstIndex { $0.contains("│err%   ") })
        #expect(shown.firstIndex { $0.contains("│queue  ") } == errorRow - 1)
    }

    @Test func a501SaysOnceHowToTurnMetricsOn() throws {
        let off = RuntimeSnapshot(metricsURL: "http://127.0.0.1:8083/metrics", scrapeError: .notEnabled)
        let detail = lines(
            Self.snapshot(runtime: off, slo: false), [.dashboard, .detail(targetID: "llama3-q4_0")],
            Size(width: 160, height: 48))
        let hints = detail.filter { $0.contains("runtime metrics off (start llama-server with --metrics)") }
        #expect(hints.count == 1)
        // The table says nothing of it: no figures, so no queue column.
        let table = lines(Self.snapshot(runtime: off, slo: false), [.dashboard], Size(width: 160, height: 48))
        #expect(!table.contains { $0.contains("--metrics") })
    }

    @Test func runtimePanelDrawsItsFiguresInPlace() {
        let target = TargetSnapshot(
            id: "t", backend: .llamacpp, model: "m", quant: "Q4_0",
            runtime: RuntimeSnapshot(
                naming: .vllm, requestsRunning: 2, requestsWaiting: 0, kvCacheUsage: 0.25,
                serverTTFT: .init(p50: 40, p95: 80, count: 12)))
        var buffer = ScreenBuffer(width: 44, height: 5, filledWith: "x")
        RuntimePanel(target: target, stats: .empty, window: .oneMinute).render(
            in: buffer.area, into: &buffer, theme: .mono)
        // Two lines of figures, no room for the time axis; nothing drawn past them (the canvas shows through).
        #expect(
            buffer.lines == [
                "╭─ Runtime ──────────── vLLM /metrics, ms ─╮",
                "│queue 0 waiting  2 running  kv 25%xxxxxxxx│",
                "│ttft p95 client —  server 80xxxxxxxxxxxxxx│",
                "│xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx│",
                "╰──────────────────────────────────────────╯",
            ])
    }

    @Test func queueAtEachInstantIsTheLatestScrapeBeforeIt() {
        let t0 = Date(timeIntervalSince1970: 1000)
        let history = [
            RuntimeSnapshot.Point(at: t0.addingTimeInterval(1), running: 1, waiting: 2),
            RuntimeSnapshot.Point(at: t0.addingTimeInterval(3), running: 1, waiting: 5),
        ]
        let instants = [0.0, 1, 2, 3, 4].map { t0.addingTimeInterval($0) }
        #expect(RuntimePanel.queue(at: instants, from: history) == [nil, 2, 2, 5, 5])
    }
}
