import Foundation
import QuantWatchDomain

/// Every target that has a baseline, per category: accuracy against the baseline, agreement, token drift.
struct DriftView: Widget {
    let snapshot: Snapshot
    let scroll: Int
    let selectedID: String?

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let compared = snapshot.targets.filter { $0.baseline != nil }
        let panel = Panel(
            title: [Span("Drift against baselines", .title)],
            rightTitle: [Span("\(compared.count) compared", .muted)])
        panel.render(in: area, into: &buffer, theme: theme)
        let inner = panel.inner(area)
        guard !inner.isEmpty else { return }
        guard !compared.isEmpty else {
            Text.draw([Span("no target names a baseline", .muted)], in: inner.row(0), into: &buffer, theme: theme)
            return
        }
        let right = Alignment.right
        let columns = [
            TableColumn("target", width: 12), TableColumn("category", width: 9),
            TableColumn("acc", width: 4, alignment: right), TableColumn("base", width: 4, alignment: right),
            TableColumn("Δpts", width: 5, alignment: right), TableColumn("flip", width: 5, alignment: right),
            TableColumn("vs base", width: 6, flexible: true),
            TableColumn("agree", width: 5, alignment: right), TableColumn("top-1", width: 5, alignment: right),
            TableColumn("KLD", width: 6, alignment: right), TableColumn("verdict", width: 12),
        ]
        var rows: [[[Span]]] = []
        var gauges: [(row: Int, quality: CategoryQuality)] = []
        for target in compared {
            for (index, quality) in ([target.overall] + target.categories).enumerated() {
                let name =
                    index == 0
                    ? [Span(target.id, target.id == selectedID ? .accent : .text, attributes: .bold)]
                    : []
                let delta = quality.deltaPoints
                let verdict: [Span] =
                    index == 0
                    ? target.verdict.map { verdict in
                        let role: ThemeRole = verdict.state == .unknown ? .muted : .state(verdict.state)
                        return [Span(verdict.rawValue.replacingOccurrences(of: "_", with: " "), role)]
                    } ?? [] : []
                gauges.append((rows.count, quality))
                rows.append([
                    name, [Span(quality.category, .muted)],
                    [
                        Span(
                            Figures.percent(quality.accuracy.rate),
                            quality.accuracy.total < 10 ? .muted : .text)
                    ],
                    [Span(Figures.percent(quality.baselineAccuracy?.rate), .muted)],
                    [Span(Figures.points(delta), FleetTable.severityRole(quality.deltaSeverity))],
                    // Canaries flipped (right on one side only) of the pairs Δ rests on: the evidence.
                    [Span(quality.paired.map { "\($0.discordant)/\($0.scored)" } ?? Figures.missing, .muted)],
                    [],
                    [
                        Span(
                            Figures.percent(quality.answerAgreement),
                            FleetTable.severityRole(quality.agreementSeverity))
                    ],
                    [Span(Figures.percent(quality.top1Agreement), .text)],
                    [
                        Span(
                            Figures.small(quality.meanKLD),
                            FleetTable.severityRole(quality.kldSeverity))
                    ],
                    verdict,
                ])
            }
        }
        let first = min(scroll, max(0, rows.count - 1))
        let table = Table(columns: columns, rows: Array(rows[first...]))
        table.render(in: inner, into: &buffer, theme: theme)
        let widths = table.columnWidths(for: inner.width)
        let x = inner.x + widths.prefix(6).reduce(0, +) + 6
        for (row, quality) in gauges where row >= first && row - first < inner.height - 1 {
            let role = FleetTable.severityRole(quality.deltaSeverity)
            Gauge(
                fraction: quality.accuracy.rate, marker: quality.baselineAccuracy?.rate,
                role: role == .text || role == .muted ? .state(.ok) : role
            )
            .render(
                in: Rect(x: x, y: inner.y + 1 + row - first, width: min(widths[6], inner.maxX - x), height: 1),
                into: &buffer, theme: theme)
        }
    }
}
