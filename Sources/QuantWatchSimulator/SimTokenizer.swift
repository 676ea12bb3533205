/// A deterministic BPE-like splitter: words in pieces of up to four letters (a leading space sticks to the
/// piece after it), numbers in groups of up to three digits, each punctuation mark and newline on its own.
///
/// Joining the pieces gives back the text exactly, which is what a streamed answer needs.
public enum SimTokenizer {
    public static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentKind: Kind?
        var currentLength = 0
        var pendingSpace = ""

        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
            currentKind = nil
            currentLength = 0
        }

        for character in text {
            if character == " " || character == "\t" {
                flush()
                if !pendingSpace.isEmpty { tokens.append(pendingSpace) }
                pendingSpace = String(character)
                continue
            }
            if character.isNewline {
                flush()
                if !pendingSpace.isEmpty { tokens.append(pendingSpace) }
                pendingSpace = ""
                tokens.append(String(character))
                continue
            }
            let kind: Kind = character.isNumber ? .digit : (character.isLetter ? .letter : .mark)
            let limit = kind == .digit ? 3 : 4
            if kind == .mark || kind != currentKind || currentLength >= limit {
                flush()
            }
            if current.isEmpty {
                current = pendingSpace
                pendingSpace = ""
            }
            current.append(character)
            currentKind = kind
            currentLength += 1
            if kind == .mark { flush() }
        }
        flush()
        if !pendingSpace.isEmpty { tokens.append(pendingSpace) }
        return tokens
    }

    private enum Kind {
        case letter, digit, mark
    }
}
