import Foundation

/// A flat, stable JSON/CSV view of one `ProbeResult` (milliseconds, ISO-8601 UTC time), for `history --json|--csv`
/// and any JSON-lines output. Logprobs are left out: they are bulky and meaningful only to the drift maths.
public struct ProbeResultRecord: Sendable, Equatable, Codable {
    public var target: String
    public var canary: String
    public var category: String
    public var startedAt: String
    public var outcome: String
    public var errorClass: String?
    public var errorMessage: String?
    public var httpStatus: Int?
    public var retries: Int
    public var ttfbMs: Double?
    public var ttftMs: Double?
    public var e2eMs: Double?
    public var tpotMs: Double?
    public var outputTokens: Int?
    public var inputTokens: Int?
    public var correct: Bool?
    public var answer: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case target, canary, category
        case startedAt = "started_at"
        case outcome
        case errorClass = "error_class"
        case errorMessage = "error_message"
        case httpStatus = "http_status"
        case retries
        case ttfbMs = "ttfb_ms"
        case ttftMs = "ttft_ms"
        case e2eMs = "e2e_ms"
        case tpotMs = "tpot_ms"
        case outputTokens = "output_tokens"
        case inputTokens = "input_tokens"
        case correct, answer
    }

    public init(_ result: ProbeResult) {
        target = result.targetID
        canary = result.canaryID
        category = result.category
        startedAt = Self.timestamp(result.startedAt)
        retries = result.retries
        correct = result.correct
        switch result.outcome {
        case .success(let generation):
            outcome = "ok"
            ttfbMs = Self.rounded(generation.ttfb.milliseconds)
            ttftMs = Self.rounded(generation.ttft.milliseconds)
            e2eMs = Self.rounded(generation.e2e.milliseconds)
            tpotMs = generation.tpot.map { Self.rounded($0.milliseconds) }
            outputTokens = generation.outputTokens
            inputTokens = generation.inputTokens
            answer = generation.text
        case .failure(let failure):
            outcome = "error"
            errorClass = failure.errorClass.rawValue
            errorMessage = failure.message
            httpStatus = failure.httpStatus
        }
    }

    /// Column names of the CSV form, in order.
    public static var csvHeader: String { CodingKeys.allCases.map(\.rawValue).joined(separator: ",") }

    /// One CSV line (RFC 4180 quoting), columns as in `csvHeader`.
    public var csvLine: String {
        let fields: [String?] = [
            target, canary, category, startedAt, outcome, errorClass, errorMessage, httpStatus.map(String.init),
            String(retries), ttfbMs.map(Self.number), ttftMs.map(Self.number), e2eMs.map(Self.number),
            tpotMs.map(Self.number), outputTokens.map(String.init), inputTokens.map(String.init),
            correct.map { $0 ? "true" : "false" }, answer,
        ]
        return fields.map { Self.csvField($0 ?? "") }.joined(separator: ",")
    }

    /// One compact JSON object (no trailing newline), keys sorted.
    public func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    private static func rounded(_ milliseconds: Double) -> Double { (milliseconds * 1000).rounded() / 1000 }

    private static func number(_ value: Double) -> String { String(value) }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
