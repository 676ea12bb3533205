import ArgumentParser
import Foundation
import QuantWatchBackends
import QuantWatchDomain
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

    @Option(help: "Id of the baseline target (e.g. the F16 build), or a recorded baseline file (baseline record).")
    var baseline: String

    @Option(help: "Id of the quantized target.")
    var target: String

    @Option(help: "Output format.")
    var format: Format = .md

    @Option(help: "Rounds of every canary on both targets.")
    var rounds = 3

    @Option(
        name: .customLong("llama-perplexity"),
        help: "llama.cpp's llama-perplexity binary (default: beside the llama-server that serves the model, or PATH).")
    var llamaPerplexity: String?

    @OptionGroup var mlflow: MLflowOptions

    func run() async throws {
        var config = try options.load()
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
        let recorded = try recordedBaseline(config)
        let ids = recorded == nil ? [baseline, target] : [target]
        for id in ids where !config.targets.contains(where: { $0.id == id }) {
            StandardError.print(
                "\(config.path): no target '\(id)' (targets: \(config.targets.map(\.id).joined(separator: ", ")))")
            throw ExitStatus.configError
        }
        let baselineID = recorded?.baselineID ?? baseline
        config.targets = config.targets.filter { ids.contains($0.id) }.map { item in
            var item = item
            item.alerts.holdEvaluations = 1
            if item.id == target {
                item.recordedBaseline = recorded
                item.baseline = baselineID
            } else {
                item.baseline = nil
                item.recordedBaseline = nil
            }
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
        if let recorded, let path = recorded.file.server.modelPath,
            let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
        {
            sizes[baselineID] = size.int64Value
        }
        let perplexity = await measurePerplexity(config: config, recorded: recorded, runtime: runtime)
        await runtime.shutdown()
        guard
            let report = QuantizationReport(
                snapshot: snapshot, baseline: baselineID, target: target, rounds: rounds, fileSizes: sizes,
                perplexity: perplexity, thresholds: config.alerts,
                baselineQuant: recorded.map { $0.file.source.quant })
        else { throw ExitStatus.configError }
        switch format {
        case .md: print(report.markdown())
        case .json: StandardOutput.line(JSONLineEncoder().line(report))
        }
        if let url = mlflow.url {
            await mlflow.log(report, config: config, url: url)
        }
        throw ExitStatus.forState(
            report.verdict == .doNotDeploy ? .critical : report.verdict == .caution ? .warning : .ok)
    }

    /// `--baseline FILE`: a recording, when no target has that id and the file exists.
    private func recordedBaseline(_ config: FleetConfig) throws -> RecordedBaseline? {
        guard !config.targets.contains(where: { $0.id == baseline }),
            FileManager.default.fileExists(atPath: baseline)
        else { return nil }
        do {
            return try RecordedBaseline.load(path: baseline)
        } catch {
            StandardError.print("--baseline: \(error.description)")
            throw ExitStatus.configError
        }
    }

    private func measurePerplexity(
        config: FleetConfig, recorded: RecordedBaseline?, runtime: FleetRuntime
    ) async -> ReportPerplexity {
        guard let quantized = config.targets.first(where: { $0.id == target }) else {
            return ReportPerplexity(unavailable: "n/a: no target")
        }
        let texts = quantized.suitePaths.flatMap { config.suites[$0]?.perplexityTexts ?? [] }
        guard !texts.isEmpty else {
            return ReportPerplexity(
                unavailable: "n/a: the suites list no reference texts (add a 'perplexity:' list to a suite)")
        }
        let environment = ProcessInfo.processInfo.environment
        let targetFigure = await PerplexityProbe.measure(
            quantized, texts: texts, httpClient: runtime.httpClient, environment: environment,
            llamaPerplexity: llamaPerplexity)
        let baselineFigure: PerplexityMeasurement
        if let recorded {
            baselineFigure = await recordedPerplexity(recorded, texts: texts, beside: quantized, runtime: runtime)
        } else if let live = config.targets.first(where: { $0.id == baseline }) {
            baselineFigure = await PerplexityProbe.measure(
                live, texts: texts, httpClient: runtime.httpClient, environment: environment,
                llamaPerplexity: llamaPerplexity)
        } else {
            baselineFigure = .unavailable("n/a: no baseline target")
        }
        return ReportPerplexity(baseline: baselineFigure, target: targetFigure)
    }

    /// A recording has answers, not a server: its model file, where it is readable here, goes through
    /// llama-perplexity (the one beside the quantized target's llama-server, or `--llama-perplexity`).
    private func recordedPerplexity(
        _ recorded: RecordedBaseline, texts: [ReferenceText], beside quantized: TargetConfig, runtime: FleetRuntime
    ) async -> PerplexityMeasurement {
        guard let model = recorded.file.server.modelPath, FileManager.default.isReadableFile(atPath: model) else {
            return .unavailable("n/a: the recording names no model file readable here")
        }
        var binary = LlamaPerplexityLocator.locate(explicit: llamaPerplexity, modelPath: model)
        if binary == nil, quantized.backend == .llamacpp {
            let identity = await ServerIdentityProbe.identify(
                quantized, httpClient: runtime.httpClient, environment: ProcessInfo.processInfo.environment)
            if let path = identity.modelPath {
                binary = LlamaPerplexityLocator.locate(explicit: llamaPerplexity, modelPath: path)
            }
        }
        guard let binary else { return .unavailable("n/a: llama-perplexity not found (give --llama-perplexity BIN)") }
        return await LlamaPerplexityRunner.measure(binary: binary, model: model, texts: texts)
    }
}
