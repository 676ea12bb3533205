import ArgumentParser
import Foundation
import QuantWatchBackends
import QuantWatchExport
import QuantWatchTUI

/// `quantwatch report`: the quantization-loss table of one quantized target against its baseline.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Quantization-loss report: baseline and quantized target side by side, with the verdict."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, json
    }

    @OptionGroup var options: ConfigOptions

    @Option(help: "Id of the baseline target (e.g. the F16 build).")
    var baseline: String

    @Option(help: "Id of the quantized target.")
    var target: String

    @Option(help: "Output format.")
    var format: Format = .md

    @Option(help: "Rounds of every canary on both targets.")
    var rounds = 3

    static let perplexityNote =
        "n/a: the serving APIs score generated tokens only, not given text (for llama.cpp, scripts/real-runtime/check-model.py --ppl teacher-forces one token per request)"

    func run() async throws {
        var config = try options.load()
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
        for id in [baseline, target] where !config.targets.contains(where: { $0.id == id }) {
            StandardError.print(
                "\(config.path): no target '\(id)' (targets: \(config.targets.map(\.id).joined(separator: ", ")))")
            throw ExitStatus.configError
        }
        config.targets = config.targets.filter { $0.id == baseline || $0.id == target }.map { item in
            var item = item
            item.alerts.holdEvaluations = 1
            if item.id == target { item.baseline = baseline } else { item.baseline = nil }
            return item
        }
        let runtime = FleetRuntime(config: config)
        let monitor = MonitorActor(config: config, backends: runtime.backends)
        var snapshot = await monitor.currentSnapshot()
        for _ in 0..<rounds { snapshot = await monitor.runOnce().snapshot }
        var sizes: [String: Int64] = [:]
        for item in config.targets {
            sizes[item.id] = await ModelFileProbe.fileSize(of: item, httpClient: runtime.httpClient)
        }
        await runtime.shutdown()
        guard
            let report = QuantizationReport(
                snapshot: snapshot, baseline: baseline, target: target, rounds: rounds, fileSizes: sizes,
                perplexityNote: Self.perplexityNote, thresholds: config.alerts)
        else { throw ExitStatus.configError }
        switch format {
        case .md: print(report.markdown())
        case .json: StandardOutput.line(JSONLineEncoder().line(report))
        }
        throw ExitStatus.forState(
            report.verdict == .doNotDeploy ? .critical : report.verdict == .caution ? .warning : .ok)
    }
}
