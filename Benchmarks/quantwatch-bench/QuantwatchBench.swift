import ArgumentParser

/// Benchmarks of quantwatch; each subcommand prints its figures.
///
/// Run with `swift run -c release quantwatch-bench`.
@main
struct QuantwatchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantwatch-bench",
        abstract: "Measure quantwatch: timing accuracy, aggregator, render, store, simulator, monitor lag.",
        subcommands: [
            AggregatorBenchmark.self, DetectionBenchmark.self, MonitorLagBenchmark.self, RenderBenchmark.self,
            SimBenchmark.self,
            StoreBenchmark.self, TimingBenchmark.self,
        ]
    )
}
