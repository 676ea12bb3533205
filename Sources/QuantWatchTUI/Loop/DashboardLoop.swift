import Foundation
import QuantWatchDomain

/// The dashboard's run loop as a value: each event (a key, a new size, a snapshot, a tick of time, the end of
/// the snapshots, a signal) updates the UI state and draws what changed on a `TerminalBackend`, at most
/// `framesPerSecond` times a second, and says what the driver does next: wait for input, or stop.
///
/// The ncurses driver (`DashboardApp`) only turns input and mail into events; a test drives the same loop with a
/// `FakeTerminal` and instants of its own.
public struct DashboardLoop: Sendable {
    public enum Event: Sendable, Equatable {
        case key(Key)
        /// The terminal has a new size (SIGWINCH, after the backend re-read it).
        case resize(Size)
        case snapshot(Snapshot)
        /// Time passed: a frame held back by the frame cap may be drawn now.
        case tick
        /// The monitor stopped (`run --duration` ended): the dashboard ends with it.
        case snapshotsEnded
        /// SIGTERM, SIGINT or SIGHUP arrived.
        case signal(Int32)
    }

    /// Why the dashboard ended.
    public enum Exit: Sendable, Equatable {
        case quit
        /// The caller should exit with 128 + the signal number.
        case signal(Int32)
        /// The snapshots ended: the monitor stopped on its own.
        case streamEnded
    }

    /// What the driver does after an event.
    public enum Step: Sendable, Equatable {
        /// Wait for input at most this long, then send `.tick`.
        case wait(Duration)
        case exit(Exit)
    }

    public private(set) var ui: UIState
    /// The snapshot drawn (the frozen one while paused comes from `ui`).
    public private(set) var live: Snapshot
    /// Frames drawn so far.
    public private(set) var frames = 0
    private let themes: [Theme]
    private let frame: Duration
    private var previous = ScreenBuffer(size: .zero)
    private var dirty = true
    private var lastDraw: Duration?

    /// - Parameters:
    ///   - themes: resolved for the terminal's depth; `t` cycles through them.
    ///   - live: drawn until the first snapshot arrives.
    public init(
        ui: UIState, themes: [Theme], framesPerSecond: Int,
        live: Snapshot = Snapshot(takenAt: Date(), startedAt: Date())
    ) {
        self.ui = ui
        self.themes = themes.isEmpty ? [.standard] : themes
        self.frame = .seconds(1) / min(60, max(1, framesPerSecond))
        self.live = live
    }

    /// Handles one event at `now` (monotonic time since any fixed origin), drawing on `terminal` when a frame is
    /// due.
    public mutating func handle(_ event: Event, at now: Duration, on terminal: inout some TerminalBackend) -> Step {
        switch event {
        case .key(let key):
            // ncurses may report a resize as a key; the old frame no longer matches the screen either way.
            if case .resize = key { previous = ScreenBuffer(size: .zero) }
            switch ui.handle(key) {
            case .quit: return .exit(.quit)
            case .redraw: dirty = true
            case .none: break
            }
        case .resize(let size):
            _ = ui.handle(.resize(size))
            previous = ScreenBuffer(size: .zero)
            dirty = true
        case .snapshot(let snapshot):
            live = snapshot
            if ui.observe(snapshot) { dirty = true }
        case .tick:
            break
        case .snapshotsEnded:
            return .exit(.streamEnded)
        case .signal(let number):
            return .exit(.signal(number))
        }
        return drawIfDue(at: now, on: &terminal)
    }

    private mutating func drawIfDue(at now: Duration, on terminal: inout some TerminalBackend) -> Step {
        if dirty, lastDraw.map({ now - $0 >= frame }) ?? true {
            let theme = themes[((ui.themeIndex % themes.count) + themes.count) % themes.count]
            let next = render(live, ui, size: terminal.size, theme: theme)
            terminal.draw(next.diff(from: previous))
            terminal.flush()
            previous = next
            dirty = false
            lastDraw = now
            frames += 1
        }
        guard dirty, let lastDraw else { return .wait(frame) }
        return .wait(max(.milliseconds(1), frame - (now - lastDraw)))
    }
}
