import Foundation
import QuantWatchDomain

/// One probe result as a JSON line (`"type": "result"`). Holds no prompt and no secret.
public struct ResultRecord: Codable, Sendable, Equatable {
    public var type = "result"
    public var at: Date
    public var target: String
    public var canary: String
    public var category: String
    public var ok: Bool
    public var correct: Bool?
    public var answer: String?
    public var ttfbMs: Double?
    public var ttftMs: Double?
    public var e2eMs: Double?
    public var tpotMs: Double?
    public var outputTokens: Int?
    public var inputTokens: Int?
    public var decodeTokensPerSecond: Double?
    public var retries: Int
    public var errorClass: String?
    public var httpStatus: Int?
    public var error: String?
    public var serverTimings: ServerTimings?

    enum CodingKeys: String, CodingKey {
        case type, at, target, canary, category, ok, correct, answer, retries, error
        case ttfbMs = "ttfb_ms"
        case ttftMs = "ttft_ms"
        case e2eMs = "e2e_ms"
        case tpotMs = "tpot_ms"
        case outputTokens = "output_tokens"
        case inputTokens = "input_tokens"
        case decodeTokensPerSecond = "decode_tps"
        case errorClass = "error_class"
        case httpStatus = "http_status"
        case serverTimings = "server_timings"
    }

    public init(_ result: ProbeResult) {
        at = result.startedAt
        target = result.targetID
        canary = result.canaryID
        category = result.category
        correct = result.correct
        retries = result.retries
        switch result.outcome {
        case .success(let generation):
            ok = true
            answer = generation.text
            ttfbMs = Self.microsecondPrecision(generation.ttfb.milliseconds)
            ttftMs = Self.microsecondPrecision(generation.ttft.milliseconds)
            e2eMs = Self.microsecondPrecision(generation.e2e.milliseconds)
            tpotMs = generation.tpot.map { Self.microsecondPrecision($0.milliseconds) }
            outputTokens = generation.outputTokens
            inputTokens = generation.inputTokens
            decodeTokensPerSecond = generation.decodeTokensPerSecond.finiteOrNil
            serverTimings = generation.serverTimings
        case .failure(let failure):
            ok = false
            errorClass = failure.errorClass.rawValue
            httpStatus = failure.httpStatus
            error = failure.message
        }
    }
}

extension ResultRecord {
    /// Milliseconds to three decimals: the clock resolves nanoseconds, but digits below a microsecond are noise
    /// that makes every line longer ("88.54512700000001").
    static func microsecondPrecision(_ milliseconds: Double) -> Double { (milliseconds * 1000).rounded() / 1000 }
}

extension Optional where Wrapped == Double {
    /// nil for nil, NaN and infinities, so JSON never carries a non-number.
    var finiteOrNil: Double? {
        guard let value = self, value.isFinite else { return nil }
        return value
    }
}

extension Double {
    var finiteOrNil: Double? { isFinite ? self : nil }
}
