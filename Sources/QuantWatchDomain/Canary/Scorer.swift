/// How a canary's answer is judged right or wrong.
public enum Scorer: Sendable, Equatable {
    /// Equal after normalising case, punctuation and whitespace.
    case exact(String)
    /// Contains any (or all) of the needles, normalised.
    case contains([String], all: Bool)
    /// The pattern's capture group `group` (0: whole match) must equal `expected` (normalised),
    /// or, when `expected` is nil, the pattern must match at all.
    case regex(pattern: String, group: Int, expected: String?)
    /// The first number in the answer is within `tolerance` of `value`.
    case numeric(value: Double, tolerance: Double)
    /// A multiple-choice letter (A, B, ...), found as the first standalone letter.
    case choice(String)
    /// The answer parses as JSON and the value at the dotted `path` equals `expected`.
    case jsonField(path: String, expected: String)
}
