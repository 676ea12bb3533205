/// One canary's latest answer of a target beside its baseline's latest answer to the same canary.
///
/// Kept per canary and recomputed only when either side answers that canary again, so the token drift of a
/// pair (a KL sum over its tokens) is computed once per new answer, not once per snapshot.
struct CanaryPair: Sendable, Equatable {
    var category: String
    var agree: Bool
    var targetCorrect: Bool?
    var baselineCorrect: Bool?
    /// Nil unless both answers came with logprobs.
    var drift: TokenDrift?

    /// The pair of two latest answers; nil unless both sides have one.
    init?(target: AnswerBook.Entry?, baseline: AnswerBook.Entry?) {
        guard let target, let answer = target.latest, let reference = baseline?.latest else { return nil }
        category = target.category
        agree = answer.normalized == reference.normalized
        targetCorrect = answer.correct
        baselineCorrect = reference.correct
        drift =
            answer.logprobs.isEmpty || reference.logprobs.isEmpty
            ? nil : TokenDrift.compare(baseline: reference.logprobs, quant: answer.logprobs)
    }
}
