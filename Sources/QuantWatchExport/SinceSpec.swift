import Foundation

/// Parses `--since`: a look-back like `90s`, `15m`, `1h`, `1h30m`, `2d`, `1w`, or an ISO-8601 time.
public enum SinceSpec {
    /// The start time `text` names, relative to `now` for look-backs.
    public static func parse(_ text: String, now: Date = Date()) throws(SinceSpecError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = lookBackSeconds(trimmed) {
            return now.addingTimeInterval(-seconds)
        }
        for style in [Date.ISO8601FormatStyle(includingFractionalSeconds: true), Date.ISO8601FormatStyle()] {
            if let date = try? style.parse(trimmed) { return date }
        }
        throw SinceSpecError(text: text)
    }

    /// Seconds in `1h30m`-style text, nil when it is not one.
    static func lookBackSeconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        var total = 0.0
        var digits = ""
        var sawUnit = false
        for character in text.lowercased() {
            if character.isASCII && (character.isNumber || character == ".") {
                digits.append(character)
            } else if let unit = units[character], let value = Double(digits), value >= 0 {
                total += value * unit
                digits = ""
                sawUnit = true
            } else {
                return nil
            }
        }
        return sawUnit && digits.isEmpty ? total : nil
    }
}

/// A `--since` value that is neither a look-back nor an ISO-8601 time.
public struct SinceSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String

    public var description: String {
        "invalid --since '\(text)': use a look-back like 30m, 1h, 1h30m, 2d, "
            + "or an ISO-8601 time like 2026-11-23T12:00:00Z"
    }
}
