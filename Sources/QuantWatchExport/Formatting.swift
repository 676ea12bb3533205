/// Number formats shared by every text output, so the table, the report and the screen agree.
public enum Formatting {
    /// `12.3 ms`-style milliseconds: one decimal below 100, none above; "-" without data.
    public static func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return value < 100 ? String(format1: value) : String(Int(value.rounded()))
    }

    /// A share 0...1 as a percentage with one decimal.
    public static func percent(_ share: Double?) -> String {
        guard let share, share.isFinite else { return "-" }
        return String(format1: share * 100) + "%"
    }

    /// Signed points, for example `-3.2`, `+0.0`.
    public static func points(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return (value >= 0 ? "+" : "") + String(format1: value)
    }

    /// A small positive figure (KLD) with 4 decimals, or scientific below 0.0001.
    public static func small(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        if value != 0 && abs(value) < 0.0001 {
            let exponent = Int(log10Floor(abs(value)))
            let mantissa = value / pow10(exponent)
            return String(format1: mantissa) + "e" + String(exponent)
        }
        return String(fixed: value, decimals: 4)
    }

    public static func rate(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format1: value)
    }

    private static func log10Floor(_ value: Double) -> Double {
        var exponent = 0.0
        var scaled = value
        while scaled < 1 {
            scaled *= 10
            exponent -= 1
        }
        while scaled >= 10 {
            scaled /= 10
            exponent += 1
        }
        return exponent
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        if exponent >= 0 {
            for _ in 0..<exponent { result *= 10 }
        } else {
            for _ in 0..<(-exponent) { result /= 10 }
        }
        return result
    }
}

extension String {
    /// One decimal, rounded half away from zero, without Foundation.
    init(format1 value: Double) {
        self.init(fixed: value, decimals: 1)
    }

    init(fixed value: Double, decimals: Int) {
        guard value.isFinite, abs(value) < 1e12 else {
            self = value.isFinite ? String(Int64(value.rounded())) : "-"
            return
        }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled) - whole * Int(scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        if decimals == 0 {
            self = sign + String(whole)
            return
        }
        let digits = String(fraction)
        let padding = Swift.max(0, decimals - digits.count)
        self = sign + String(whole) + "." + String(repeating: "0", count: padding) + digits
    }
}
