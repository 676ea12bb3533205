/// The CSV form of a result line (`history --csv`): the JSON line's fields, flat, same names, same order of
/// meaning; server timings are left out (they exist for llama.cpp only and have their own nesting).
extension ResultRecord {
    /// Column names, in order.
    public static let csvColumns = [
        "at", "target", "canary", "category", "ok", "error_class", "error", "http_status", "retries", "ttfb_ms",
        "ttft_ms", "e2e_ms", "tpot_ms", "output_tokens", "input_tokens", "decode_tps", "correct", "answer",
    ]

    public static var csvHeader: String { csvColumns.joined(separator: ",") }

    /// One CSV line (RFC 4180 quoting), columns as in `csvColumns`.
    public var csvLine: String {
        let numbers: [String?] = [
            httpStatus.map { String($0) }, String(retries), ttfbMs.map { String($0) }, ttftMs.map { String($0) },
            e2eMs.map { String($0) }, tpotMs.map { String($0) }, outputTokens.map { String($0) },
            inputTokens.map { String($0) }, decodeTokensPerSecond.map { String($0) },
        ]
        let fields: [String?] =
            [JSONLineEncoder.timestamp(at), target, canary, category, String(ok), errorClass, error] + numbers
            + [correct.map { String($0) }, answer]
        return fields.map { Self.csvField($0 ?? "") }.joined(separator: ",")
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
