/// Normalises answers for comparison: lowercase, punctuation dropped, whitespace collapsed.
public enum AnswerNormalizer {
    /// `"  The Answer: Paris! "` -> `"the answer paris"`. Keeps letters and digits of any script,
    /// and `.`/`-` inside numbers so "3.5" and "-2" survive; thousands separators go ("1,234" -> "1234").
    public static func normalize(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        // U+2212 MINUS SIGN is what typeset answers use for negatives: read it as "-" so "−8" equals "-8".
        let characters: [Character] = text.lowercased().map { $0 == "\u{2212}" ? "-" : $0 }
        var pendingSpace = false
        for (index, character) in characters.enumerated() {
            // "1,234" and "1234" are the same answer; "1,2,3" stays a list.
            if character == ",", isThousandsSeparator(at: index, in: characters) { continue }
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

    /// A comma between a digit and exactly three digits that are not followed by another digit.
    private static func isThousandsSeparator(at index: Int, in characters: [Character]) -> Bool {
        guard index > 0, index + 3 < characters.count, characters[index - 1].isNumber else { return false }
        let group = characters[(index + 1)...(index + 3)]
        let after = index + 4 < characters.count ? characters[index + 4] : " "
        return group.allSatisfy(\.isNumber) && !after.isNumber
    }
}
