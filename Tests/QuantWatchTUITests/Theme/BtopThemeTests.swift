import Foundation
import Testing

@testable import QuantWatchTUI

/// btop `.theme` files read onto quantwatch's semantic colours.
struct BtopThemeTests {
    /// A complete btop theme in btop's layout: every key btop's default theme has, each colour form btop reads
    /// ("#RRGGBB", "#BW" grey, "R G B"), an empty main_bg and empty gradient mids.
    static let fullTheme = """
        # Colors should be in 6 or 2 character hexadecimal or single spaced rgb decimal
        theme[main_bg]=""
        theme[main_fg]="#cc"
        theme[title]="#ee"
        theme[hi_fg]="#b54040"
        theme[selected_bg]="#6a2f2f"
        theme[selected_fg]="#ee"
        theme[inactive_fg]="#40"
        theme[graph_text]="#60"
        theme[meter_bg]="#40"
        theme[proc_misc]="#0de756"
        theme[cpu_box]="#3d7b46"
        theme[mem_box]="#8a882e"
        theme[net_box]="#423ba5"
        theme[proc_box]="#923535"
        theme[div_line]="#30"
        theme[temp_start]="#4897d4"
        theme[temp_mid]="#5474e8"
        theme[temp_end]="#ff40b6"
        theme[cpu_start]="#50f095"
        theme[cpu_mid]=""
        theme[cpu_end]="255 40 40"
        theme[free_start]="#223014"
        theme[free_mid]="#b5e685"
        theme[free_end]="#dcff85"
        theme[cached_start]="#0b1a29"
        theme[cached_mid]="#74e6fc"
        theme[cached_end]="#26c5ff"
        theme[available_start]="#292107"
        theme[available_mid]="#ffd77a"
        theme[available_end]="#ffb814"
        theme[used_start]="#3b1f1c"
        theme[used_mid]="#d9626d"
        theme[used_end]="#ff4769"
        theme[download_start]="#231a63"
        theme[download_mid]="#4f43a3"
        theme[download_end]="#b0a9de"
        theme[upload_start]="#510554"
        theme[upload_mid]="#7d4180"
        theme[upload_end]="#dcafde"
        theme[process_start]="#80d0a3"
        theme[process_mid]="#dcd179"
        theme[process_end]="#d45454"

        """

    static let gruvbox = ThemeTests.themesDirectory.appendingPathComponent("gruvbox_dark.theme").path

    @Test func fullThemeMapsOntoSemanticKeys() throws {
        let loaded = try BtopThemeParser.parse(Self.fullTheme, name: "btop-default", source: "Default.theme")
        let theme = loaded.theme
        #expect(loaded.warnings.isEmpty)
        #expect(theme.name == "btop-default")
        #expect(theme.color(.background) == .default)
        #expect(theme.color(.text) == .rgb(0xCC, 0xCC, 0xCC))
        #expect(theme.color(.title) == .rgb(0xEE, 0xEE, 0xEE))
        #expect(theme.color(.accent) == .rgb(0xB5, 0x40, 0x40))
        #expect(theme.color(.selectionBackground) == .rgb(0x6A, 0x2F, 0x2F))
        #expect(theme.color(.selectionForeground) == .rgb(0xEE, 0xEE, 0xEE))
        #expect(theme.color(.muted) == .rgb(0x40, 0x40, 0x40))
        #expect(theme.color(.border) == .rgb(0x30, 0x30, 0x30))
        #expect(theme.color(.headerBackground) == .rgb(0x40, 0x40, 0x40))
        #expect(theme.color(.baseline) == .rgb(0x0D, 0xE7, 0x56))
        // The CPU gradient is the graph's; the empty mid is the blend of the ends.
        #expect(theme.color(.graphLow) == .rgb(0x50, 0xF0, 0x95))
        #expect(theme.color(.graphHigh) == .rgb(255, 40, 40))
        #expect(theme.color(.graphMid) == .rgb(167, 140, 94))
        #expect(theme.graphColor(0) == .rgb(0x50, 0xF0, 0x95))
        #expect(theme.graphColor(1) == .rgb(255, 40, 40))
    }

    @Test func stateColoursComeFromTheThemesOwnGreenYellowAndRed() throws {
        let theme = try BtopThemeParser.parse(Self.fullTheme, name: "x", source: "x.theme").theme
        #expect(theme.color(.ok) == .rgb(0x3D, 0x7B, 0x46))
        #expect(theme.color(.warning) == .rgb(0xDC, 0xD1, 0x79))
        #expect(theme.color(.critical) == .rgb(255, 40, 40))
    }

    @Test func themeWithoutStateHuesKeepsTheBuiltInStateColours() throws {
        let text = "theme[main_bg]=\"#10\"\ntheme[main_fg]=\"#dd\"\ntheme[cpu_start]=\"#2040ff\"\n"
        let theme = try BtopThemeParser.parse(text, name: "blue", source: "blue.theme").theme
        let standard = try #require(BuiltInThemes.theme(named: "default"))
        #expect(theme.color(.ok) == standard.color(.ok))
        #expect(theme.color(.critical) == standard.color(.critical))
        // One gradient colour is the whole graph.
        #expect(theme.color(.graphMid) == .rgb(0x20, 0x40, 0xFF))
        #expect(theme.color(.graphHigh) == .rgb(0x20, 0x40, 0xFF))
    }

