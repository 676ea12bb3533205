import Foundation

/// Finds the multiple-choice letter an answer picks: `B`, `(B)`, `B)`, `B. Paris`, `Answer: B`, `**B**`.
enum AnswerChoice {
    /// "answer is B", "Answer: (C)", "option D", "choice: A" (the keyword in any case, the letter upper case).
    private static let marked = pattern(
        #"(?i:answer|option|choice)(?:\s+(?i:is))?\s*[:=\-]?\s*\(?([A-Z])(?![\p{L}\p{N}'’])"#)
    /// "(b)" or "[B]" anywhere.
    private static let bracketed = pattern(#"[\(\[]([A-Za-z])[\)\]]"#)
    /// "B)", "B.", "B:" or "B" alone at the start of the answer or of a line.
    private static let leading = pattern(#"(?m)^\s*([A-Z])(?:[\).:]|\s*$)"#)

    /// The chosen letter, upper-cased, or nil when the answer picks none.
    static func letter(in answer: String) -> Character? {
        let text = answer.filter { $0 != "*" && $0 != "`" && $0 != "_" }.trimmingSpaces()
        let bare = text.trimmingCharacters(in: CharacterSet.alphanumerics.inverted)
        if bare.count == 1, let only = bare.first, only.isASCII, only.isLetter { return Character(only.uppercased()) }
        for regex in [marked, leading, bracketed].compactMap({ $0 }) {
            if let found = firstCapture(of: regex, in: text) { return Character(found.uppercased()) }
        }
        return standaloneCapital(in: text)
    }

    /// The first capital that stands alone as a word, skipping the words "I" and "A" ("A dog", "I think").
    private static func standaloneCapital(in text: String) -> Character? {
        let chars = Array(text)
        for (index, character) in chars.enumerated() where character.isASCII && character.isUppercase {
            let before = index > 0 ? chars[index - 1] : " "
            let after = index + 1 < chars.count ? chars[index + 1] : " "
            guard !before.isLetter && !before.isNumber && !after.isLetter && !after.isNumber else { continue }
            // "I'm", "X-ray", "T-shirt": a letter glued to a word by an apostrophe or hyphen.
            if "'’-".contains(after) && index + 2 < chars.count && chars[index + 2].isLetter { continue }
            if character == "I" || character == "A", after == " ", index + 2 < chars.count,
                chars[index + 2].isLowercase
            {
                continue
            }
            return character
        }
        return nil
    }

    private static func firstCapture(of regex: NSRegularExpression, in text: String) -> String? {
        let whole = NSRange(text.startIndex..., in: text)
        guard let match = regex.firstMatch(in: text, range: whole), let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }

    private static func pattern(_ text: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: text)
    }
}
