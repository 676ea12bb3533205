import Foundation

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
        try TmuxSession.run(output: false, ["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
            "env PS1='qw-prompt$ ' TERM=xterm-256color bash --norc --noprofile"])
    }

    /// Runs a tmux command. Commands that may start the tmux server must not capture output: the server
    /// daemon would inherit the pipe and reading it would never end.
    @discardableResult
    static func run(output capture: Bool = true, _ arguments: [String]) throws -> String {
        guard let executable else { throw TmuxError("tmux not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        process.standardOutput = capture ? output : FileHandle.nullDevice
        try process.run()
        let data = capture ? output.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Types keys (tmux key names such as Enter, Escape, C-c, or literal text with `literal`).
    func send(_ keys: String..., literal: Bool = false) throws {
        try TmuxSession.run(output: false, ["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    func screen() throws -> String { try TmuxSession.run(["capture-pane", "-t", name, "-p"]) }

    /// A tmux format value of the pane, e.g. `#{alternate_on}`.
    func format(_ format: String) throws -> String {
        try TmuxSession.run(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `predicate` holds or the deadline passes; returns the last screen seen.
    @discardableResult
    func waitFor(timeout: Double = 20, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return last
    }

    @discardableResult
    func waitFor(_ text: String, timeout: Double = 20) throws -> String {
        try waitFor(timeout: timeout) { $0.contains(text) }
    }

    func kill() { _ = try? TmuxSession.run(output: false, ["kill-session", "-t", name]) }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
