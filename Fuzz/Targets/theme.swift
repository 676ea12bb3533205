// Fuzz target: the theme loaders (quantwatch's YAML themes through Yams, and btop `.theme` files).
//
// Any text: a theme or a ThemeError; an accepted theme resolves every key at every colour depth without trapping.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var themes: [Theme] = []
    if let loaded = try? ThemeLoader().parse(text, name: "fuzz", source: "fuzz.yaml") { themes.append(loaded.theme) }
    if let loaded = try? BtopThemeParser.parse(text, name: "fuzz", source: "fuzz.theme") { themes.append(loaded.theme) }
    for theme in themes {
        for depth in ColorDepth.allCases {
            let resolved = theme.resolved(depth: depth)
            for key in ThemeKey.allCases { _ = resolved.color(key) }
            for fraction in [-1.0, 0, 0.3, 0.5, 0.99, 1, 2, .nan] { _ = resolved.graphColor(fraction) }
            _ = resolved.base
        }
    }
    return 0
}
