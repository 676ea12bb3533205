import ArgumentParser
import Foundation
import QuantWatchDomain
import QuantWatchTUI
import QuantWatchTerminal

/// Flags of every command that opens the dashboard, and turning them into a running `DashboardApp`.
struct DashboardOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Theme name (default, light, high-contrast, nord, dracula, or one in ./themes), a theme .yaml file, "
                + "or a btop .theme file."))
    var theme: String = "default"

    @Flag(help: "No colour: state shown by symbols, bold and reverse (also when NO_COLOR is set).")
    var noColor = false

    @Flag(help: "Plain ASCII glyphs instead of braille, box drawing and symbols.")
    var ascii = false

    @Option(help: "Most frames drawn per second.")
    var refresh: Int = 10

    func validate() throws {
        guard (1...60).contains(refresh) else { throw ValidationError("--refresh must be 1...60 frames per second") }
    }

    /// The dashboard these flags describe, over `snapshots`; a bad theme or key map is a usage error.
    func app(
        _ snapshots: some AsyncSequence<Snapshot, Never> & Sendable, keys: [String: String], configPath: String
    ) throws -> DashboardApp {
        let loader = ThemeLoader(directories: ["themes"])
        let chosen: ThemeLoader.Loaded
        do {
            chosen = try loader.resolve(theme)
        } catch {
            throw ValidationError(String(describing: error))
        }
        for warning in chosen.warnings { StandardError.print("warning: \(warning)") }
        let (keyMap, keyErrors) = KeyMap.make(overrides: keys)
        if !keyErrors.isEmpty {
            for error in keyErrors { StandardError.print("\(configPath): error: keys: \(error.message)") }
            throw ExitStatus.configError
        }
        let others = BuiltInThemes.names.filter { $0 != chosen.theme.name }.compactMap(BuiltInThemes.theme(named:))
        let depth = ColorDepth.detect(
            environment: ProcessInfo.processInfo.environment, terminalColors: nil, noColorFlag: noColor)
        return DashboardApp(
            snapshots: snapshots, ui: UIState(keyMap: keyMap), themes: [chosen.theme] + others, colorDepth: depth,
            glyphs: ascii ? .ascii : .unicode, framesPerSecond: refresh)
    }
}
