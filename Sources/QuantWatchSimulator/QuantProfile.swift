import Foundation

/// How one quantization of a model behaves: speed, latency spread, accuracy and token-level drift.
///
/// Presets model an 8B model on one GPU (llama.cpp figures): FP16 42 tok/s, Q8_0 78, Q4_K_M 115, Q4_0 125, and
/// the KL divergence from FP16 that llama.cpp's perplexity tool reports for LLaMA-3-8B.
public struct QuantProfile: Sendable, Equatable {
    /// Short name used on the command line and in fault scripts: fp16, q8_0, q4_k_m, q4_0 or a custom name.
    public var name: String
    /// Label shown on screen: F16, Q8_0, Q4_K_M, Q4_0.
    public var label: String
    /// Decode speed at `speed` 1.
    public var tokensPerSecond: Double
    /// Median time to first token at `speed` 1, in milliseconds.
    public var ttftMedianMilliseconds: Double
    /// Sigma of the log-normal TTFT distribution (0.25: p99 about 1.8x the median).
    public var ttftSigma: Double
    /// Sigma of the log-normal per-token jitter.
    public var tokenJitterSigma: Double
    /// Probability (0...1) of answering a canary right, per category; `defaultAccuracy` for others.
    public var accuracy: [String: Double]
    public var defaultAccuracy: Double
    /// Mean KL divergence per token from the FP16 distribution (0 for FP16 itself).
    public var targetKLD: Double

    public init(
        name: String, label: String, tokensPerSecond: Double, ttftMedianMilliseconds: Double,
        ttftSigma: Double = 0.25, tokenJitterSigma: Double = 0.12, accuracy: [String: Double],
        defaultAccuracy: Double, targetKLD: Double
    ) {
        self.name = name
        self.label = label
        self.tokensPerSecond = tokensPerSecond
        self.ttftMedianMilliseconds = ttftMedianMilliseconds
        self.ttftSigma = ttftSigma
        self.tokenJitterSigma = tokenJitterSigma
        self.accuracy = accuracy
        self.defaultAccuracy = defaultAccuracy
        self.targetKLD = targetKLD
    }

    /// Probability of a right answer for a canary of `category`.
    public func accuracy(for category: String) -> Double {
        accuracy[category] ?? defaultAccuracy
    }

    public static let fp16 = QuantProfile(
        name: "fp16", label: "F16", tokensPerSecond: 42, ttftMedianMilliseconds: 120,
        accuracy: ["general": 0.93, "math": 0.86, "coding": 0.88, "reasoning": 0.83], defaultAccuracy: 0.88,
        targetKLD: 0
    )

    public static let q8_0 = QuantProfile(
        name: "q8_0", label: "Q8_0", tokensPerSecond: 78, ttftMedianMilliseconds: 95,
        accuracy: ["general": 0.93, "math": 0.855, "coding": 0.875, "reasoning": 0.825], defaultAccuracy: 0.875,
        targetKLD: 0.0014
    )

    public static let q4_k_m = QuantProfile(
        name: "q4_k_m", label: "Q4_K_M", tokensPerSecond: 115, ttftMedianMilliseconds: 85,
        accuracy: ["general": 0.92, "math": 0.83, "coding": 0.86, "reasoning": 0.80], defaultAccuracy: 0.86,
        targetKLD: 0.031
    )

    public static let q4_0 = QuantProfile(
        name: "q4_0", label: "Q4_0", tokensPerSecond: 125, ttftMedianMilliseconds: 80,
        accuracy: ["general": 0.90, "math": 0.78, "coding": 0.83, "reasoning": 0.76], defaultAccuracy: 0.83,
        targetKLD: 0.072
    )

    /// The built-in presets, coarsest last.
    public static let presets: [QuantProfile] = [.fp16, .q8_0, .q4_k_m, .q4_0]

    /// The preset called `name` (case-insensitive; `f16`, `q4km` and `q4_k_m` all work), or nil.
    public static func preset(named name: String) -> QuantProfile? {
        let key = name.lowercased().replacingOccurrences(of: "-", with: "_")
        switch key {
        case "fp16", "f16": return .fp16
        case "q8_0", "q8": return .q8_0
        case "q4_k_m", "q4km": return .q4_k_m
        case "q4_0": return .q4_0
        default: return nil
        }
    }
}
