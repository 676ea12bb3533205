import Foundation
import QuantWatchDomain
import QuantWatchTUI
import Testing

/// Bad input on the screen: tiny and huge terminals, a 200-character id, emoji and right-to-left text, theme
/// files with invalid colours. Nothing traps; every frame stays a well-formed grid; the layout degrades.
struct HostileInputRenderTests {
    static let routes: [Route] = [.dashboard, .detail(targetID: "llama3-q4_0"), .drift, .alerts, .help]
    static let tinySizes = [
        Size(width: 1, height: 1), Size(width: 0, height: 0), Size(width: 2, height: 1), Size(width: 1, height: 2),
        Size(width: 5, height: 3), Size(width: 12, height: 4),
    ]

    @Test(arguments: routes)
    func tinyTerminalThenBackToFullSize(route: Route) {
        var ui = Fixtures.ui(
            Size(width: 80, height: 24), routes: route == .dashboard ? [.dashboard] : [.dashboard, route])
        for size in Self.tinySizes {
            _ = ui.handle(.resize(size))
            expectWellFormed(render(Fixtures.snapshot, ui, size: size, theme: .standard), size: size)
        }
        let full = Size(width: 80, height: 24)
        _ = ui.handle(.resize(full))
        let back = render(Fixtures.snapshot, ui, size: full, theme: .standard)
        let fresh = render(Fixtures.snapshot, Fixtures.ui(full, routes: ui.routes), size: full, theme: .standard)
        #expect(back == fresh, "the frame after 1x1 and back differs from one drawn at 80x24 from the start")
    }

