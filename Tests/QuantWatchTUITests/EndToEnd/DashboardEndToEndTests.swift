import Foundation
import Testing

/// Drives the real binary in tmux at 120x40: keys change what the screen shows, and the terminal is given
/// back after q and after SIGTERM.
@Suite(.serialized, .timeLimit(.minutes(2)), .enabled(if: TmuxSession.executable != nil, "tmux is not installed"))
struct DashboardEndToEndTests {
    private func start() async throws -> TmuxSession {
        let binary = try QuantwatchBinary.fixturesPath()
        let session = try TmuxSession(width: 120, height: 40)
        try await session.waitFor("qw-prompt$", timeout: 10)
        // The themes folder of the package resolves `--theme` names from files, as a user's checkout would.
        try session.send("cd '\(QuantwatchBinary.packageRoot.path)' && '\(binary)' fixture-dashboard", "Enter")
        return session
    }

    @Test
    func keysDriveTheDashboardAndQuitRestoresTheTerminal() async throws {
        let session = try await start()
        defer { session.kill() }
        var screen = try await session.waitFor("llama3-fp16")
        #expect(screen.contains("quantwatch"))
        #expect(screen.contains("6 targets"))
        #expect(screen.contains("Latency llama3-fp16"))
        #expect(try session.format("#{alternate_on}") == "1")

        try session.send("j")
        screen = try await session.waitFor("Latency llama3-q8")
        #expect(screen.contains("Latency llama3-q8"))

        // A mouse click (SGR 1006 report, what xterm-256color's ncurses asks for) on the third row selects it.
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(lines.firstIndex { $0.contains("llama3-q4km ") }, "q4km is in the table")
        try session.send("\u{1B}[<0;20;\(row + 1)M", literal: true)
        try session.send("\u{1B}[<0;20;\(row + 1)m", literal: true)
        screen = try await session.waitFor("Latency llama3-q4km")
        #expect(screen.contains("Latency llama3-q4km"))
        // The release must not stall the screen (ncurses used to block reading past a masked-out event).
        let header = screen.split(separator: "\n").first.map(String.init) ?? ""
        screen = try await session.waitFor { !$0.hasPrefix(header) }
        #expect(!screen.hasPrefix(header), "the clock in the header moves on after a click")
        // The wheel moves the selection like j/k.
        try session.send("\u{1B}[<65;20;\(row + 1)M", literal: true)
        screen = try await session.waitFor("Latency llama3-q4_0")
        #expect(screen.contains("Latency llama3-q4_0"))
        try session.send("\u{1B}[<64;20;\(row + 1)M", literal: true)
        screen = try await session.waitFor("Latency llama3-q4km")
        try session.send("k")
        screen = try await session.waitFor("Latency llama3-q8")

        try session.send("Enter")
        screen = try await session.waitFor("Last answers")
        #expect(screen.contains("Fleet › llama3-q8"))
        #expect(screen.contains("E2E histogram"))

        try session.send("Escape")
        screen = try await session.waitFor { $0.contains("Latency llama3-q8") && !$0.contains("Last answers") }
        #expect(!screen.contains("Last answers"))

        try session.send("/")
        screen = try await session.waitFor("enter keep")
        #expect(screen.contains("esc clear"))
        try session.send("q4", literal: true)
        screen = try await session.waitFor("3 of 6 targets")
        #expect(screen.contains("filter: q4"))
        #expect(!screen.contains("ok   llama3-fp16"))
        try session.send("Escape")
        // "3 of 6 targets" also contains "6 targets": wait for the filter to be gone, not for the count.
        screen = try await session.waitFor { !$0.contains("filter: q4") && $0.contains("6 targets") }
        #expect(!screen.contains("filter: q4"))
        #expect(!screen.contains("of 6 targets"))

        try session.send("s")
        screen = try await session.waitFor("sort: target ↑")
        #expect(screen.contains("target↑"))
        try session.send("s")
        screen = try await session.waitFor("sort: state ↓")
        let rows = screen.split(separator: "\n").filter { $0.contains("crit") || $0.contains(" ok ") }
        #expect(rows.first?.contains("crit") == true, "worst state sorts first")

        try session.send("w")
        screen = try await session.waitFor("window 5m")
        #expect(screen.contains("window 5m"))

        try session.send("t")
        screen = try await session.waitFor("theme: light")
        #expect(screen.contains("theme: light"))

        try session.send("?")
        screen = try await session.waitFor("reverse the sort order")
        #expect(screen.contains("Help"))
        #expect(screen.contains("freeze the picture"))
        try session.send("Escape")
        screen = try await session.waitFor { !$0.contains("reverse the sort order") }
        #expect(!screen.contains("reverse the sort order"))

        try session.send(" ")
        screen = try await session.waitFor("PAUSED")
        #expect(screen.contains("PAUSED"))

        try session.send("q")
        screen = try await session.waitFor { $0.contains("qw-prompt$") && !$0.contains("Fleet") }
        #expect(!screen.contains("Fleet"))
        #expect(try session.format("#{alternate_on}") == "0")
        #expect(try session.format("#{cursor_flag}") == "1")
        try session.send("echo rc=$?", "Enter")
        screen = try await session.waitFor("rc=")
        #expect(screen.contains("rc=0"))
    }

