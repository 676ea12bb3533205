/// How many colours the terminal shows; chosen once at start-up.
public enum ColorDepth: String, Sendable, Equatable, Comparable, CaseIterable {
    case mono
    case ansi8 = "8"
    case ansi256 = "256"
    case truecolor

    private var rank: Int {
        switch self {
        case .mono: 0
        case .ansi8: 1
        case .ansi256: 2
        case .truecolor: 3
        }
    }

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rank < rhs.rank }

    /// The depth for an environment: NO_COLOR (any non-empty value) or `--no-color` give mono; COLORTERM
    /// truecolor/24bit gives truecolor; otherwise the terminal's colour count (terminfo `colors`) decides.
    public static func detect(
        environment: [String: String], terminalColors: Int?, noColorFlag: Bool = false
    ) -> ColorDepth {
        if noColorFlag { return .mono }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .mono }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .truecolor }
        if let colors = terminalColors {
            if colors >= 1 << 24 { return .truecolor }
            if colors >= 256 { return .ansi256 }
            if colors >= 8 { return .ansi8 }
            return .mono
        }
        let term = environment["TERM"] ?? ""
        if term.contains("256color") { return .ansi256 }
        if term.isEmpty || term == "dumb" { return .mono }
        return .ansi8
    }
}
