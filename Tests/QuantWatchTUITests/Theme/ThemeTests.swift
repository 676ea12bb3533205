import Foundation
import Testing

@testable import QuantWatchTUI

struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")

    @Test(arguments: [
        (Color.rgb(255, 0, 0), ColorDepth.ansi256, Color.indexed(196)),
        (.rgb(0, 0, 0), .ansi256, .indexed(16)),
        (.rgb(128, 128, 128), .ansi256, .indexed(244)),
        (.rgb(46, 52, 64), .ansi256, .indexed(237)),
        (.rgb(255, 0, 0), .ansi8, .indexed(1)),
        (.rgb(166, 227, 161), .ansi8, .indexed(7)),
        (.rgb(20, 20, 20), .ansi8, .indexed(0)),
        (.indexed(196), .ansi8, .indexed(1)),
        (.indexed(12), .ansi8, .indexed(4)),
        (.rgb(1, 2, 3), .mono, .default),
        (.default, .ansi8, .default),
        (.rgb(1, 2, 3), .truecolor, .rgb(1, 2, 3)),
    ])
    func colorsDegrade(color: Color, depth: ColorDepth, expected: Color) {
        #expect(color.degraded(to: depth) == expected)
    }

    @Test(arguments: [
        (["NO_COLOR": "1", "COLORTERM": "truecolor"], 256, false, ColorDepth.mono),
        (["COLORTERM": "truecolor"], 256, false, .truecolor),
        ([:], 256, true, .mono),
        ([:], 256, false, .ansi256),
        ([:], 8, false, .ansi8),
        (["NO_COLOR": ""], 8, false, .ansi8),
    ])
    func depthDetection(environment: [String: String], colors: Int, flag: Bool, expected: ColorDepth) {
        #expect(ColorDepth.detect(environment: environment, terminalColors: colors, noColorFlag: flag) == expected)
    }

    @Test func monoShowsStateWithAttributesOnly() {
        let theme = Theme.mono
        #expect(theme.style(.state(.critical)) == Style(attributes: [.bold, .reverse]))
        #expect(theme.style(.state(.warning)).bold)
        #expect(theme.style(.selection).reverse)
        for key in ThemeKey.allCases { #expect(theme.color(key) == .default) }
    }

    @Test func everyBuiltInThemeHasEveryKeyAndDegradesTo8Colors() throws {
        for name in BuiltInThemes.names {
            let theme = try #require(BuiltInThemes.theme(named: name))
            #expect(Set(theme.sourceColors.keys) == Set(ThemeKey.allCases))
            let low = theme.resolved(depth: .ansi8)
            for key in ThemeKey.allCases {
                if case .indexed(let index) = low.color(key) { #expect(index < 8) }
            }
        }
    }

    @Test func gradientRunsFromLowThroughMidToHigh() {
        let theme = Theme.standard
        #expect(theme.graphColor(0) == theme.color(.graphLow))
        #expect(theme.graphColor(0.5) == theme.color(.graphMid))
        #expect(theme.graphColor(1) == theme.color(.graphHigh))
        #expect(theme.graphColor(.nan) == theme.color(.graphLow))
    }

    @Test func partialThemeFallsBackAndUnknownKeysWarn() throws {
        let yaml = "base: nord\nok: \"#00ff00\"\nsparkle: \"#fff\"\n"
        let loaded = try ThemeLoader().parse(yaml, name: "mine", source: "mine.yaml")
        #expect(loaded.theme.name == "mine")
        #expect(loaded.theme.color(.ok) == .rgb(0, 255, 0))
        #expect(loaded.theme.color(.critical) == BuiltInThemes.theme(named: "nord")?.color(.critical))
        #expect(loaded.warnings == ["mine.yaml:3: unknown theme key 'sparkle' ignored"])
    }

    @Test func badColourIsAnErrorWithFileAndLine() {
        #expect(throws: ThemeError.self) { try ThemeLoader().parse("text: \"#12\"\n", name: "x", source: "x.yaml") }
        do {
            _ = try ThemeLoader().parse("title: blue\n", name: "x", source: "x.yaml")
        } catch {
            #expect(String(describing: error).hasPrefix("x.yaml:1: title: 'blue' is not a colour"))
        }
    }

    @Test func resolvesBuiltInNamesPathsAndRejectsUnknownNames() throws {
        let loader = ThemeLoader(directories: [])
        #expect(try loader.resolve("dracula").theme.name == "dracula")
        let path = ThemeTests.themesDirectory.appendingPathComponent("nord.yaml").path
        #expect(try loader.resolve(path).theme == BuiltInThemes.theme(named: "nord"))
        #expect(throws: ThemeError.self) { try loader.resolve("no-such-theme") }
    }

    /// The shipped files are the built-in themes written out; RECORD_SNAPSHOTS=1 rewrites them.
    @Test(arguments: BuiltInThemes.names)
    func shippedThemeFileMatchesTheBuiltIn(name: String) throws {
        let url = ThemeTests.themesDirectory.appendingPathComponent("\(name).yaml")
        let expected = try #require(BuiltInThemes.yaml(for: name))
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
            || !FileManager.default.fileExists(atPath: url.path)
        {
            try FileManager.default.createDirectory(at: ThemeTests.themesDirectory, withIntermediateDirectories: true)
            try expected.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == expected)
        let loaded = try ThemeLoader().load(path: url.path)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.theme == BuiltInThemes.theme(named: name))
    }
}
