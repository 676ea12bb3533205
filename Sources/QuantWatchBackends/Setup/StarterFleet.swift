/// The fleet file `quantwatch init` writes: the models found on loopback as targets, quantized builds paired with
/// their full-precision build, or, when nothing answered, a fleet on `quantwatch sim` and commented examples.
public struct StarterFleet: Sendable {
    public var probes: [RuntimeProbe]
    /// The suite file, as the fleet file names it (relative to the fleet file).
    public var suitePath: String
    /// Where the no-runtime fleet expects `quantwatch sim --port`.
    public var simulatorPort: Int

    public init(probes: [RuntimeProbe], suitePath: String, simulatorPort: Int = 18400) {
        self.probes = probes
        self.suitePath = suitePath
        self.simulatorPort = simulatorPort
    }

    /// The models every answering runtime listed, in probe order.
    public var models: [DiscoveredModel] { probes.flatMap { $0.models ?? [] } }

    /// The targets written (the simulator's when no runtime listed a model).
    public var targets: [StarterTarget] {
        let found = StarterTarget.plan(models)
        return found.isEmpty ? simulatorTargets : found
    }

    /// The fleet file's text.
    public func yaml() -> String {
        var text = "# quantwatch fleet file, written by `quantwatch init`.\n"
        for probe in probes {
            let place = "\(probe.runtime.displayName) on 127.0.0.1:\(probe.port)"
            switch probe.models?.count {
            case nil: text += "#   \(place): nothing answered\n"
            case 0?: text += "#   \(place): answered, no models listed\n"
            case let count?: text += "#   \(place): \(count) model\(count == 1 ? "" : "s")\n"
            }
        }
        let found = !models.isEmpty
        if found {
            text += """
                # Next: `quantwatch check` (reaches every target), then `quantwatch run`. Both find ./quantwatch.yaml
                # by themselves. Every setting below can also be given per target; see the README's "Fleet file".

                """
        } else {
            text += """
                # No runtime listed a model, so this fleet watches the simulator until you add yours. Start it with
                #   quantwatch sim --port \(simulatorPort) --models fp16,q4_k_m
                # then `quantwatch run`. Examples for each runtime are at the end of this file.

                """
        }
        text += """

            interval: 15s                # each target is probed this often (jittered)
            timeout: 30s                 # deadline for a whole request
            concurrency: 4               # probes in flight across the fleet
            suite: \(YAMLText.quoted(suitePath))  # the canary prompts and their scorers (edit freely)
            top_logprobs: 5              # token logprobs for drift and KL divergence, where the runtime gives them
            alerts:
              p99_ms: 4000               # local CPU inference is slow; tighten for GPUs
              error_rate: 0.01
              accuracy_drop_points: {warning: 2, critical: 5}
            targets:

            """
        for target in targets { text += entry(target) }
        text += Self.examples
        return text
    }

    private func entry(_ target: StarterTarget) -> String {
        var text = "  - id: \(target.id)\n"
        text += "    backend: \(target.model.runtime.backend.rawValue)\n"
        text += "    url: \(target.model.url)\n"
        text += "    model: \(YAMLText.quoted(target.model.name))\n"
        if let quant = target.quant { text += "    quant: \(YAMLText.quoted(quant))\n" }
        if let baseline = target.baseline {
            text += "    baseline: \(baseline)    # same model at full precision: accuracy delta, agreement, drift\n"
        } else if let quant = target.quant, !ModelQuantName.fullPrecision.contains(quant) {
            text += "    # baseline: ID-OF-ITS-F16-BUILD   # no F16/BF16 build of this model found by name\n"
        }
        return text
    }

    private var simulatorTargets: [StarterTarget] {
        let url = "http://127.0.0.1:"
        return [
            StarterTarget(
                id: "sim-fp16",
                model: DiscoveredModel(
                    runtime: .llamacpp, url: url + "\(simulatorPort)", name: "sim-llama-3.1-8b:fp16"),
                quant: "F16", baseline: nil),
            StarterTarget(
                id: "sim-q4_k_m",
                model: DiscoveredModel(
                    runtime: .llamacpp, url: url + "\(simulatorPort + 1)", name: "sim-llama-3.1-8b:q4_k_m"),
                quant: "Q4_K_M", baseline: "sim-fp16"),
        ]
    }

    /// Commented targets for every runtime, so a new user edits instead of looking keys up.
    static let examples = """

        # Examples: uncomment, edit, and run `quantwatch check`.
        #  - id: llama3-f16
        #    backend: llamacpp                # llama-server -m llama-3.1-8b-instruct-f16.gguf --port 8080
        #    url: http://127.0.0.1:8080
        #    quant: F16
        #  - id: llama3-q4_k_m
        #    backend: llamacpp                # llama-server -m llama-3.1-8b-instruct-Q4_K_M.gguf --port 8081
        #    url: http://127.0.0.1:8081
        #    quant: Q4_K_M
        #    baseline: llama3-f16             # compared against the F16 build, canary by canary
        #  - id: qwen-q4_k_m
        #    backend: ollama                  # one Ollama serves many models: name one per target
        #    url: http://127.0.0.1:11434
        #    model: "qwen2.5:7b-instruct-q4_K_M"
        #  - id: qwen-awq
        #    backend: openai                  # vLLM serves the OpenAI API
        #    url: http://127.0.0.1:8000/v1
        #    model: "Qwen/Qwen2.5-7B-Instruct-AWQ"
        #  - id: remote
        #    backend: openai                  # or anthropic
        #    url: https://api.example.com/v1
        #    model: some-model
        #    api_key_env: EXAMPLE_API_KEY     # keys only ever come from the environment
        #    price_per_mtok: {input: 0.15, output: 0.60}

        """
}
