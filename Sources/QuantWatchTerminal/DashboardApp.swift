import Dispatch
import Foundation
import QuantWatchDomain
import QuantWatchTUI

/// Runs the live dashboard in the terminal until the user quits or a signal ends it.
///
/// Snapshots come from an AsyncStream; keys, drawing and every ncurses call happen on one dedicated thread
/// (ncurses is not thread-safe and getch blocks), which redraws only when the snapshot or the UI changed,
/// at most `framesPerSecond` times a second.
public struct DashboardApp: Sendable {
    /// Why the dashboard ended.
    public enum Exit: Sendable, Equatable {
        case quit
        /// SIGTERM, SIGINT or SIGHUP arrived; the caller should exit with 128 + the signal number.
        case signal(Int32)
    }

    public var snapshots: AsyncStream<Snapshot>
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
        snapshots: AsyncStream<Snapshot>, ui: UIState = UIState(), themes: [Theme] = [.standard],
        colorDepth: ColorDepth = .truecolor, glyphs: GlyphSet = .unicode, framesPerSecond: Int = 10,
        stderrPath: String = "/dev/null"
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

    /// The terminal thread's loop: input, mailbox, frame-capped redraw.
    private func loop(_ mailbox: DashboardMailbox) throws -> Exit {
        let terminal = try NcursesTerminal(stderrPath: stderrPath)
        defer { terminal.restore() }
        let depth = min(colorDepth, terminal.maximumDepth)
        let palette = themes.map { $0.resolved(depth: depth, glyphs: glyphs) }
        var ui = self.ui
        ui.screenSize = terminal.size
        var live = Snapshot(takenAt: Date(), startedAt: Date())
        var previous = ScreenBuffer(size: .zero)
        var dirty = true
        let frame = 1.0 / Double(framesPerSecond)
        var lastDraw = 0.0
        while true {
            let mail = mailbox.take()
            if let number = mail.signal { return .signal(number) }
            if mail.resized {
                terminal.refreshSize()
                _ = ui.handle(.resize(terminal.size))
                previous = ScreenBuffer(size: .zero)
                dirty = true
            }
            if let snapshot = mail.snapshot {
                live = snapshot
                if ui.observe(snapshot) { dirty = true }
            }
            let now = ProcessInfo.processInfo.systemUptime
            if dirty, now - lastDraw >= frame {
                let theme = palette[((ui.themeIndex % palette.count) + palette.count) % palette.count]
                let next = render(live, ui, size: terminal.size, theme: theme)
                terminal.draw(next.diff(from: previous))
                terminal.flush()
                previous = next
                dirty = false
                lastDraw = now
            }
            let wait = dirty ? max(1, Int((frame - (now - lastDraw)) * 1000)) : Int(frame * 1000)
            guard let key = terminal.readKey(timeout: wait) else {
                // A closed terminal may send no SIGHUP; treat it as one rather than spin on failing reads.
                if terminal.inputHungUp { return .signal(SIGHUP) }
                continue
            }
            if case .resize = key {
                previous = ScreenBuffer(size: .zero)
            }
            switch ui.handle(key) {
            case .quit: return .quit
            case .redraw: dirty = true
            case .none: break
            }
        }
    }
}
