extension ThemeKey {
    /// What the key colours, written as the comment beside it in theme files.
    public var comment: String {
        switch self {
        case .background: "screen background (default = the terminal's own)"
        case .text: "ordinary text"
        case .muted: "secondary text, values with too few samples, unknown state"
        case .border: "panel borders"
        case .title: "panel titles"
        case .headerBackground: "header and footer bar background"
        case .headerForeground: "header and footer bar text"
        case .accent: "breadcrumb, key hints, filter prompt"
        case .ok: "state ok (✓)"
        case .warning: "state warning (▲)"
        case .critical: "state critical (✖)"
        case .graphLow: "graph gradient: low values"
        case .graphMid: "graph gradient: middle values"
        case .graphHigh: "graph gradient: high values"
        case .selectionBackground: "selected row background"
        case .selectionForeground: "selected row text"
        case .baseline: "baseline marker on drift bars"
        }
    }
}
