import Foundation
import QuantWatchDomain

/// Derives the text a simulated model answers: the canary's expected answer from its scorer, a plausible wrong
/// one, or a deterministic generic reply to a prompt it does not know.
public enum AnswerSynthesizer {
    /// The answer the scorer accepts.
    public static func rightAnswer(for scorer: Scorer) -> String {
        switch scorer {
        case .exact(let text):
            return text
        case .contains(let needles, let all):
            guard let first = needles.first else { return "" }
            return all ? needles.joined(separator: ", ") : first
        case .numeric(let value, _):
            return format(value)
        case .choice(let letter):
            return letter
        case .regex(let pattern, let group, let expected):
            return regexAnswer(pattern: pattern, group: group, expected: expected)
        case .jsonField(let path, let expected):
            return jsonObject(path: path, value: expected)
        }
    }

    /// A plausible answer the scorer rejects; `salt` varies which wrong answer is picked.
    public static func wrongAnswer(for scorer: Scorer, salt: UInt64) -> String {
        var rng = SplitMix64(seed: salt)
        switch scorer {
        case .exact(let text):
            if let number = Double(text.trimmingCharacters(in: .whitespaces)) {
                return format(number + Double(1 + Int(rng.next() % 9)))
            }
            return wrongWords[Int(rng.next() % UInt64(wrongWords.count))] + " " + text.lowercased()
        case .contains:
            return hedges[Int(rng.next() % UInt64(hedges.count))]
        case .numeric(let value, let tolerance):
            let offset = max(tolerance * 2 + 1, abs(value) * 0.1 + 1)
            let signed = rng.next() % 2 == 0 ? offset : -offset
            return format((value + signed).rounded())
        case .choice(let letter):
            let letters: [String] = ["A", "B", "C", "D"]
            let others = letters.filter { $0 != letter.uppercased() }
            return others[Int(rng.next() % UInt64(others.count))]
        case .regex(_, _, let expected):
            guard let expected else { return hedges[0] }
            if let number = Double(expected) { return format(number + 1) }
            return "not " + expected
        case .jsonField(let path, let expected):
            let wrong = Double(expected).map { format($0 + 1) } ?? "\(expected)_x"
            return jsonObject(path: path, value: wrong)
        }
    }

    /// A deterministic reply to an unknown prompt: a few words picked by the prompt's hash.
    public static func genericAnswer(prompt: String, seed: UInt64, maxTokens: Int) -> String {
        var rng = SplitMix64(mixing: seed, SplitMix64.hash(prompt), 0x6E6E)
        let wordCount = max(1, min(maxTokens / 2, 8 + Int(rng.next() % 17)))
        var words: [String] = []
        for _ in 0..<wordCount {
            words.append(genericWords[Int(rng.next() % UInt64(genericWords.count))])
        }
        return words.joined(separator: " ").capitalizedFirst + "."
    }

    // MARK: - Helpers

    /// Integers without a fraction ("42", not "42.0"); others in the shortest form.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// A JSON object with `value` at the dotted `path`; numbers and booleans unquoted.
    static func jsonObject(path: String, value: String) -> String {
        let literal: String
        if Double(value) != nil || value == "true" || value == "false" || value == "null" {
            literal = value
        } else {
            literal = "\"" + SimJSON.escape(value) + "\""
        }
        var result = literal
        for key in path.split(separator: ".").reversed() {
            result = "{\"\(SimJSON.escape(String(key)))\": \(result)}"
        }
        return result
    }

    /// The first of a few phrasings whose match of `pattern` captures `expected` in `group`.
    static func regexAnswer(pattern: String, group: Int, expected: String?) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else {
            return expected ?? ""
        }
        let value = expected ?? "yes"
        let templates = ["\(value)", "Answer: \(value)", "The answer is \(value).", "answer: \(value)", "\(value)."]
        for candidate in templates {
            let range = NSRange(candidate.startIndex..., in: candidate)
            guard let match = regex.firstMatch(in: candidate, range: range) else { continue }
            guard let expected else { return candidate }
            guard group < match.numberOfRanges, let captured = Range(match.range(at: group), in: candidate) else {
                continue
            }
            if AnswerNormalizer.normalize(String(candidate[captured])) == AnswerNormalizer.normalize(expected) {
                return candidate
            }
        }
        return value
    }

    private static let wrongWords = ["probably", "maybe", "not", "perhaps"]
    private static let hedges = [
        "I am not certain of that.", "It depends on the context.", "There is no single answer to that.",
    ]
    private static let genericWords = [
        "the", "model", "answer", "is", "a", "simple", "question", "of", "context", "and", "token", "value",
        "this", "depends", "on", "input", "which", "we", "can", "consider", "result", "in", "general", "case",
    ]
}

extension String {
    /// The string with its first character uppercased.
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
