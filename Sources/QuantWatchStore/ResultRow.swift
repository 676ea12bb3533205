import Foundation
import GRDB
import QuantWatchDomain

/// Maps `ProbeResult` and `AlertEvent` to rows of the `results` and `events` tables and back.
enum ResultRow {
    /// Longest stored answer, in characters, after normalisation.
    static let answerLimit = 2_048
    /// Longest stored failure message, in characters.
    static let messageLimit = 1_024

    static let insertResultSQL = """
        INSERT INTO results (target, canary, category, started_at, outcome, error_class, error_message, http_status,
            retries, ttfb_us, ttft_us, e2e_us, tpot_us, elapsed_us, output_tokens, input_tokens, correct, answer,
            server_prompt_ms, server_prompt_tokens, server_predicted_ms, server_predicted_tokens, logprob_set)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let insertLogprobSetSQL = "INSERT INTO logprob_sets (data) VALUES (?)"

    /// Columns of `results` (aliased `r`) read back; the logprobs column is the set's blob, or a v1 row's own,
    /// and the last one the set's id (NULL in a v1 file).
    static func selectResultColumns(withSets: Bool) -> String {
        let logprobs = withSets ? "COALESCE(s.data, r.logprobs)" : "r.logprobs"
        return """
            r.target, r.canary, r.category, r.started_at, r.outcome, r.error_class, r.error_message, r.http_status,
            r.retries, r.ttfb_us, r.ttft_us, r.e2e_us, r.elapsed_us, r.output_tokens, r.input_tokens, r.correct,
            r.answer, \(logprobs), r.server_prompt_ms, r.server_prompt_tokens, r.server_predicted_ms,
            r.server_predicted_tokens, \(withSets ? "r.logprob_set" : "NULL")
            """
    }

    static let insertEventSQL = """
        INSERT INTO events (at, target, rule, from_state, to_state, message) VALUES (?, ?, ?, ?, ?, ?)
        """

    static let selectEventColumns = "at, target, rule, from_state, to_state, message"

    /// Arguments for one result, in `insertResultSQL` order, all but the last, `logprob_set` (known only once its
    /// logprobs row is written).
    static func arguments(for result: ProbeResult) -> StatementArguments {
        var values: [(any DatabaseValueConvertible)?] = [
            result.targetID, result.canaryID, result.category, microseconds(result.startedAt),
        ]
        switch result.outcome {
        case .success(let generation):
            let timings = generation.serverTimings
            values += [
                "ok", nil, nil, nil, generation.retries,
                microseconds(generation.ttfb), microseconds(generation.ttft), microseconds(generation.e2e),
                generation.tpot.map(microseconds), nil,
                generation.outputTokens, generation.inputTokens, result.correct,
                boundedAnswer(generation.text),
                timings?.promptMilliseconds, timings?.promptTokens, timings?.predictedMilliseconds,
                timings?.predictedTokens,
            ]
        case .failure(let failure):
            values += [
                "error", failure.errorClass.rawValue, String(failure.message.prefix(messageLimit)), failure.httpStatus,
                failure.retries, nil, nil, nil, nil, failure.elapsed.map(microseconds),
                nil, nil, result.correct, nil, nil, nil, nil, nil,
            ]
        }
        return StatementArguments(values)
    }

    /// Rebuilds a result from a row selected with `selectResultColumns(withSets:)`. `decoded` holds the logprobs
    /// of the sets read so far: rows sharing a set decode it once and share the array.
    static func result(from row: Row, decoded: inout [Int64: [TokenLogprob]]) throws -> ProbeResult {
        let outcome: Result<Generation, ProbeFailure>
        let retries: Int = row[8]
        if (row[4] as String) == "ok" {
            var logprobs: [TokenLogprob] = []
            let set = row[22] as Int64?
            if let set, let known = decoded[set] {
                logprobs = known
            } else if let blob = row[17] as Data? {
                logprobs = try LogprobCodec.decode(blob)
                if let set { decoded[set] = logprobs }
            }
            let timings = serverTimings(
                prompt: row[18], promptTokens: row[19], predicted: row[20],
                predictedTokens: row[21])
            outcome = .success(
                Generation(
                    text: row[16] ?? "", ttfb: duration(row[9]), ttft: duration(row[10]), e2e: duration(row[11]),
                    outputTokens: row[13] ?? 0, inputTokens: row[14], logprobs: logprobs, serverTimings: timings,
                    retries: retries
                )
            )
        } else {
            let errorClass = ErrorClass(rawValue: row[5] ?? "") ?? .protocol
            let elapsed: Int64? = row[12]
            outcome = .failure(
                ProbeFailure(
                    errorClass, row[6] ?? "", httpStatus: row[7], retries: retries,
                    elapsed: elapsed.map { .microseconds($0) }
                )
            )
        }
        return ProbeResult(
            targetID: row[0], canaryID: row[1], category: row[2], startedAt: date(row[3]), outcome: outcome,
            correct: row[15]
        )
    }

    /// Statement arguments for one alert event, in `insertEventSQL` order.
    static func arguments(for event: AlertEvent) -> StatementArguments {
        [microseconds(event.at), event.targetID, event.rule, event.from.name, event.to.name, event.message]
    }

    /// Rebuilds an alert event from a row selected with `selectEventColumns`.
    static func event(from row: Row) -> AlertEvent {
        AlertEvent(
            at: date(row[0]), targetID: row[1], rule: row[2], from: state(named: row[3]), to: state(named: row[4]),
            message: row[5]
        )
    }

    // MARK: - Conversions

    /// Normalised (as the agreement maths compares answers) and bounded, so a runaway generation cannot bloat rows.
    static func boundedAnswer(_ text: String) -> String {
        let normalized = AnswerNormalizer.normalize(text)
        guard normalized.count > answerLimit else { return normalized }
        var cut = String(normalized.prefix(answerLimit))
        while cut.last == " " { cut.removeLast() }
        return cut
    }

    static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    static func date(_ microseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1_000_000 + Int64((Double(parts.attoseconds) / 1e12).rounded())
    }

    static func duration(_ microseconds: Int64?) -> Duration {
        .microseconds(microseconds ?? 0)
    }

    private static func serverTimings(
        prompt: Double?, promptTokens: Int?, predicted: Double?, predictedTokens: Int?
    ) -> ServerTimings? {
        guard prompt != nil || promptTokens != nil || predicted != nil || predictedTokens != nil else { return nil }
        return ServerTimings(
            promptMilliseconds: prompt, promptTokens: promptTokens, predictedMilliseconds: predicted,
            predictedTokens: predictedTokens
        )
    }

    private static func state(named name: String) -> AlertState {
        AlertState.allCases.first { $0.name == name } ?? .unknown
    }
}