    @Test func resizingShowsTooSmallThenTheCompactLayoutThenTheFullOne() async throws {
        let session = try await start()
        defer { session.kill() }
        try await session.waitFor("llama3-fp16")
        try session.resize(width: 50, height: 12)
        var screen = try await session.waitFor("terminal too small")
        #expect(screen.contains("need 60x15, have 50x12"))
        try session.resize(width: 80, height: 24)
        screen = try await session.waitFor { $0.contains("llama3-fp16") && !$0.contains("too small") }
        #expect(screen.contains("events "), "below 100 columns the event strip is one line")
        #expect(!screen.contains("backend"), "the compact table drops the backend column")
        try session.resize(width: 120, height: 40)
        screen = try await session.waitFor { $0.contains("backend") && $0.contains("─ Events ─") }
        #expect(screen.contains("─ Events ─"))
        let widest = screen.split(separator: "\n" as Character).map(\.count).max() ?? 0
        #expect(widest == 120, "the frame fills the new width")
    }

    @Test func closingTheTerminalEndsTheDashboard() async throws {
        let session = try await start()
        defer { session.kill() }
        try await session.waitFor("llama3-fp16")
        let shell = try session.format("#{pane_pid}")
        let pid = try #require(try await children(of: shell).first.flatMap { pid_t($0) })
        session.kill()
        // A dropped SSH session or a killed tmux: the pty goes away, and the dashboard must not outlive it
        // (it used to spin on failing reads when no SIGHUP reached it).
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, kill(pid, 0) == 0 { try await Task.sleep(for: .milliseconds(100)) }
        #expect(kill(pid, 0) != 0, "the dashboard (pid \(pid)) still runs after its terminal closed")
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
    }

    @Test func controlCQuitsInRawMode() async throws {
        let session = try await start()
        defer { session.kill() }
        try await session.waitFor("llama3-fp16")
        try session.send("C-c")
        let screen = try await session.waitFor { $0.contains("qw-prompt$") && !$0.contains("Fleet") }
        #expect(!screen.contains("Fleet"))
        #expect(try session.format("#{alternate_on}") == "0")
    }

    @Test func sigtermRestoresTheTerminal() async throws {
        let session = try await start()
        defer { session.kill() }
        try await session.waitFor("llama3-fp16")
        let shell = try session.format("#{pane_pid}")
        let dashboard = try await children(of: shell)
        let pid = try #require(dashboard.first, "the dashboard runs as a child of the pane's shell")
        try send(signal: "TERM", to: pid)
        let screen = try await session.waitFor { $0.contains("qw-prompt$") && !$0.contains("Fleet") }
        #expect(!screen.contains("Fleet"))
        #expect(try session.format("#{alternate_on}") == "0")
        #expect(try session.format("#{cursor_flag}") == "1")
        try session.send("echo rc=$?", "Enter")
        #expect(try await session.waitFor("rc=1").contains("rc=143"))
    }

    /// The children of `parent`, read from /proc, asking again for up to 5 s: one `pgrep -P` run in a loaded
    /// full-suite run once answered nothing for a dashboard that was on screen.
    private func children(of parent: String) async throws -> [String] {
        for _ in 0..<50 {
            let found = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { entry in
                guard Int(entry) != nil,
                    let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                    let end = stat.lastIndex(of: ")")
                else { return false }
                // After "pid (comm)": state, then the parent's pid.
                let fields = stat[stat.index(after: end)...].split(separator: " ")
                return fields.count > 1 && fields[1] == parent
            }
            if !found.isEmpty { return found }
            try await Task.sleep(for: .milliseconds(100))
        }
        return []
    }

    private func send(signal: String, to pid: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["kill", "-\(signal)", pid]
        try process.run()
        process.waitUntilExit()
    }
}
