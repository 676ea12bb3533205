import Testing

@testable import QuantWatchTUI

/// Widgets on an "x"-filled canvas, so every cell they did not touch stays visible.
struct WidgetTests {
    private func canvas(_ width: Int, _ height: Int) -> ScreenBuffer {
        ScreenBuffer(width: width, height: height, filledWith: "x")
    }

    @Test func sparklineScalesToEightLevelsNewestOnTheRight() {
        var buffer = canvas(6, 1)
        Sparkline(samples: [0, 4, 8]).render(in: buffer.area, into: &buffer, theme: .mono)
        #expect(buffer.lines == ["xxx ▄█"])
    }

    @Test func sparklineLeavesGapsForMissingSamplesAndNeverHidesAPositiveOne() {
        var buffer = canvas(5, 1)
        Sparkline(samples: [1, nil, 100, 0.1], maximum: 100).render(in: buffer.area, into: &buffer, theme: .mono)
        #expect(buffer.lines == ["x▁x█▁"])
    }

    @Test func sparklineKeepsOnlyTheNewestSamplesThatFit() {
        var buffer = canvas(2, 1)
        Sparkline(samples: [8, 8, 0, 8]).render(in: buffer.area, into: &buffer, theme: .mono)
        #expect(buffer.lines == [" █"])
    }

    @Test func brailleGraphPacksTwoSamplesPerCell() {
        var buffer = canvas(3, 1)
        BrailleGraph(samples: [1, 2, 3, 4], maximum: 4).render(in: buffer.area, into: &buffer, theme: .mono)
        // Left sample in the left dot column, right sample in the right one: glyph = table[left * 5 + right].
        #expect(buffer.lines == ["x" + GlyphSet.unicode.graph[1 * 5 + 2] + GlyphSet.unicode.graph[3 * 5 + 4]])
    }

    @Test func brailleGraphStacksRowsFromTheBottom() {
        var buffer = canvas(1, 2)
        BrailleGraph(samples: [8, 4], maximum: 8).render(in: buffer.area, into: &buffer, theme: .mono)
        #expect(buffer.lines == ["⡇", "⣿"])
    }

    @Test func brailleGraphAsciiFallbackSwapsTheTable() {
        var buffer = canvas(1, 1)
        let theme = Theme.mono.resolved(depth: .mono, glyphs: .ascii)
        BrailleGraph(samples: [4, 2], maximum: 4).render(in: buffer.area, into: &buffer, theme: theme)
        #expect(buffer.lines == ["#"])
    }

    @Test func gaugeFillsAndMarksTheBaseline() {
        var buffer = canvas(10, 1)
        Gauge(fraction: 0.5, marker: 0.8).render(in: buffer.area, into: &buffer, theme: .mono)
        #expect(buffer.lines == ["█████░░┃░░"])
    }

    @Test func panelDrawsBorderTitleAndGivesTheInnerArea() {
        var buffer = canvas(12, 3)
        let panel = Panel("Fleet", rightTitle: "6")
        panel.render(in: buffer.area, into: &buffer, theme: .mono)
        #expect(buffer.lines == ["╭─ Fl…─ 6 ─╮", "│xxxxxxxxxx│", "╰──────────╯"])
        #expect(panel.inner(buffer.area) == Rect(x: 1, y: 1, width: 10, height: 1))
    }

    @Test(arguments: [0, 1, 2, 3])
    func panelInnerIsNeverNegative(size: Int) {
        let inner = Panel("t").inner(Rect(x: 0, y: 0, width: size, height: size))
        #expect(inner.width >= 0 && inner.height >= 0)
        var buffer = canvas(size, size)
        Panel("title").render(in: buffer.area, into: &buffer, theme: .mono)
        #expect(buffer.size == Size(width: size, height: size))
    }

    @Test func textClipsWithAnEllipsis() {
        var buffer = canvas(6, 1)
        Text("quantwatch").render(in: buffer.area, into: &buffer, theme: .mono)
        #expect(buffer.lines == ["quant…"])
    }

    @Test func wideGlyphsOwnTwoCellsAndNeverSplit() {
        var buffer = canvas(5, 1)
        Text("東京都").render(in: buffer.area, into: &buffer, theme: .mono)
        #expect(buffer.lines == ["東京…"])
        #expect(buffer[1, 0].isContinuation)
        var narrow = canvas(3, 1)
        narrow.put("東京", x: 0, y: 0, maxWidth: 3, style: .plain)
        #expect(narrow.lines == ["東 "])
    }

    @Test func combiningMarksStayWithTheirBase() {
        var buffer = canvas(4, 1)
        buffer.put("e\u{301}x", x: 0, y: 0, maxWidth: 4, style: .plain)
        #expect(buffer[0, 0].glyph == "e\u{301}")
        #expect(buffer.lines == ["éxxx"])
    }

    @Test func tableShowsSortArrowAndHighlightsTheSelection() {
        var buffer = canvas(12, 3)
        let table = Table(
            columns: [TableColumn("id", width: 4), TableColumn("ms", width: 4, alignment: .right)],
            rows: [[[Span("a")], [Span("12")]], [[Span("b")], [Span("7")]]], selected: 1, sortColumn: 1,
            sortAscending: false)
        table.render(in: buffer.area, into: &buffer, theme: .mono)
        #expect(buffer.lines == ["idxxxx↓msxxx", "axxxxxx12xxx", "b       7   "])
        #expect(buffer[0, 2].style.reverse)
        #expect(!buffer[0, 1].style.reverse)
    }

    @Test func tableScrollsToKeepTheSelectionVisible() {
        let rows = (0..<10).map { [[Span("r\($0)")]] }
        var buffer = canvas(3, 4)
        Table(columns: [TableColumn("id", width: 3)], rows: rows, selected: 7).render(
            in: buffer.area, into: &buffer,
            theme: .mono)
        #expect(buffer.lines == ["idx", "r5x", "r6x", "r7 "])
    }

    @Test func histogramScalesBarsToTheLargestCount() {
        var buffer = canvas(12, 2)
        Histogram(bars: [.init(label: "≤1", count: 4), .init(label: "≤2", count: 2)]).render(
            in: buffer.area,
            into: &buffer, theme: .mono)
        #expect(buffer.lines == ["≤1x███████x4", "≤2x███▌xxxx2"])
    }

    @Test(arguments: [Size.zero, Size(width: 1, height: 1)])
    func widgetsReturnAtOnceOnTinyAreas(size: Size) {
        var buffer = ScreenBuffer(size: size, fill: Cell(glyph: "x"))
        let area = buffer.area
        Sparkline(samples: [1, 2]).render(in: area, into: &buffer, theme: .mono)
        BrailleGraph(samples: [1, 2]).render(in: area, into: &buffer, theme: .mono)
        Gauge(fraction: 1).render(in: area, into: &buffer, theme: .mono)
        Histogram(bars: [.init(label: "a", count: 1)]).render(in: area, into: &buffer, theme: .mono)
        Table(columns: [TableColumn("a", width: 3)], rows: [[[Span("b")]]]).render(
            in: area, into: &buffer,
            theme: .mono)
        #expect(buffer.size == size)
    }
}
