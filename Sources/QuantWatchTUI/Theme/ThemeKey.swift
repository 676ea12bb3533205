/// The flat, semantic keys of a theme file.
public enum ThemeKey: String, Sendable, Equatable, Hashable, CaseIterable {
    case background
    case text
    case muted
    case border
    case title
    case headerBackground = "header_bg"
    case headerForeground = "header_fg"
    case accent
    case ok
    case warning
    case critical
    case graphLow = "graph_low"
    case graphMid = "graph_mid"
    case graphHigh = "graph_high"
    case selectionBackground = "selection_bg"
    case selectionForeground = "selection_fg"
    case baseline
}
