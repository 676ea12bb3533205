/// The themes compiled into the binary, so they work without the `themes/` folder; the files are generated
/// from these (`BuiltInThemes.yaml(for:)`) and a test keeps them equal.
public enum BuiltInThemes {
    /// Names in the order the `t` key cycles through them.
    public static let names = ["default", "light", "high-contrast", "nord", "dracula"]

    /// The complete palette every partial theme falls back to.
    public static var defaultPalette: [ThemeKey: Color] { palette(defaultHex) }

    /// A built-in theme by name, at full colour.
    public static func theme(named name: String) -> Theme? {
        guard let hex = hexPalettes[name] else { return nil }
        return Theme(name: name, colors: palette(hex))
    }

    /// The theme file text for a built-in theme: one commented key per line.
    public static func yaml(for name: String) -> String? {
        guard let hex = hexPalettes[name] else { return nil }
        var text = "# quantwatch theme: \(name)\n"
        text += "# Colours: \"#RRGGBB\", \"#RGB\", a palette index 0-255, or default (the terminal's colour).\n"
        text += "# Missing keys fall back to the built-in default theme.\n"
        for key in ThemeKey.allCases {
            let value = hex[key] ?? "default"
            let quoted = value == "default" ? value : "\"\(value)\""
            let entry = "\(key.rawValue): \(quoted)"
            text += entry.padding(toLength: max(entry.count + 1, 24), withPad: " ", startingAt: 0)
            text += "# \(key.comment)\n"
        }
        return text
    }

    private static func palette(_ hex: [ThemeKey: String]) -> [ThemeKey: Color] {
        hex.compactMapValues { Color(parsing: $0) }
    }

    private static let hexPalettes: [String: [ThemeKey: String]] = [
        "default": defaultHex, "light": lightHex, "high-contrast": highContrastHex, "nord": nordHex,
        "dracula": draculaHex,
    ]

    private static let defaultHex: [ThemeKey: String] = [
        .background: "default", .text: "#D0D4DE", .muted: "#7F849C", .border: "#585B70", .title: "#89B4FA",
        .headerBackground: "#313244", .headerForeground: "#E6E9EF", .accent: "#89DCEB", .ok: "#A6E3A1",
        .warning: "#F9E2AF", .critical: "#F38BA8", .graphLow: "#74C7EC", .graphMid: "#F9E2AF",
        .graphHigh: "#F38BA8", .selectionBackground: "#45475A", .selectionForeground: "#FFFFFF",
        .baseline: "#CBA6F7",
    ]

    private static let lightHex: [ThemeKey: String] = [
        .background: "#FAFAFA", .text: "#2E3440", .muted: "#7C808A", .border: "#A8ADB8", .title: "#1E66F5",
        .headerBackground: "#DCE0E8", .headerForeground: "#1E1E2E", .accent: "#0B7285", .ok: "#2B8A3E",
        .warning: "#B35C00", .critical: "#C92A2A", .graphLow: "#1C7ED6", .graphMid: "#E67700",
        .graphHigh: "#C92A2A", .selectionBackground: "#C5D7F2", .selectionForeground: "#1E1E2E",
        .baseline: "#7048E8",
    ]

    private static let highContrastHex: [ThemeKey: String] = [
        .background: "#000000", .text: "#FFFFFF", .muted: "#C0C0C0", .border: "#FFFFFF", .title: "#FFFF00",
        .headerBackground: "#FFFFFF", .headerForeground: "#000000", .accent: "#00FFFF", .ok: "#00FF00",
        .warning: "#FFFF00", .critical: "#FF3030", .graphLow: "#00FFFF", .graphMid: "#FFFF00",
        .graphHigh: "#FF3030", .selectionBackground: "#FFFF00", .selectionForeground: "#000000",
        .baseline: "#FF00FF",
    ]

    private static let nordHex: [ThemeKey: String] = [
        .background: "#2E3440", .text: "#D8DEE9", .muted: "#7B88A1", .border: "#4C566A", .title: "#88C0D0",
        .headerBackground: "#3B4252", .headerForeground: "#ECEFF4", .accent: "#81A1C1", .ok: "#A3BE8C",
        .warning: "#EBCB8B", .critical: "#BF616A", .graphLow: "#5E81AC", .graphMid: "#EBCB8B",
        .graphHigh: "#BF616A", .selectionBackground: "#434C5E", .selectionForeground: "#ECEFF4",
        .baseline: "#B48EAD",
    ]

    private static let draculaHex: [ThemeKey: String] = [
        .background: "#282A36", .text: "#F8F8F2", .muted: "#7D8BBF", .border: "#6272A4", .title: "#BD93F9",
        .headerBackground: "#44475A", .headerForeground: "#F8F8F2", .accent: "#8BE9FD", .ok: "#50FA7B",
        .warning: "#F1FA8C", .critical: "#FF5555", .graphLow: "#8BE9FD", .graphMid: "#F1FA8C",
        .graphHigh: "#FF5555", .selectionBackground: "#44475A", .selectionForeground: "#F8F8F2",
        .baseline: "#FF79C6",
    ]
}
