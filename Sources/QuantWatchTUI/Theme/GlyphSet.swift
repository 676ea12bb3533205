import QuantWatchDomain

/// Every glyph widgets draw, as data: a low-capability terminal swaps the set, widgets never branch on it.
public struct GlyphSet: Sendable, Equatable {
    public var name: String
    /// Graph cells, btop's layout: index = left * 5 + right, each sample quantised to 0...4 dots high.
    public var graph: [String]
    /// Nine bar levels, empty to full (sparklines, vertical bars).
    public var bars: [String]
    /// Left-aligned partial cells of a horizontal bar, 0...7 eighths.
    public var eighths: [String]
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    /// Filled and empty parts of a horizontal gauge.
    public var gaugeFull: String
    public var gaugeEmpty: String
    /// Where the baseline falls on a bar.
    public var marker: String
    public var sortAscending: String
    public var sortDescending: String
    public var ellipsis: String
    public var separator: String
    /// State symbols, readable without colour.
    public var ok: String
    public var warning: String
    public var critical: String
    public var unknown: String

    public func symbol(for state: AlertState) -> String {
        switch state {
        case .ok: ok
        case .warning: warning
        case .critical: critical
        case .unknown: unknown
        }
    }

    public static let unicode = GlyphSet(
        name: "unicode",
        graph: [
            " ", "⢀", "⢠", "⢰", "⢸", "⡀", "⣀", "⣠", "⣰", "⣸", "⡄", "⣄", "⣤", "⣴", "⣼",
            "⡆", "⣆", "⣦", "⣶", "⣾", "⡇", "⣇", "⣧", "⣷", "⣿",
        ],
        bars: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], eighths: ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯",
        gaugeFull: "█", gaugeEmpty: "░", marker: "┃", sortAscending: "↑", sortDescending: "↓", ellipsis: "…",
        separator: "›", ok: "✓", warning: "▲", critical: "✖", unknown: "?"
    )

    /// Plain ASCII for the Linux console and terminals without Unicode fonts.
    public static let ascii: GlyphSet = {
        let levels = [" ", ".", ":", "|", "#"]
        var graph: [String] = []
        for left in 0..<5 {
            for right in 0..<5 { graph.append(levels[max(left, right)]) }
        }
        return GlyphSet(
            name: "ascii", graph: graph, bars: [" ", ".", ".", "-", "-", "=", "=", "#", "#"],
            eighths: ["", ".", ".", ":", ":", "=", "=", "#"],
            horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
            gaugeFull: "#", gaugeEmpty: ".", marker: "|", sortAscending: "^", sortDescending: "v", ellipsis: "~",
            separator: ">", ok: "+", warning: "!", critical: "X", unknown: "?"
        )
    }()
}
