import Dispatch
import Foundation
import QuantWatchDomain
import QuantWatchTUI

/// Runs the live dashboard in the terminal until the user quits, a signal arrives or the snapshots end.
///
/// Snapshots come from an async sequence; keys, drawing and every ncurses call happen on one dedicated thread
/// (ncurses is not thread-safe and getch blocks), which feeds them as events to a `DashboardLoop`.
public struct DashboardApp: Sendable {
    /// Why the dashboard ended.
    public typealias Exit = DashboardLoop.Exit

    public var snapshots: any AsyncSequence<Snapshot, Never> & Sendable
    public var ui: UIState
    /// The themes `t` cycles through; `ui.themeIndex` picks the current one.
    public var themes: [Theme]
    /// Requested depth (NO_COLOR / --no-color already applied); the terminal may lower it further.
    public var colorDepth: ColorDepth
    public var glyphs: GlyphSet
    public var framesPerSecond: Int
    /// Where stderr goes while the dashboard owns the screen.
    public var stderrPath: String

    public init(
        snapshots: some AsyncSequence<Snapshot, Never> & Sendable, ui: UIState = UIState(),
        themes: [Theme] = [.standard], colorDepth: ColorDepth = .truecolor, glyphs: GlyphSet = .unicode,
        framesPerSecond: Int = 10, stderrPath: String = "/dev/null"
    ) {
        self.snapshots = snapshots
        self.ui = ui
        self.themes = themes.isEmpty ? [.standard] : themes
        self.colorDepth = colorDepth
        self.glyphs = glyphs
        self.framesPerSecond = min(60, max(1, framesPerSecond))
        self.stderrPath = stderrPath
    }

    /// Shows the dashboard; returns how it ended.
    ///
    /// The terminal is restored on every path, errors included.
    public func run() async throws -> Exit {
        let mailbox = DashboardMailbox()
        let feeder = Task { [snapshots] in
            for await snapshot in snapshots { mailbox.post(snapshot) }
            mailbox.postEnd()
        }
        defer { feeder.cancel() }
        let signals = SignalWatcher(mailbox: mailbox)
        defer { signals.stop() }
        let app = self
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try app.loop(mailbox))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "quantwatch-terminal"
            thread.start()
        }
    }

    /// The terminal thread: mail and keys become the loop's events, and the loop says how long to wait for a key.
    private func loop(_ mailbox: DashboardMailbox) throws -> Exit {
        var terminal = try NcursesTerminal(stderrPath: stderrPath)
        defer { terminal.restore() }
        let depth = min(colorDepth, terminal.maximumDepth)
        var ui = self.ui
        ui.screenSize = terminal.size
        var loop = DashboardLoop(
            ui: ui, themes: themes.map { $0.resolved(depth: depth, glyphs: glyphs) }, framesPerSecond: framesPerSecond)
        let clock = ContinuousClock()
        let start = clock.now
        while true {
            let mail = mailbox.take()
            var events: [DashboardLoop.Event] = []
            if let number = mail.signal { events.append(.signal(number)) }
            if mail.resized {
                terminal.refreshSize()
                events.append(.resize(terminal.size))
            }
            if let snapshot = mail.snapshot { events.append(.snapshot(snapshot)) }
            if mail.ended { events.append(.snapshotsEnded) }
            events.append(.tick)
            var wait = Duration.zero
            for event in events {
                switch loop.handle(event, at: start.duration(to: clock.now), on: &terminal) {
                case .exit(let exit): return exit
                case .wait(let next): wait = next
                }
            }
            guard let key = terminal.readKey(timeout: Self.milliseconds(wait)) else {
                // A closed terminal may send no SIGHUP; treat it as one rather than spin on failing reads.
                if terminal.inputHungUp { return .signal(SIGHUP) }
                continue
            }
            if case .exit(let exit) = loop.handle(.key(key), at: start.duration(to: clock.now), on: &terminal) {
                return exit
            }
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        max(1, Int(duration / .milliseconds(1)))
    }
}
