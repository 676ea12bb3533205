import Foundation

/// Parses durations as fault scripts and flags write them: `200ms`, `1.5s`, `2m`, `1h`, or a bare number of seconds.
public enum SimDurationParser {
    /// Nil for anything else, negative or too long to count in milliseconds (`1e300s` trapped before: found by
    /// the `faults` fuzz target).
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("us", 0.000_001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
            guard let value = Double(trimmed.dropLast(suffix.count)) else { return nil }
            return milliseconds(value * scale * 1000)
        }
        return Double(trimmed).flatMap { milliseconds($0 * 1000) }
    }

    private static func milliseconds(_ value: Double) -> Duration? {
        // 2^63 is exactly representable; anything from there up does not fit an Int64.
        guard value >= 0, value.rounded() < 9_223_372_036_854_775_808.0 else { return nil }
        return .milliseconds(Int64(value.rounded()))
    }
}
