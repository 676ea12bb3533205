import QuantWatchDomain

/// The simulated fleet behind `quantwatch demo`: FP16, Q8_0, Q4_K_M and Q4_0 builds of one 8B model on the
/// llama.cpp, OpenAI and Ollama dialects, plus a rate-limited remote API on the Anthropic dialect, all on
/// ephemeral loopback ports, with a scripted incident in the first two minutes.
public struct DemoFleet: Sendable {
    /// The fleet to monitor: targets point at the running servers.
    public let config: FleetConfig
    public let fleet: SimFleet

    /// Starts the servers; `speed` > 1 runs the models faster (tests), `clock` drives the incident timeline.
    public static func start(
        seed: UInt64 = 42, speed: Double = 1, clock: SimClock = .continuous(), interval: Duration = .seconds(2)
    ) async throws -> DemoFleet {
        let fleet = try await SimFleet.start(
            models: models, canaries: DemoSuite.canaries, seed: seed, speed: speed, faults: incident, clock: clock)
        var targets: [TargetConfig] = []
        for plan in targetPlans {
            guard let base = fleet.server(id: plan.modelID)?.baseURL else {
                await fleet.shutdown()
                throw SimServerError(message: "demo server \(plan.modelID) did not start")
            }
            let model = fleet.server(id: plan.modelID)?.engine.model
            targets.append(
                TargetConfig(
                    id: plan.targetID, backend: plan.backend, url: base, model: model?.modelName ?? plan.modelID,
                    quant: model?.profile.label ?? "", baseline: plan.baseline, interval: interval,
                    topLogprobs: plan.topLogprobs, seed: Int(truncatingIfNeeded: seed), suitePaths: [DemoSuite.path],
                    price: plan.price))
        }
        // Rules read each target's thresholds (the loader merges fleet defaults into them), so set them there too.
        let alerts = AlertThresholds(p99Milliseconds: 1000)
        for index in targets.indices { targets[index].alerts = alerts }
        let config = FleetConfig(
            path: DemoSuite.path, targets: targets, suites: [DemoSuite.path: DemoSuite.suite], concurrency: 8,
            alerts: alerts)
        return DemoFleet(config: config, fleet: fleet)
    }

    /// Stops every server.
    public func shutdown() async {
        await fleet.shutdown()
    }

    /// The simulated models (ids are what the incident script names).
    public static let models: [SimModel] = [
        // `/metrics` as each target's runtime would publish it: llama.cpp for the llama.cpp targets, vLLM behind the
        // OpenAI one; Ollama has no such endpoint, and the hosted API publishes none.
        SimModel(id: "fp16", profile: .fp16, metrics: .llamacpp, slots: 4),
        SimModel(id: "q8_0", profile: .q8_0, metrics: .vllm, slots: 8),
        SimModel(id: "q4_k_m", profile: .q4_k_m, metrics: .off),
        SimModel(id: "q4_0", profile: .q4_0, metrics: .llamacpp, slots: 4),
        SimModel(id: "remote", modelName: "sim-claude-lite", profile: remoteProfile, metrics: .off),
    ]

    /// A hosted model: slower to first token, faster to decode, a bit more accurate, no logprobs.
    public static let remoteProfile = QuantProfile(
        name: "remote", label: "API", tokensPerSecond: 90, ttftMedianMilliseconds: 380, ttftSigma: 0.35,
        accuracy: ["general": 0.96, "math": 0.92, "coding": 0.93, "reasoning": 0.9], defaultAccuracy: 0.93,
        targetKLD: 0)

    /// The scripted incident: a p99 regression on Q8_0 (8-80s, so a 20 s demo already shows an alert) with its
    /// runtime's queue flat, a queue on Q4_0's runtime (20-60s: p99 up *with* the queue), a 5xx blip on Q4_K_M
    /// (35-50s), drift on Q4_0 from 45s on (math and reasoning), and a burst of 429s on the remote API (60-95s)
    /// over its background 2%.
    public static let incident = FaultScript(windows: [
        FaultWindow(
            start: .seconds(8), duration: .seconds(72), model: "q8_0",
            fault: .latency(add: .milliseconds(1400), multiply: 1, share: 0.5)),
        FaultWindow(
            start: .seconds(20), duration: .seconds(40), model: "q4_0",
            fault: .queue(depth: 6, wait: .milliseconds(1200))),
        FaultWindow(
            start: .seconds(35), duration: .seconds(15), model: "q4_k_m",
            fault: .errors(share: 0.3, status: 503)),
        FaultWindow(start: .seconds(45), model: "q4_0", fault: .accuracyDrop(category: "math", points: 45)),
        FaultWindow(start: .seconds(45), model: "q4_0", fault: .accuracyDrop(category: "reasoning", points: 30)),
        FaultWindow(model: "remote", fault: .rateLimit(share: 0.02, retryAfter: .seconds(1))),
        FaultWindow(
            start: .seconds(60), duration: .seconds(35), model: "remote",
            fault: .rateLimit(share: 0.6, retryAfter: .seconds(2))),
    ])

    /// How each demo target maps onto a simulated model.
    private struct TargetPlan {
        var targetID: String
        var modelID: String
        var backend: BackendKind
        var baseline: String?
        var topLogprobs: Int
        var price: Price?
    }

    private static let targetPlans: [TargetPlan] = [
        TargetPlan(targetID: "llama8b-f16", modelID: "fp16", backend: .llamacpp, topLogprobs: 5),
        TargetPlan(
            targetID: "llama8b-q8_0", modelID: "q8_0", backend: .openai, baseline: "llama8b-f16",
            topLogprobs: 5),
        TargetPlan(
            targetID: "llama8b-q4_k_m", modelID: "q4_k_m", backend: .ollama, baseline: "llama8b-f16",
            topLogprobs: 0),
        TargetPlan(
            targetID: "llama8b-q4_0", modelID: "q4_0", backend: .llamacpp, baseline: "llama8b-f16",
            topLogprobs: 5),
        TargetPlan(
            targetID: "remote-api", modelID: "remote", backend: .anthropic, topLogprobs: 0,
            price: Price(input: 0.8, output: 4.0)),
    ]
}
