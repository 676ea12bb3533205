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
        let fields: [String?] = [
            JSONLineEncoder.timestamp(at), target, canary, category, String(ok), errorClass, error,
            httpStatus.map(String.init), String(retries), ttfbMs.map(String.init), ttftMs.map(String.init),
            e2eMs.map(String.init), tpotMs.map(String.init), outputTokens.map(String.init),
            inputTokens.map(String.init), decodeTokensPerSecond.map(String.init), correct.map(String.init), answer,
        ]
        return fields.map { Self.csvField($0 ?? "") }.joined(separator: ",")
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