    @Test func lightBackgroundStartsFromTheLightTheme() throws {
        let theme = try BtopThemeParser.parse("theme[main_bg]=\"#f0f0f0\"\n", name: "paper", source: "p.theme").theme
        #expect(theme.color(.background) == .rgb(0xF0, 0xF0, 0xF0))
        #expect(theme.color(.text) == BuiltInThemes.theme(named: "light")?.color(.text))
    }

    @Test func bareValuesAndSpacesAroundTheEqualsSignAreRead() throws {
        let text = "theme[main_fg] = #112233\ntheme[title]='#445566'\n"
        let theme = try BtopThemeParser.parse(text, name: "x", source: "x.theme").theme
        #expect(theme.color(.text) == .rgb(0x11, 0x22, 0x33))
        #expect(theme.color(.title) == .rgb(0x44, 0x55, 0x66))
    }

    @Test(arguments: [
        (
            "# fine\ntheme[cpu_end]=\"5ffdff\"\n",
            "t.theme:2: theme[cpu_end]: '5ffdff' is not a colour (expected \"#RRGGBB\", \"#BW\" for a grey, "
                + "\"R G B\" with 0-255 each, or \"\")"
        ),
        ("theme[main_fg]=\"#12345\"\n", "t.theme:1: theme[main_fg]: '#12345' is not a colour"),
        ("theme[main_fg]=\"300 0 0\"\n", "t.theme:1: theme[main_fg]: '300 0 0' is not a colour"),
        ("\n\ncolor_theme = nord\n", "t.theme:3: 'color_theme = nord' is not a btop theme line (expected theme[key]="),
        ("theme[main_fg]\"#ffffff\"\n", "t.theme:1: 'theme[main_fg]\"#ffffff\"' is not a btop theme line"),
        ("theme[title]=\"#ffffff\n", "t.theme:1: theme[title]: the value's closing \" is missing"),
    ])
    func badLinesNameTheFileTheLineAndWhatWasExpected(text: String, message: String) {
        do {
            _ = try BtopThemeParser.parse(text, name: "t", source: "t.theme")
            Issue.record("no error for \(text.debugDescription)")
        } catch {
            #expect(String(describing: error).hasPrefix(message), "\(error)")
        }
    }

    @Test func keysBtopDoesNotHaveWarnAndTheRestIsUsed() throws {
        let text = "theme[main_fg]=\"#ffffff\"\ntheme[sparkle]=\"#000000\"\ntheme[gpu_start]=\"#00ff00\"\n"
        let loaded = try BtopThemeParser.parse(text, name: "x", source: "x.theme")
        #expect(loaded.warnings == ["x.theme:2: unknown btop theme key 'sparkle' ignored"])
        #expect(loaded.theme.color(.text) == .rgb(255, 255, 255))
    }

    @Test func shippedGruvboxThemeLoadsByNameFromTheThemesFolder() throws {
        let loader = ThemeLoader(directories: [ThemeTests.themesDirectory.path])
        let loaded = try loader.resolve("gruvbox_dark")
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.theme.name == "gruvbox_dark")
        #expect(loaded.theme.color(.background) == .rgb(0x28, 0x28, 0x28))
        #expect(loaded.theme.color(.text) == .rgb(0xEB, 0xDB, 0xB2))
        #expect(loaded.theme.color(.accent) == .rgb(0xFE, 0x80, 0x19))
        #expect(loaded.theme.color(.graphLow) == .rgb(0xB8, 0xBB, 0x26))
        #expect(loaded.theme.color(.graphMid) == .rgb(0xFA, 0xBD, 0x2F))
        #expect(loaded.theme.color(.warning) == .rgb(0xFA, 0xBD, 0x2F))
        #expect(try loader.resolve(Self.gruvbox).theme == loaded.theme)
    }

    @Test func dashboardDrawnWithTheBtopThemeUsesItsColours() throws {
        let theme = try ThemeLoader().load(path: Self.gruvbox).theme
        let size = Size(width: 120, height: 40)
        let buffer = render(Fixtures.snapshot, Fixtures.ui(size), size: size, theme: theme)
        // The header bar on btop's meter background; panel corners in its divider colour; text in main_fg.
        #expect(buffer[0, 0].style.bg == .rgb(0x3C, 0x38, 0x36))
        var corners: [Cell] = []
        var texts: Set<Color> = []
        for y in 0..<size.height {
            for x in 0..<size.width {
                let cell = buffer[x, y]
                if cell.glyph == "╭" { corners.append(cell) }
                if cell.style.bg == .rgb(0x28, 0x28, 0x28) { texts.insert(cell.style.fg) }
            }
        }
        #expect(!corners.isEmpty)
        #expect(corners.allSatisfy { $0.style.fg == .rgb(0x50, 0x49, 0x45) })
        #expect(texts.contains(.rgb(0xEB, 0xDB, 0xB2)))
    }
}
