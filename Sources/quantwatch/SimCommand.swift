import ArgumentParser
import Logging
import QuantWatchDomain
import QuantWatchExport
import QuantWatchSimulator
import ServiceLifecycle

/// `quantwatch sim`: serve simulated quantized models in the four dialects, with fault injection.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract:
            "Serve simulated models (OpenAI, llama.cpp, Ollama, Anthropic dialects) with quant profiles and faults.",
        discussion: """
            Each model gets its own port and answers every dialect there. Canaries from --suite (and the built-in \
            demo suite) are recognised by their prompt and answered right or wrong per the profile's accuracy. \
            One-off fault flags apply from the start to every model, or to --fault-model only.
            """
    )

    @Option(help: "Address to bind (loopback by default).")
    var host = "127.0.0.1"

    @Option(help: "First port; model i listens on port+i. 0: ephemeral ports.")
    var port = 0

    @Option(help: "Comma list of profiles (fp16,q8_0,q4_k_m,q4_0; id=profile renames) or a models YAML file.")
    var models = "fp16,q8_0,q4_k_m,q4_0"

    @Option(name: .customLong("suite"), parsing: .upToNextOption, help: "Canary suite YAML files to recognise.")
    var suites: [String] = []

    @Option(help: "Fault timeline YAML (times relative to the simulator's start).")
    var faults: String?

    @Option(help: "Seed: same seed and prompt, same answers and token distributions.")
    var seed: UInt64 = 42

    @Option(help: "Speed factor for the models' own delays (TTFT, decode); injected latency is not scaled.")
    var speed = 1.0

    @Option(help: "Which runtime's /metrics to imitate: llamacpp, vllm, vllm-legacy, or off (a 501).")
    var metrics = SimMetricsNaming.llamacpp.rawValue

    @Option(help: "Requests each model serves at once; more wait in its queue (default: no limit).")
    var slots: Int?

    @OptionGroup(title: "One-off faults") var oneOff: SimFaultFlags

    func validate() throws {
        guard speed > 0 else { throw ValidationError("--speed must be above 0") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
        if let slots, slots < 1 { throw ValidationError("--slots must be at least 1") }
        guard SimMetricsNaming(rawValue: metrics) != nil else {
            let valid = SimMetricsNaming.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--metrics must be one of \(valid)")
        }
    }

    func run() async throws {
        var modelList: [SimModel]
        var canaries = DemoSuite.canaries
        var script = FaultScript()
        do {
            if models.hasSuffix(".yaml") || models.hasSuffix(".yml") {
                modelList = try SimModelSpecParser.load(path: models, basePort: port)
            } else {
                modelList = try SimModelSpecParser.parseList(models, basePort: port)
            }
            modelList = modelList.map { model in
                var model = model
                model.metrics = SimMetricsNaming(rawValue: metrics) ?? .llamacpp
                model.slots = slots
                return model
            }
            for path in suites {
                canaries += try CanarySuiteLoader.load(path: path).canaries
            }
            if let faults {
                script = try FaultScriptLoader.load(path: faults)
            }
            script = script.merged(with: try oneOff.script())
            let served = Set(modelList.map { $0.id.lowercased() })
            if let stray = script.windows.compactMap(\.model).first(where: { !served.contains($0.lowercased()) }) {
                throw ValidationError(
                    "faults name model '\(stray)', which is not served (models: "
                        + modelList.map(\.id).joined(separator: ", ") + ")")
            }
        } catch {
            StandardError.print("quantwatch sim: \(error)")
            throw ExitCode(3)
        }

        let fleet: SimFleet
        do {
            fleet = try await SimFleet.start(
                models: modelList, canaries: canaries, seed: seed, speed: speed, faults: script, host: host)
        } catch {
            StandardError.print("quantwatch sim: \(error)")
            throw ExitCode(1)
        }
        var table = TextTable(
            headers: ["model", "quant", "dialect", "endpoint", "model name"],
            alignments: [.left, .left, .left, .left, .left])
        for endpoint in fleet.endpoints {
            let quant = fleet.server(id: endpoint.modelID)?.engine.model.profile.label ?? ""
            table.append([endpoint.modelID, quant, endpoint.dialect.rawValue, endpoint.generateURL, endpoint.modelName])
        }
        StandardOutput.line(table.render())
        StandardOutput.line(
            "\(canaries.count) canaries recognised, \(script.windows.count) fault windows, "
                + "seed \(seed), speed \(speed). Ctrl-C stops.")

        let logger = Logger(label: "quantwatch.sim")
        let group = ServiceGroup(
            configuration: .init(
                services: [SimFleetService(fleet: fleet)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
    }
}
