import Foundation
import QuantWatchDomain
import QuantWatchSimulator
import QuantWatchTUI
import Testing

/// The err% cell of the fleet table takes its look from the severity Core computes with the user's own
/// `alerts:` settings: the same 30%-failing target is drawn critical under the defaults (1% / 5%) and plain
/// under `alerts: {error_rate: 0.5, error_rate_critical: 0.9}`.
@Suite(.serialized, .timeLimit(.minutes(2)), .enabled(if: TmuxSession.executable != nil, "tmux is not installed"))
struct SeverityColourEndToEndTests {
    /// Runs the real binary in tmux (monochrome: critical is bold + reverse) on a simulated model failing 30% of
    /// probes (beside a steady one, which holds the selection); returns the attributes of the err% cell once it
    /// shows a figure.
    private func errorCellAttributes(alerts: String) async throws -> Set<Int> {
        let general = QuantwatchBinary.packageRoot.appendingPathComponent("samples/canaries/general.yaml").path
        let canaries = try CanarySuiteLoader.load(path: general).canaries
        let fleet = try await SimFleet.start(
            models: [SimModel(id: "steady", profile: .q4_k_m), SimModel(id: "flaky", profile: .q4_k_m)],
            canaries: canaries, speed: 20,
            faults: FaultScript(windows: [FaultWindow(model: "flaky", fault: .errors(share: 0.3, status: 500))]))
        defer { Task { await fleet.shutdown() } }
        let url = try #require(fleet.server(id: "flaky")?.baseURL)
        let steady = try #require(fleet.server(id: "steady")?.baseURL)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qw-colour-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("fleet.yaml")
        try """
        interval: 100ms
        timeouts: {connect: 2s, read_idle: 5s, total: 10s}
        retries: {max: 0}
        suites: ['\(general)']
        alerts: \(alerts)
        targets:
          - id: steady
            backend: openai
            url: \(steady)
            quant: Q4_K_M
          - id: flaky
            backend: openai
            url: \(url)
            quant: Q4_K_M
        """.write(to: file, atomically: true, encoding: .utf8)

        let session = try TmuxSession(width: 120, height: 40)
        defer { session.kill() }
        try await session.waitFor("qw-prompt$", timeout: 10)
        let binary = try QuantwatchBinary.path()
        try session.send("'\(binary)' run --config '\(file.path)' --no-db --no-color", "Enter")
        // Enough probes for the evidence either way: ~60 at 100 ms.
        try await session.waitFor(timeout: 30) { screen in
            screen.split(separator: "\n").contains { $0.contains("flaky") && $0.contains("%") }
        }
        try await Task.sleep(for: .seconds(6))
        let styled = try session.styledScreen()
        try session.send("q")
        let row = try #require(
            styled.split(separator: "\n").first { $0.contains("flaky") && $0.contains("Q4_K_M") }, "the fleet row")
        let cells = StyledText.segments(String(row))
        // The first percentage of the row is err% (acc comes later, agree is "—" without a baseline). The row is
        // the second, so the selection's reverse video is not on it.
        let error = try #require(
            cells.first { $0.text.contains("%") },
            "no err% cell in \(cells.map { "[\($0.text)|\($0.attributes.sorted())]" })")
        return error.attributes
    }

    @Test func theUsersErrorThresholdsDecideTheErrorCellsLook() async throws {
        let strict = try await errorCellAttributes(alerts: "{error_rate: 0.01, error_rate_critical: 0.05}")
        #expect(strict.contains(7), "30% errors against 5% is critical: drawn reverse, got \(strict)")
        let relaxed = try await errorCellAttributes(alerts: "{error_rate: 0.5, error_rate_critical: 0.9}")
        #expect(!relaxed.contains(7) && !relaxed.contains(4), "30% errors against 50% is ok: plain, got \(relaxed)")
    }
}

/// Splits a line of `capture-pane -e` output into runs of text with the SGR attributes in force.
enum StyledText {
    struct Segment {
        var text: String
        var attributes: Set<Int>
    }

    static func segments(_ line: String) -> [Segment] {
        var segments: [Segment] = []
        var attributes = Set<Int>()
        var text = ""
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == "\u{1B}", line.index(after: index) < line.endIndex, line[line.index(after: index)] == "["
            {
                if !text.isEmpty { segments.append(Segment(text: text, attributes: attributes)) }
                text = ""
                var end = line.index(index, offsetBy: 2)
                while end < line.endIndex, !(line[end].isLetter) { end = line.index(after: end) }
                guard end < line.endIndex else { break }
                if line[end] == "m" {
                    let codes = line[line.index(index, offsetBy: 2)..<end].split(separator: ";").compactMap { Int($0) }
                    for code in codes.isEmpty ? [0] : codes {
                        switch code {
                        case 0: attributes = []
                        case 22: attributes.subtract([1, 2])
                        case 24: attributes.remove(4)
                        case 27: attributes.remove(7)
                        case 1, 2, 4, 7: attributes.insert(code)
                        default: break
                        }
                    }
                }
                index = line.index(after: end)
            } else {
                text.append(line[index])
                index = line.index(after: index)
            }
        }
        if !text.isEmpty { segments.append(Segment(text: text, attributes: attributes)) }
        return segments
    }
}
