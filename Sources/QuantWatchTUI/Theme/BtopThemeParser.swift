import Foundation

/// Reads btop `.theme` files (`theme[main_fg]="#ebdbb2"`, one key a line) onto quantwatch's semantic keys, so a
/// btop user's own theme colours the dashboard as it is.
///
/// btop's colours are `"#RRGGBB"`, `"#BW"` (a grey, two hex digits) or `"R G B"` (0-255 each); `""` is the
/// terminal's own colour for `main_bg` and "not set" elsewhere. Keys btop has but quantwatch does not draw
/// (`mem_box`, `temp_start`, …) are read and ignored; keys btop does not have give a warning; any other line is
/// an error naming the file, the line and what was expected.
public enum BtopThemeParser {
    /// Which btop key colours which quantwatch key, the first one set winning.
    static let mapping: [(ThemeKey, [String])] = [
        (.background, ["main_bg"]), (.text, ["main_fg"]), (.title, ["title"]), (.accent, ["hi_fg"]),
        (.selectionBackground, ["selected_bg"]), (.selectionForeground, ["selected_fg"]),
        (.muted, ["inactive_fg", "graph_text"]), (.border, ["div_line", "cpu_box"]),
        (.headerBackground, ["meter_bg", "selected_bg"]), (.headerForeground, ["main_fg"]),
        (.baseline, ["proc_misc"]),
    ]

    /// Every key of btop's theme files (its default theme's, plus the GPU graph of later versions).
    static let knownKeys: Set<String> = {
        var keys: Set<String> = [
            "main_bg", "main_fg", "title", "hi_fg", "selected_bg", "selected_fg", "inactive_fg", "graph_text",
            "meter_bg", "proc_misc", "cpu_box", "mem_box", "net_box", "proc_box", "gpu_box", "div_line",
        ]
        for gradient in [
            "temp", "cpu", "free", "cached", "available", "used", "download", "upload", "process", "gpu",
        ] {
            for end in ["start", "mid", "end"] { keys.insert("\(gradient)_\(end)") }
        }
        return keys
    }()

    /// Parses a btop theme; `name` is the theme's name on screen, `source` the file named in messages.
    public static func parse(_ text: String, name: String, source: String) throws -> ThemeLoader.Loaded {
        var values: [String: Color] = [:]
        var warnings: [String] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let place = "\(source):\(offset + 1)"
            let (key, value) = try entry(line, place: place)
            guard knownKeys.contains(key) else {
                warnings.append("\(place): unknown btop theme key '\(key)' ignored")
                continue
            }
            guard let color = try color(value, key: key, place: place) else { continue }
            values[key] = color
        }
        return ThemeLoader.Loaded(theme: Theme(name: name, colors: palette(values)), warnings: warnings)
    }

    /// btop's keys turned into a complete quantwatch palette.
    static func palette(_ values: [String: Color]) -> [ThemeKey: Color] {
        let background = values["main_bg"]
        var colors = BuiltInThemes.theme(named: isLight(background) ? "light" : "default")?.sourceColors ?? [:]
        for (key, sources) in mapping {
            if let color = sources.lazy.compactMap({ values[$0] }).first { colors[key] = color }
        }
        // btop's CPU graph is the main graph, as the latency graph is ours; a missing mid blends the ends.
        if let start = values["cpu_start"] {
            let end = values["cpu_end"] ?? values["cpu_mid"] ?? start
            colors[.graphLow] = start
            colors[.graphMid] = values["cpu_mid"] ?? Color.blend(start, end)
            colors[.graphHigh] = end
        }
        // btop has no state colours: take the theme's own green, yellow and red where it has them.
        let palette = values.keys.sorted().compactMap { values[$0] }
        for (key, hue) in [(ThemeKey.ok, 120.0), (.warning, 50.0), (.critical, 0.0)] {
            if let match = Color.closest(toHue: hue, among: palette) { colors[key] = match }
        }
        return colors
    }

    /// `theme[KEY]=VALUE` with the value quoted or bare.
    private static func entry(_ line: String, place: String) throws -> (String, String) {
        let expected = "expected theme[key]=\"value\", e.g. theme[main_fg]=\"#cccccc\""
        guard line.hasPrefix("theme["), let close = line.firstIndex(of: "]") else {
            throw ThemeError("\(place): '\(line)' is not a btop theme line (\(expected))")
        }
        let key = String(line[line.index(line.startIndex, offsetBy: 6)..<close]).trimmingCharacters(in: .whitespaces)
        var rest = line[line.index(after: close)...].drop(while: { $0 == " " })
        guard !key.isEmpty, rest.first == "=" else {
            throw ThemeError("\(place): '\(line)' is not a btop theme line (\(expected))")
        }
        rest = rest.dropFirst().drop(while: { $0 == " " })
        var value = String(rest).trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("\"") || value.hasPrefix("'") {
            let quote = value.removeFirst()
            guard let end = value.firstIndex(of: quote) else {
                throw ThemeError("\(place): theme[\(key)]: the value's closing \(quote) is missing")
            }
            let trailing = value[value.index(after: end)...].trimmingCharacters(in: .whitespaces)
            guard trailing.isEmpty || trailing.hasPrefix("#") else {
                throw ThemeError("\(place): theme[\(key)]: unexpected '\(trailing)' after the value")
            }
            value = String(value[..<end])
        }
        return (key, value)
    }

    /// A btop colour; nil for `""` on every key but `main_bg` (where it is the terminal's own background).
    private static func color(_ value: String, key: String, place: String) throws -> Color? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return key == "main_bg" ? .default : nil }
        if text.hasPrefix("#") {
            let hex = text.dropFirst()
            if hex.count == 2, let grey = UInt8(hex, radix: 16) { return .rgb(grey, grey, grey) }
            if hex.count == 6, let number = UInt32(hex, radix: 16) {
                return .rgb(UInt8(number >> 16 & 0xFF), UInt8(number >> 8 & 0xFF), UInt8(number & 0xFF))
            }
        } else {
            let parts = text.split(separator: " ").compactMap { UInt8($0) }
            if parts.count == 3, text.split(separator: " ").count == 3 { return .rgb(parts[0], parts[1], parts[2]) }
        }
        throw ThemeError(
            "\(place): theme[\(key)]: '\(value)' is not a colour "
                + "(expected \"#RRGGBB\", \"#BW\" for a grey, \"R G B\" with 0-255 each, or \"\")")
    }

    /// Whether a background is light (relative luminance above one half), so the light theme's states read on it.
    private static func isLight(_ color: Color?) -> Bool {
        guard let (red, green, blue) = color?.rgbComponents else { return false }
        return 0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue) > 127.5
    }
}
