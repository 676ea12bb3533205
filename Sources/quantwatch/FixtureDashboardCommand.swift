import ArgumentParser
import Foundation
import QuantWatchCore
import QuantWatchTUI
import QuantWatchTerminal

/// Hidden: the real dashboard on a deterministic, animated fixture fleet (no network), for trying the
/// screen and for the end-to-end test.
struct FixtureDashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixture-dashboard",
        abstract: "Show the dashboard on a built-in fixture fleet (testing aid).",
        shouldDisplay: false
    )

    @Option(help: "Theme name (default, light, high-contrast, nord, dracula) or path to a theme .yaml file.")
    var theme: String = "default"

    @Flag(help: "No colour: state shown by symbols, bold and reverse (also when NO_COLOR is set).")
    var noColor = false

    @Flag(help: "Plain ASCII glyphs instead of braille, box drawing and symbols.")
    var ascii = false

    @Option(help: "Most frames drawn per second.")
    var refresh: Int = 10

    @Option(help: "Targets in the fixture fleet.")
    var targets: Int = 6

    @Option(help: "Seconds between fixture snapshots.")
    var interval: Double = 1

    func validate() throws {
        guard (1...60).contains(refresh) else { throw ValidationError("--refresh must be 1...60 frames per second") }
        guard (0...5000).contains(targets) else { throw ValidationError("--targets must be 0...5000") }
        guard interval > 0 else { throw ValidationError("--interval must be above 0 seconds") }
    }

    func run() async throws {
        let loader = ThemeLoader(directories: ["themes"])
        let chosen: ThemeLoader.Loaded
        do {
            chosen = try loader.resolve(theme)
        } catch {
            throw ValidationError(String(describing: error))
        }
        for warning in chosen.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        let others = BuiltInThemes.names.filter { $0 != chosen.theme.name }.compactMap(BuiltInThemes.theme(named:))
        let depth = ColorDepth.detect(environment: ProcessInfo.processInfo.environment, terminalColors: nil,
            noColorFlag: noColor)
        let fleet = FixtureFleet(targetCount: targets)
        let app = DashboardApp(
            snapshots: fleet.stream(interval: .milliseconds(Int(interval * 1000)), firstTick: 100),
            themes: [chosen.theme] + others, colorDepth: depth, glyphs: ascii ? .ascii : .unicode,
            framesPerSecond: refresh)
        switch try await app.run() {
        case .quit: return
        case .signal(let number): throw ExitCode(128 + number)
        }
    }
}
