import QuantWatchTestSupport
import Testing

@testable import QuantWatchTUI

struct ScreenBufferTests {
    @Test func linesRoundTrip() {
        let buffer = ScreenBuffer(lines: ["ab", "東x"])
        #expect(buffer.size == Size(width: 3, height: 2))
        #expect(buffer.lines == ["ab ", "東x"])
    }

    @Test func diffOfEqualBuffersIsEmpty() {
        let buffer = ScreenBuffer(lines: ["hello"])
        #expect(buffer.diff(from: buffer).isEmpty)
    }

    @Test func diffListsOnlyChangedCells() {
        let old = ScreenBuffer(lines: ["hello", "world"])
        let new = ScreenBuffer(lines: ["hallo", "world"])
        #expect(new.diff(from: old) == [CellChange(x: 1, y: 0, cell: Cell(glyph: "a"))])
    }

    @Test func diffAfterResizeRepaintsEverything() {
        let new = ScreenBuffer(lines: ["ab", "cd"])
        #expect(new.diff(from: ScreenBuffer(size: .zero)).count == 4)
    }

    @Test func diffEmitsTheLeadOfAWideGlyphNotItsContinuation() {
        let old = ScreenBuffer(lines: ["abcd"])
        let new = ScreenBuffer(lines: ["a東d"])
        let changes = new.diff(from: old)
        #expect(changes.map(\.x) == [1])
        #expect(changes.first?.cell.glyph == "東")
    }

    @Test func applyingTheDiffToAFakeTerminalReproducesTheFrame() {
        let fleet = FixtureFleet()
        let size = Size(width: 100, height: 30)
        let ui = UIState(screenSize: size)
        let first = render(fleet.snapshot(tick: 10), ui, size: size, theme: .standard)
        let second = render(fleet.snapshot(tick: 11), ui, size: size, theme: .standard)
        var terminal = FakeTerminal(size: size)
        terminal.draw(first.diff(from: ScreenBuffer(size: .zero)))
        #expect(terminal.screen == first)
        let changes = second.diff(from: first)
        terminal.draw(changes)
        #expect(terminal.screen == second)
        #expect(changes.count < first.cells.count / 2, "a steady frame repaints a small part of the screen")
    }

    @Test func plannerMovesOnlyWhenNotAdjacentAndStylesOnlyOnChange() {
        let bold = Style(attributes: .bold)
        let changes = [
            CellChange(x: 0, y: 0, cell: Cell(glyph: "a")), CellChange(x: 1, y: 0, cell: Cell(glyph: "b")),
            CellChange(x: 2, y: 0, cell: Cell(glyph: "c", style: bold)),
            CellChange(x: 5, y: 0, cell: Cell(glyph: "d", style: bold)),
            CellChange(x: 6, y: 0, cell: Cell(glyph: "東", width: 2, style: bold)),
            CellChange(x: 8, y: 0, cell: Cell(glyph: "e", style: bold)),
        ]
        #expect(
            PaintPlanner().plan(changes) == [
                .move(x: 0, y: 0), .style(.plain), .text("ab"), .style(bold), .text("c"), .move(x: 5, y: 0),
                .text("d東e"),
            ])
    }

    @Test func ansiEncoderCountsWhatItWouldWrite() {
        let operations: [PaintOperation] = [
            .move(x: 0, y: 0), .style(Style(fg: .indexed(196), attributes: .bold)),
            .text("ok ✓"),
        ]
        let bytes = AnsiEncoder().encode(operations)
        #expect(String(decoding: bytes, as: UTF8.self) == "\u{1B}[1;1H\u{1B}[0;1;38;5;196mok ✓")
        #expect(AnsiEncoder().byteCount(operations) == bytes.count)
    }

    @Test(arguments: [("a", 1), ("東", 2), ("é", 1), ("⣿", 1), ("✓", 1), ("🙂", 2), ("\u{301}", 0)])
    func displayWidths(text: String, width: Int) {
        #expect(DisplayWidth.of(Character(text)) == width)
    }
}
