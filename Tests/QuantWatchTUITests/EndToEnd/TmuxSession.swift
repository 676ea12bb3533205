import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A detached tmux session running a shell, driven with send-keys and read with capture-pane.
struct TmuxSession {
    let name: String

    /// Finds tmux on PATH; nil when it is not installed (the end-to-end tests are then skipped).
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Starts a plain shell in a new session of the given size, with a recognisable prompt.
    init(width: Int, height: Int) throws {
        name = "qwtest-\(UUID().uuidString.prefix(8))"
        try TmuxSession.run(
            output: false,
            [
                "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                "env PS1='qw-prompt$ ' TERM=xterm-256color bash --norc --noprofile",
            ])
    }

    /// Runs a tmux command with posix_spawn and waitpid.
    ///
    /// Foundation's Process left the exited tmux client a
    /// zombie here (the test hung in waitUntilExit whenever the command started the tmux server), so the
    /// child is reaped directly; output goes through a temporary file, which the server daemon cannot hold open.
    @discardableResult
    static func run(output capture: Bool = true, _ arguments: [String]) throws -> String {
        guard let executable else { throw TmuxError("tmux not installed") }
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("qwtmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, capture ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw TmuxError("cannot start tmux (errno \(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard capture, let data = FileManager.default.contents(atPath: outputPath) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Types keys (tmux key names such as Enter, Escape, C-c, or literal text with `literal`).
    func send(_ keys: String..., literal: Bool = false) throws {
        try TmuxSession.run(output: false, ["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    /// Resizes the session's window, which the program sees as SIGWINCH, as when a user drags the terminal.
    func resize(width: Int, height: Int) throws {
        try TmuxSession.run(output: false, ["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    func screen() throws -> String { try TmuxSession.run(["capture-pane", "-t", name, "-p"]) }

    /// The screen with its SGR attribute escapes (`capture-pane -e`), to tell how a cell is drawn.
    func styledScreen() throws -> String { try TmuxSession.run(["capture-pane", "-t", name, "-p", "-e"]) }

    /// A tmux format value of the pane, for example `#{alternate_on}`.
    func format(_ format: String) throws -> String {
        try TmuxSession.run(["display-message", "-p", "-t", name, format]).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `predicate` holds or the deadline passes; returns the last screen seen.
    ///
    /// Async, so the wait sleeps instead of holding one of the cooperative pool's threads (two on a 2-core
    /// machine) for seconds, which stalled every async test running beside it.
    @discardableResult
    func waitFor(timeout: Double = 20, _ predicate: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }

    @discardableResult
    func waitFor(_ text: String, timeout: Double = 20) async throws -> String {
        try await waitFor(timeout: timeout) { $0.contains(text) }
    }

    func kill() { _ = try? TmuxSession.run(output: false, ["kill-session", "-t", name]) }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