    @Test(arguments: routes)
    func fourHundredColumns(route: Route) {
        for size in [Size(width: 400, height: 60), Size(width: 400, height: 3)] {
            let ui = Fixtures.ui(size, routes: route == .dashboard ? [.dashboard] : [.dashboard, route])
            let buffer = render(Fixtures.snapshot, ui, size: size, theme: .standard)
            expectWellFormed(buffer, size: size)
            if size.height > 10 {
                #expect(buffer.lines.contains { $0.contains("llama3") }, "\(route) at \(size) lost the targets")
            }
        }
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 160, height: 48), Size(width: 20, height: 10)])
    func twoHundredCharacterTargetID(size: Size) {
        let long = "q4km-" + String(repeating: "very-long-target-name-", count: 9) + "end"
        #expect(long.count >= 200)
        let snapshot = renamed(Fixtures.snapshot, first: long)
        for routes in [[Route.dashboard], [.dashboard, .detail(targetID: long)], [.dashboard, .alerts]] {
            var ui = Fixtures.ui(size, routes: routes, snapshot: snapshot)
            ui.selectedID = long
            let buffer = render(snapshot, ui, size: size, theme: .standard)
            expectWellFormed(buffer, size: size)
            #expect(!buffer.lines.contains { $0.contains(long) }, "a 200-character id cannot fit in \(size.width)")
            if routes == [.dashboard], size.width >= 80 {
                // The other rows are still there: one long id does not push the table off the screen.
                let others = snapshot.targets.dropFirst().map(\.id)
                #expect(others.contains { id in buffer.lines.contains { $0.contains(id) } })
            }
        }
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 160, height: 48), Size(width: 33, height: 12)])
    func emojiAndRightToLeftTextInIDsAndAnswers(size: Size) throws {
        let id = "🦙-لاما-עברית-模型"
        var snapshot = renamed(Fixtures.snapshot, first: id)
        let arabic = "الجواب هو ٤ 👍🏽"
        let hebrew = "\u{202B}התשובה היא 4\u{202C} 👨‍👩‍👧‍👦 e\u{301}"
        snapshot.targets[0].lastAnswers = [
            AnswerPair(
                canaryID: "add-✓", category: "math", answer: arabic, correct: true, baselineAnswer: hebrew,
                baselineCorrect: true, at: snapshot.takenAt),
            AnswerPair(
                canaryID: "🧮", category: "reasoning", answer: String(repeating: "🇮🇱🇸🇦", count: 60), correct: false,
                baselineAnswer: nil, baselineCorrect: nil, at: snapshot.takenAt),
        ]
        for routes in [[Route.dashboard], [.dashboard, .detail(targetID: id)]] {
            var ui = Fixtures.ui(size, routes: routes, snapshot: snapshot)
            ui.selectedID = id
            let buffer = render(snapshot, ui, size: size, theme: .standard)
            expectWellFormed(buffer, size: size)
            if size.width >= 80 {
                #expect(buffer.lines.contains { $0.contains("🦙") }, "the id's emoji is drawn")
                // A wide glyph owns the cell after it.
                let llama = try #require(buffer.cells.firstIndex { $0.glyph == "🦙" })
                #expect(buffer.cells[llama].width == 2)
                #expect(buffer.cells[llama + 1].isContinuation)
            }
            if routes.count == 2, size.width >= 80 {
                #expect(buffer.lines.contains { $0.contains("الجواب") }, "the Arabic answer is drawn")
            }
        }
    }

    @Test(arguments: [
        "\"#GGGGGG\"", "\"#1234567\"", "\"#12\"", "300", "-1", "rgb(1, 2, 3)", "\"🎨\"", "[1, 2]", "{a: b}",
        "\"#" + String(repeating: "f", count: 5000) + "\"", "\"\\u202Eff0000#\"",
    ])
    /// (An empty value is the terminal's own colour, as in btop: not in this list.) Lists and mappings were taken
    /// as the terminal default before this test.
    func themeWithAnInvalidColourIsRefusedWithItsLine(value: String) {
        let yaml = "base: nord\nok: \"#00ff00\"\ncritical: \(value)\n"
        do {
            let loaded = try ThemeLoader().parse(yaml, name: "bad", source: "bad.yaml")
            Issue.record("'\(value)' was taken as a colour: \(loaded.theme.color(.critical))")
        } catch {
            #expect(String(describing: error).hasPrefix("bad.yaml:3: critical:"), "\(error)")
        }
    }

    @Test func btopThemeWithInvalidColoursNeverTrapsAndStillRenders() {
        let text = """
            theme[main_bg]="#zzzzzz"
            theme[main_fg]="999 999 999"
            theme[hi_fg]="#1"
            theme[selected_bg]="#\(String(repeating: "a", count: 300))"
            theme[inactive_fg]="-5 -5 -5"
            """
        for line in text.split(separator: "\n") {
            let loaded = try? BtopThemeParser.parse(String(line) + "\n", name: "bad", source: "bad.theme")
            guard let theme = loaded?.theme else { continue }
            // Whatever such a file gave, the dashboard draws with it.
            let size = Size(width: 80, height: 24)
            expectWellFormed(render(Fixtures.snapshot, Fixtures.ui(size), size: size, theme: theme), size: size)
        }
    }

    /// The snapshot with its first target renamed (events and baselines follow).
    private func renamed(_ snapshot: Snapshot, first id: String) -> Snapshot {
        var snapshot = snapshot
        let old = snapshot.targets[0].id
        snapshot.targets[0].id = id
        for index in snapshot.targets.indices where snapshot.targets[index].baseline == old {
            snapshot.targets[index].baseline = id
        }
        for index in snapshot.events.indices where snapshot.events[index].targetID == old {
            snapshot.events[index].targetID = id
        }
        return snapshot
    }

    /// The buffer has the size asked for, and every row adds up to exactly its width: each wide glyph followed
    /// by its continuation cell, no continuation cell without one, nothing wider than two columns.
    private func expectWellFormed(
        _ buffer: ScreenBuffer, size: Size, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(buffer.size == size, sourceLocation: sourceLocation)
        #expect(buffer.cells.count == max(0, size.width) * max(0, size.height), sourceLocation: sourceLocation)
        guard buffer.cells.count == size.width * size.height else { return }
        for row in 0..<size.height {
            var columns = 0
            var x = 0
            while x < size.width {
                let cell = buffer[x, row]
                if cell.isContinuation {
                    Issue.record(
                        "row \(row) column \(x): a continuation cell without its glyph", sourceLocation: sourceLocation)
                    return
                }
                #expect(cell.width == 1 || cell.width == 2, sourceLocation: sourceLocation)
                if cell.width == 2 {
                    guard x + 1 < size.width, buffer[x + 1, row].isContinuation else {
                        Issue.record(
                            "row \(row) column \(x): a wide glyph cut at the edge", sourceLocation: sourceLocation)
                        return
                    }
                }
                columns += Int(cell.width)
                x += Int(cell.width)
            }
            #expect(columns == size.width, "row \(row)", sourceLocation: sourceLocation)
        }
    }
}
