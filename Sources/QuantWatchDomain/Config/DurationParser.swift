/// Parses and formats the human durations of config files: `500ms`, `15s`, `2m`, `1h`, `1m30s`, `1.5s`.
public enum DurationParser {
    /// What a valid duration looks like, for error messages.
    public static let expectedForm = "a number with a unit (ms, s, m or h), e.g. 500ms, 15s, 1.5s, 2m, 1h or 1m30s"

    private static let unitNanoseconds: [(suffix: String, nanoseconds: Int64)] = [
        ("ms", 1_000_000), ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000),
    ]

    /// The duration `text` spells, or nil when it is not one (no unit, negative, unknown unit, overflow).
    ///
    /// Components add up (`1h30m`); each may have a fraction of up to nine digits.
    public static func parse(_ text: String) -> Duration? {
        var rest = Substring(text.trimmingSpaces())
        guard !rest.isEmpty else { return nil }
        var total: Int64 = 0
        while !rest.isEmpty {
            let whole = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(whole.count)
            var fraction: Substring = ""
            if rest.first == "." {
                rest = rest.dropFirst()
                fraction = rest.prefix { $0.isASCII && $0.isNumber }
                rest = rest.dropFirst(fraction.count)
                guard !fraction.isEmpty, fraction.count <= 9 else { return nil }
            }
            guard !whole.isEmpty || !fraction.isEmpty else { return nil }
            guard let unit = unitNanoseconds.first(where: { rest.hasPrefix($0.suffix) }) else { return nil }
            rest = rest.dropFirst(unit.suffix.count)
            guard let nanos = nanoseconds(whole: whole, fraction: fraction, unit: unit.nanoseconds) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(nanos)
            guard !overflow else { return nil }
            total = sum
        }
        return .nanoseconds(total)
    }

    /// The shortest spelling `parse` reads back to the same value: `500ms`, `15s`, `1m30s`, `1.5s`, `1h`.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let (wholeNanos, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        var nanos = overflow ? (seconds < 0 ? -Int64.max : Int64.max) : wholeNanos + attoseconds / 1_000_000_000
        guard nanos != 0 else { return "0s" }
        var out = nanos < 0 ? "-" : ""
        nanos = nanos == Int64.min ? Int64.max : abs(nanos)
        if nanos < 1_000_000_000 && nanos % 1_000_000 == 0 {
            return out + "\(nanos / 1_000_000)ms"
        }
        let hours = nanos / 3_600_000_000_000
        let minutes = nanos / 60_000_000_000 % 60
        let secondNanos = nanos % 60_000_000_000
        if hours > 0 { out += "\(hours)h" }
        if minutes > 0 { out += "\(minutes)m" }
        if secondNanos > 0 {
            out += "\(secondNanos / 1_000_000_000)"
            let fraction = secondNanos % 1_000_000_000
            if fraction > 0 {
                var digits = String(fraction)
                digits = String(repeating: "0", count: 9 - digits.count) + digits
                while digits.hasSuffix("0") { digits.removeLast() }
                out += "." + digits
            }
            out += "s"
        }
        return out
    }

    /// `whole.fraction` units in nanoseconds, exactly (no floating point), or nil on overflow.
    private static func nanoseconds(whole: Substring, fraction: Substring, unit: Int64) -> Int64? {
        var value: Int64 = 0
        for digit in whole {
            guard let d = digit.wholeNumberValue else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            value = plus
        }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        var fractionNanos: Int64 = 0
        var place = unit
        for digit in fraction {
            guard let d = digit.wholeNumberValue else { return nil }
            place /= 10
            fractionNanos += Int64(d) * place
        }
        let (sum, o3) = scaled.addingReportingOverflow(fractionNanos)
        return o3 ? nil : sum
    }
}
