/// Finds the first number in a free-text answer: `42`, `-3.5`, `1,234`, `$1,234.50`, `1.5e3`, `3/4`, `.5`.
enum AnswerNumber {
    /// The value of the first number in `text`, or nil when it has none.
    static func first(in text: String) -> Double? {
        let chars = Array(text)
        var index = 0
        while index < chars.count {
            if let (value, _) = number(at: index, in: chars) { return value }
            index += 1
        }
        return nil
    }

    /// A number starting exactly at `start` (with its sign), and the index just past it.
    private static func number(at start: Int, in chars: [Character]) -> (Double, Int)? {
        var index = start
        var negative = false
        if chars[index] == "-" || chars[index] == "\u{2212}" || chars[index] == "+" {
            // A sign only counts at a word start: "3-4" is 3 then 4, not 3 then -4.
            if index > 0 && (chars[index - 1].isLetter || chars[index - 1].isNumber) { return nil }
            negative = chars[index] != "+"
            index += 1
        }
        guard index < chars.count else { return nil }
        // A number starts with a digit, or with "." before a digit when no digit precedes it.
        let startsWithPoint =
            chars[index] == "." && index + 1 < chars.count && isDigit(chars[index + 1])
            && !(index > 0 && isDigit(chars[index - 1]))
        guard isDigit(chars[index]) || startsWithPoint else { return nil }
        if index == start && index > 0 && isDigit(chars[index - 1]) { return nil }
        var literal = ""
        index = digits(from: index, in: chars, into: &literal, groupedByThousands: true)
        if index + 1 < chars.count && chars[index] == "." && isDigit(chars[index + 1]) {
            literal.append(".")
            index = digits(from: index + 1, in: chars, into: &literal, groupedByThousands: false)
        }
        index = exponent(from: index, in: chars, into: &literal)
        guard var value = Double(literal.hasPrefix(".") ? "0" + literal : literal) else { return nil }
        if let (denominator, end) = fraction(after: index, in: chars, numerator: literal) {
            value /= denominator
            index = end
        }
        return (negative ? -value : value, index)
    }

    /// Appends the digits from `index`, skipping "," thousands separators (a comma before exactly three digits).
    private static func digits(
        from start: Int, in chars: [Character], into literal: inout String, groupedByThousands: Bool
    ) -> Int {
        var index = start
        while index < chars.count {
            if isDigit(chars[index]) {
                literal.append(chars[index])
                index += 1
            } else if groupedByThousands && chars[index] == "," && isThousandsGroup(at: index + 1, in: chars) {
                index += 1
            } else {
                break
            }
        }
        return index
    }

    private static func isThousandsGroup(at index: Int, in chars: [Character]) -> Bool {
        guard index + 3 <= chars.count, chars[index..<index + 3].allSatisfy(isDigit) else { return false }
        return index + 3 == chars.count || !isDigit(chars[index + 3])
    }

    /// Appends an exponent such as `e-3` when one follows directly.
    private static func exponent(from start: Int, in chars: [Character], into literal: inout String) -> Int {
        guard start < chars.count, chars[start] == "e" || chars[start] == "E" else { return start }
        var index = start + 1
        var sign = ""
        if index < chars.count && (chars[index] == "-" || chars[index] == "+") {
            sign = String(chars[index])
            index += 1
        }
        guard index < chars.count && isDigit(chars[index]) else { return start }
        var digits = ""
        while index < chars.count && isDigit(chars[index]) {
            digits.append(chars[index])
            index += 1
        }
        // "2e" in "2eggs" is not an exponent; "1e5x" still is.
        literal += "e" + sign + digits
        return index
    }

    /// `/4` after an integer numerator: a simple fraction such as 3/4, but not a date like 11/23/2026.
    private static func fraction(after start: Int, in chars: [Character], numerator: String) -> (Double, Int)? {
        guard start + 1 < chars.count, chars[start] == "/", isDigit(chars[start + 1]),
            numerator.allSatisfy(isDigit)
        else { return nil }
        var index = start + 1
        var digits = ""
        while index < chars.count && isDigit(chars[index]) {
            digits.append(chars[index])
            index += 1
        }
        if index < chars.count && chars[index] == "/" { return nil }
        guard let denominator = Double(digits), denominator != 0 else { return nil }
        return (denominator, index)
    }

    private static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }
}
