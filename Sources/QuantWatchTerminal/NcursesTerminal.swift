import CNcursesw
import Foundation
import QuantWatchTUI

/// The ncurses backend: owns the terminal between `init` and `restore()`, paints only changed cells.
///
/// Not thread-safe (ncurses is not): create, use and restore it on one thread.
public final class NcursesTerminal: TerminalBackend {
    /// The colour depth the terminal itself supports (ncurses here maps RGB down to at most 256 colours).
    public let maximumDepth: ColorDepth
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    private let pairLimit: Int32
    private var restored = false
    private var savedStderr: Int32 = -1
    private let planner = PaintPlanner()

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// Takes over the terminal: locale, raw mode, keypad, mouse, colours.
    ///
    /// Log output to stderr is sent to
    /// `stderrPath` (default /dev/null) while the screen is ours, so no log line lands on it.
    public init(stderrPath: String = "/dev/null") throws {
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            throw TerminalError("the dashboard needs a terminal on stdin and stdout (use --headless for pipes)")
        }
        // Without a UTF-8 locale ncursesw draws braille and box glyphs as garbage.
        let locale = setlocale(LC_ALL, "").map { String(cString: $0) } ?? ""
        if !locale.lowercased().contains("utf-8") && !locale.lowercased().contains("utf8") {
            _ = setlocale(LC_ALL, "C.UTF-8")
        }
        // Our own SIGWINCH source handles resizes; ncurses installs its handler only over SIG_DFL.
        signal(SIGWINCH, SIG_IGN)
        guard qw_start() == 1 else {
            throw TerminalError(
                "cannot start the terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "unset"))")
        }
        _ = qw_raw_mode()
        qw_mouse_on()
        if qw_has_colors() == 1 {
            start_color()
            use_default_colors()
            let colors = qw_colors()
            maximumDepth = colors >= 256 ? .ansi256 : colors >= 8 ? .ansi8 : .mono
            pairLimit = Int32(min(qw_color_pairs(), 32_767))
        } else {
            maximumDepth = .mono
            pairLimit = 0
        }
        qw_flush_stderr()
        savedStderr = dup(STDERR_FILENO)
        let sink = open(stderrPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        if sink >= 0 {
            dup2(sink, STDERR_FILENO)
            close(sink)
        }
    }

    deinit { restore() }

    public var size: Size { Size(width: Int(qw_cols()), height: Int(qw_lines())) }

    /// Re-reads the tty size after SIGWINCH and tells ncurses; the next frame must be a full repaint.
    public func refreshSize() {
        var rows: Int32 = 0
        var columns: Int32 = 0
        if qw_tty_size(&rows, &columns) == 1 { _ = qw_resize(rows, columns) }
        _ = qw_erase()
        _ = qw_clearok()
    }

    public func draw(_ changes: [CellChange]) {
        for operation in planner.plan(changes) {
            switch operation {
            case .move(let x, let y):
                _ = qw_move(Int32(y), Int32(x))
            case .style(let style):
                _ = qw_attr_set(attributes(style), pair(style))
            case .text(let text):
                var utf8 = Array(text.utf8CString)
                let count = Int32(utf8.count - 1)
                utf8.withUnsafeMutableBufferPointer { pointer in
                    _ = qw_addnstr(pointer.baseAddress, count)
                }
            }
        }
    }

    public func flush() { _ = qw_refresh() }

    /// Waits up to `milliseconds` for input; nil when none came.
    public func readKey(timeout milliseconds: Int) -> Key? {
        var value: UInt32 = 0
        let result = qw_read(Int32(milliseconds), &value)
        if result == qw_err() { return nil }
        if result == qw_key_code_yes() { return keyCode(Int32(bitPattern: value)) }
        return character(value)
    }

    /// True once the terminal is gone: every read would fail at once from now on.
    public var inputHungUp: Bool { qw_input_hung_up() == 1 }

    /// Gives the terminal back: attributes off, cursor on, alternate screen left, stderr restored.
    ///
    /// Idempotent.
    public func restore() {
        guard !restored else { return }
        restored = true
        _ = qw_attr_set(qw_attr_normal(), 0)
        curs_set(1)
        _ = qw_end()
        qw_flush_stdout()
        signal(SIGWINCH, SIG_DFL)
        if savedStderr >= 0 {
            dup2(savedStderr, STDERR_FILENO)
            close(savedStderr)
            savedStderr = -1
        }
    }

    // MARK: - Keys

    private func keyCode(_ code: Int32) -> Key? {
        switch code {
        case qw_key_up(): return .up
        case qw_key_down(): return .down
        case qw_key_left(): return .left
        case qw_key_right(): return .right
        case qw_key_npage(): return .pageDown
        case qw_key_ppage(): return .pageUp
        case qw_key_home(): return .home
        case qw_key_end(): return .end
        case qw_key_enter(): return .enter
        case qw_key_backspace(): return .backspace
        case qw_key_btab(): return .tab
        case qw_key_resize(): return .resize(size)
        case qw_key_mouse():
            var x: Int32 = 0
            var y: Int32 = 0
            switch qw_mouse_event(&x, &y) {
            case 1: return .mouse(x: Int(x), y: Int(y))
            case 2: return .up
            case 3: return .down
            default: return nil
            }
        case (qw_key_f0() + 1)...(qw_key_f0() + 12): return .function(Int(code - qw_key_f0()))
        default: return nil
        }
    }

    private func character(_ value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(value + 96) ?? "?"))
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    // MARK: - Styles

    private func attributes(_ style: Style) -> UInt32 {
        var attributes = qw_attr_normal()
        if style.bold { attributes |= qw_attr_bold() }
        if style.reverse { attributes |= qw_attr_reverse() }
        if style.dim { attributes |= qw_attr_dim() }
        if style.underline { attributes |= qw_attr_underline() }
        return attributes
    }

    /// The colour pair for a style's colours, initialised on first use (pair 0 when colours run out).
    private func pair(_ style: Style) -> Int32 {
        guard pairLimit > 0 else { return 0 }
        let key = PairKey(foreground: number(style.fg), background: number(style.bg))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let existing = pairs[key] { return existing }
        guard nextPair < pairLimit else { return 0 }
        let pair = nextPair
        nextPair += 1
        _ = qw_init_pair(pair, key.foreground, key.background)
        pairs[key] = pair
        return pair
    }

    private func number(_ color: Color) -> Int32 {
        switch color.degraded(to: maximumDepth) {
        case .default: return -1
        case .indexed(let index): return Int32(index)
        case .rgb: return -1
        }
    }
}
