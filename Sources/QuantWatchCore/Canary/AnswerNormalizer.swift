/// Normalises answers for comparison: lowercase, punctuation dropped, whitespace collapsed.
public enum AnswerNormalizer {
    /// `"  The Answer: Paris! "` -> `"the answer paris"`. Keeps letters and digits of any script,
    /// and `.`/`-` inside numbers so "3.5" and "-2" survive.
    public static func normalize(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        let characters = Array(text.lowercased())
        var pendingSpace = false
        for (index, character) in characters.enumerated() {
            let keep: Bool
            if character.isLetter || character.isNumber {
                keep = true
            } else if character == "." || character == "-" {
                let nextIsDigit = index + 1 < characters.count && characters[index + 1].isNumber
                let previousIsDigit = index > 0 && characters[index - 1].isNumber
                keep = nextIsDigit && (character == "-" ? !previousIsDigit : previousIsDigit)
            } else {
                keep = false
            }
            if keep {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(character)
            } else {
                pendingSpace = true
            }
        }
        return out
    }
}
