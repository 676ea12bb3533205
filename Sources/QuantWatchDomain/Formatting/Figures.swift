import Foundation

/// How every output writes a figure: the screen, `once`, `report`, `history`. One rounding (half away from zero,
/// not printf's binary ties), one placeholder, one form per kind of figure, so a p99 or a KLD reads the same on
/// the dashboard as in the report pasted into the incident channel.
public enum Figures {
    /// The one placeholder for a figure that does not exist: no samples, no baseline, not measured.
    public static let missing = "—"

    /// Milliseconds: "4.2" below 10 ms (a local model's time per token lives there), "412" below a second, then
    /// seconds with their unit: "1.24s", "12.4s", "125s".
    public static func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        if abs(value) < 9.95 { return fixed(value, decimals: 1) }
        if abs(value) < 999.5 { return fixed(value, decimals: 0) }
        let seconds = value / 1000
        if abs(seconds) < 9.995 { return fixed(seconds, decimals: 2) + "s" }
        if abs(seconds) < 99.95 { return fixed(seconds, decimals: 1) + "s" }
        return fixed(seconds, decimals: 0) + "s"
    }

    public static func milliseconds(_ duration: Duration?) -> String {
        guard let duration else { return missing }
        return milliseconds(
            Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }

    /// A share 0...1 as a percentage. By default whole percent, with one decimal below 10% ("94%", "2.5%"), as
    /// narrow columns need; `decimals` fixes the decimals where every tenth counts (`report`, `once`: "87.5%").
    public static func percent(_ share: Double?, decimals: Int? = nil) -> String {
        guard let share, share.isFinite else { return missing }
        let value = share * 100
        if let decimals { return fixed(value, decimals: decimals) + "%" }
        if value > 0, value < 9.95 { return fixed(value, decimals: 1) + "%" }
        return fixed(value, decimals: 0) + "%"
    }

    /// Signed points with one decimal: "+1.2", "-3.0"; what rounds to zero is "0.0".
    public static func points(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        let text = fixed(value, decimals: 1)
        if text == "0.0" { return text }
        return value > 0 ? "+" + text : text
    }

    /// A rate (probes/s, tokens/s): one decimal below 100 ("48.2"), none above ("312").
    public static func rate(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        return fixed(value, decimals: abs(value) < 99.95 ? 1 : 0)
    }

    /// A small non-negative figure (KLD in nats): four decimals, scientific below 0.0001 ("3.2e-5").
    public static func small(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        guard value != 0, abs(value) < 0.0001 else { return fixed(value, decimals: 4) }
        var exponent = 0
        var mantissa = abs(value)
        while mantissa < 1 {
            mantissa *= 10
            exponent -= 1
        }
        var digits = fixed(mantissa, decimals: 1)
        if digits == "10.0" {
            digits = "1.0"
            exponent += 1
        }
        return (value < 0 ? "-" : "") + digits + "e" + String(exponent)
    }

    /// Money with two decimals, or four below one cent.
    public static func money(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        return fixed(value, decimals: value < 0.01 && value > 0 ? 4 : 2)
    }

    /// Time of day in UTC, "HH:MM:SS", from a date (never the clock: renders stay pure).
    public static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return twoDigits(day / 3600) + ":" + twoDigits((day / 60) % 60) + ":" + twoDigits(day % 60)
    }

    /// A duration in seconds as "1h02m", "5m10s", "42s".
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return missing }
        let whole = Int(seconds)
        if whole >= 3600 { return "\(whole / 3600)h" + twoDigits((whole / 60) % 60) + "m" }
        if whole >= 60 { return "\(whole / 60)m" + twoDigits(whole % 60) + "s" }
        return "\(whole)s"
    }

    /// `value` with exactly `decimals` decimals, rounded half away from zero; "-0.0" never appears.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return missing }
        let places = Swift.max(0, Swift.min(decimals, 9))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return (value < 0 ? "-" : "") + String(format: "%.0f", abs(value)) }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        let sign = value < 0 && units != 0 ? "-" : ""
        let whole = String(units / divisor)
        guard places > 0 else { return sign + whole }
        let fraction = String(units % divisor)
        return sign + whole + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
