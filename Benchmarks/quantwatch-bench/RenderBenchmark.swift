import ArgumentParser
import Foundation
import QuantWatchTUI
import QuantWatchTestSupport

/// Render + diff time per frame and bytes a steady-state frame costs, at 10, 100 and 500 targets.
struct RenderBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Time render+diff per frame and count the bytes a steady-state frame writes."
    )

    @Option(help: "Fleet sizes to measure, comma-separated.")
    var targets: String = "10,100,500"

    @Option(help: "Frames measured per fleet size.")
    var frames: Int = 200

    @Option(help: "Screen width.")
    var width: Int = 160

    @Option(help: "Screen height.")
    var height: Int = 48

    func run() throws {
        let size = Size(width: width, height: height)
        let counts = targets.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        print("render benchmark at \(size), \(frames) frames per fleet (one fixture tick per frame)")
        print("targets  render+diff p50   p95      max      bytes/frame  cells/frame  full-frame bytes")
        for count in counts {
            let result = measure(targets: count, size: size)
            print(
                String(
                    format: "%7d  %9.3f ms %8.3f ms %8.3f ms %10.0f %12.0f %14d", count, result.p50, result.p95,
                    result.max, result.bytes, result.cells, result.fullBytes))
        }
    }

    private struct Result {
        var p50: Double
        var p95: Double
        var max: Double
        var bytes: Double
        var cells: Double
        var fullBytes: Int
    }

    private func measure(targets: Int, size: Size) -> Result {
        let fleet = FixtureFleet(targetCount: targets)
        let theme = Theme.standard.resolved(depth: .ansi256)
        // Snapshots are made beforehand: the aggregator's cost is not the screen's.
        let snapshots = (0..<frames + 1).map { fleet.snapshot(tick: 200 + $0) }
        var ui = UIState(screenSize: size)
        ui.observe(snapshots[0])
        let planner = PaintPlanner()
        let encoder = AnsiEncoder()
        var previous = render(snapshots[0], ui, size: size, theme: theme)
        let fullBytes = encoder.byteCount(planner.plan(previous.diff(from: ScreenBuffer(size: .zero))))
        var times: [Double] = []
        var bytes = 0
        var cells = 0
        let clock = ContinuousClock()
        for snapshot in snapshots.dropFirst() {
            ui.observe(snapshot)
            var changes: [CellChange] = []
            var next = previous
            let elapsed = clock.measure {
                next = render(snapshot, ui, size: size, theme: theme)
                changes = next.diff(from: previous)
            }
            times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
            bytes += encoder.byteCount(planner.plan(changes))
            cells += changes.count
            previous = next
        }
        times.sort()
        let percentile = { (share: Double) in times[min(times.count - 1, Int(Double(times.count) * share))] }
        return Result(
            p50: percentile(0.5), p95: percentile(0.95), max: times.last ?? 0,
            bytes: Double(bytes) / Double(frames), cells: Double(cells) / Double(frames), fullBytes: fullBytes)
    }
}
