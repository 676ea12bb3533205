import Foundation

/// Judging an answer with a scorer.
extension Scorer {
    /// Whether `answer` is right. A reasoning model's `<think>...</think>` block is ignored first.
    public func accepts(_ answer: String) -> Bool {
        let answer = ReasoningStripper.strip(answer)
        switch self {
        case .exact(let expected):
            let normalized = AnswerNormalizer.normalize(expected)
            return !normalized.isEmpty && AnswerNormalizer.normalize(answer) == normalized
        case .contains(let needles, let all):
            let haystack = " " + AnswerNormalizer.normalize(answer) + " "
            // Padded with spaces so "paris" is found as a word, never inside "comparison".
            let found = needles.map { needle in
                let normalized = AnswerNormalizer.normalize(needle)
                return !normalized.isEmpty && haystack.contains(" " + normalized + " ")
            }
            return all ? found.allSatisfy { $0 } : found.contains(true)
        case .regex(let pattern, let group, let expected):
            return Self.regexAccepts(answer, pattern: pattern, group: group, expected: expected)
        case .numeric(let value, let tolerance):
            guard let found = AnswerNumber.first(in: answer) else { return false }
            // A hair of slack for decimal text that has no exact binary double.
            return abs(found - value) <= tolerance + 1e-9 * max(1, abs(value))
        case .choice(let letter):
            guard let found = AnswerChoice.letter(in: answer) else { return false }
            return String(found) == letter.uppercased()
        case .jsonField(let path, let expected):
            guard let value = JSONAnswer.value(at: path, in: answer) else { return false }
            return JSONAnswer.matches(value, expected: expected)
        }
    }

    /// The first match's capture `group` equals `expected` (normalised), or any match when `expected` is nil.
    private static func regexAccepts(_ answer: String, pattern: String, group: Int, expected: String?) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern), group <= regex.numberOfCaptureGroups else {
            return false
        }
        let whole = NSRange(answer.startIndex..., in: answer)
        guard let match = regex.firstMatch(in: answer, range: whole) else { return false }
        guard let expected else { return true }
        guard let range = Range(match.range(at: group), in: answer) else { return false }
        return AnswerNormalizer.normalize(String(answer[range])) == AnswerNormalizer.normalize(expected)
    }
}
