import QuantWatchDomain

/// The fixed traits of one target of the fixture fleet; FixtureFleet animates them over time.
struct FixtureTarget: Sendable {
    var id: String
    var backend: BackendKind
    var model: String
    var quant: String
    var baseline: String?
    /// Typical E2E p95 in ms.
    var latency: Double
    var decodeSpeed: Double
    var accuracy: Double
    /// Accuracy difference to the baseline in points, per category (general, math, coding, reasoning).
    var categoryDeltas: [Double]
    var agreement: Double?
    var top1: Double?
    var kld: Double?
    var price: Price?
    /// Whether the scripted latency incident hits this target.
    var incident: Bool

    static let base: [FixtureTarget] = [
        FixtureTarget(
            id: "llama3-fp16", backend: .llamacpp, model: "llama-3.1-8b", quant: "F16", baseline: nil,
            latency: 820, decodeSpeed: 38, accuracy: 0.92, categoryDeltas: [0, 0, 0, 0], agreement: nil, top1: nil,
            kld: nil, price: nil, incident: false),
        FixtureTarget(
            id: "llama3-q8", backend: .llamacpp, model: "llama-3.1-8b", quant: "Q8_0",
            baseline: "llama3-fp16", latency: 640, decodeSpeed: 55, accuracy: 0.915,
            categoryDeltas: [0, -1.2, 0.4, -0.5], agreement: 0.97, top1: 0.977, kld: 0.0014, price: nil,
            incident: false),
        FixtureTarget(
            id: "llama3-q4km", backend: .llamacpp, model: "llama-3.1-8b", quant: "Q4_K_M",
            baseline: "llama3-fp16", latency: 470, decodeSpeed: 78, accuracy: 0.89,
            categoryDeltas: [-1.5, -5.5, -2.0, -3.0], agreement: 0.90, top1: 0.919, kld: 0.031, price: nil,
            incident: false),
        FixtureTarget(
            id: "llama3-q4_0", backend: .llamacpp, model: "llama-3.1-8b", quant: "Q4_0",
            baseline: "llama3-fp16", latency: 430, decodeSpeed: 85, accuracy: 0.85,
            categoryDeltas: [-4.0, -11.0, -6.5, -6.5], agreement: 0.84, top1: 0.88, kld: 0.072, price: nil,
            incident: false),
        FixtureTarget(
            id: "qwen-ollama", backend: .ollama, model: "qwen2.5-7b", quant: "Q4_K_M", baseline: nil,
            latency: 560, decodeSpeed: 70, accuracy: 0.88, categoryDeltas: [0, 0, 0, 0], agreement: nil, top1: nil,
            kld: nil, price: nil, incident: true),
        FixtureTarget(
            id: "remote-api", backend: .openai, model: "gpt-4o-mini", quant: "api", baseline: nil,
            latency: 1150, decodeSpeed: 120, accuracy: 0.95, categoryDeltas: [0, 0, 0, 0], agreement: nil,
            top1: nil, kld: nil, price: Price(input: 0.15, output: 0.60), incident: false),
    ]
}
