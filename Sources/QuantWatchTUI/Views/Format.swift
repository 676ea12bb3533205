import Foundation

/// Number formatting shared by every view, so a figure reads the same everywhere.
public enum Format {
    /// Milliseconds: "4.2" below 10 ms (a local model's time per token lives there), "412" below a second,
    /// "1.24s", "12.4s", "125s" above.
    public static func milliseconds(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        if value < 9.95 { return String(format: "%.1f", value) }
        if value < 999.5 { return String(Int(value.rounded())) }
        let seconds = value / 1000
        if seconds < 10 { return String(format: "%.2fs", seconds) }
        if seconds < 100 { return String(format: "%.1fs", seconds) }
        return String(format: "%.0fs", seconds)
    }

    /// A share 0...1 as a percentage: "94%", or with one decimal below 10% ("2.5%").
    public static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "—" }
        let value = share * 100
        if value > 0, value < 10 { return String(format: "%.1f%%", value) }
        return String(format: "%.0f%%", value)
    }

    /// Signed points: "+1.2", "-3.0", "0.0".
    public static func points(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let rounded = (value * 10).rounded() / 10
        if rounded == 0 { return "0.0" }
        return String(format: "%+.1f", rounded)
    }

    /// A rate with one decimal below 100 ("48.2"), none above ("312").
    public static func rate(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        return value < 100 ? String(format: "%.1f", value) : String(format: "%.0f", value)
    }

    /// Time of day in UTC, "HH:MM:SS", from a date (never the clock: render stays pure).
    public static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return String(format: "%02d:%02d:%02d", day / 3600, (day / 60) % 60, day % 60)
    }

    /// A duration in seconds as "1h02m", "5m10s", "42s".
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "—" }
        let whole = Int(seconds)
        if whole >= 3600 { return String(format: "%dh%02dm", whole / 3600, (whole / 60) % 60) }
        if whole >= 60 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return "\(whole)s"
    }

    /// Money with two decimals, or four below one cent.
    public static func money(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        return value < 0.01 && value > 0 ? String(format: "%.4f", value) : String(format: "%.2f", value)
    }

    /// The placeholder for a value that does not exist (no samples, no baseline).
    public static let missing = "—"
}
