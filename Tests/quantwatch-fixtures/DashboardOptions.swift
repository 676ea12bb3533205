import ArgumentParser
import Foundation
import QuantWatchDomain
import QuantWatchTUI
import QuantWatchTerminal

/// The dashboard flags of `quantwatch run`, for the fixture dashboard: the same screen, themes and glyphs.
struct DashboardOptions: ParsableArguments {
    @Option(help: "Theme name, a theme .yaml file, or a btop .theme file.")
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

    /// Shows the dashboard until the user quits; a signal ends the process with 128 + its number.
    func show(_ snapshots: AsyncStream<Snapshot>, keys: [String: String], configPath: String) async throws {
        let chosen: ThemeLoader.Loaded
        do {
            chosen = try ThemeLoader(directories: ["themes"]).resolve(theme)
        } catch {
            throw ValidationError(String(describing: error))
        }
        let (keyMap, keyErrors) = KeyMap.make(overrides: keys)
        guard keyErrors.isEmpty else { throw ValidationError("\(configPath): keys: \(keyErrors)") }
        let others = BuiltInThemes.names.filter { $0 != chosen.theme.name }.compactMap(BuiltInThemes.theme(named:))
        let depth = ColorDepth.detect(
            environment: ProcessInfo.processInfo.environment, terminalColors: nil, noColorFlag: noColor)
        let app = DashboardApp(
            snapshots: snapshots, ui: UIState(keyMap: keyMap), themes: [chosen.theme] + others, colorDepth: depth,
            glyphs: ascii ? .ascii : .unicode, framesPerSecond: refresh)
        switch try await app.run() {
        case .quit: return
        case .signal(let number): throw ExitCode(128 + number)
        }
    }
}
