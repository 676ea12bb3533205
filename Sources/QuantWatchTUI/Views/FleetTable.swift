import QuantWatchDomain

/// Builds the fleet table's columns and cells from targets; drops low-priority columns to fit the width.
struct FleetTable {
    /// A column with its sort key and priority (higher survives narrower screens).
    struct Column: Sendable {
        let column: TableColumn
        let sort: SortColumn?
        let priority: Int
        /// Shown only when some target has this (runtime metrics, an SLO), so fleets without keep their columns.
        var needs: Need = .nothing
        let cell: @Sendable (TargetSnapshot, WindowStats, GlyphSet) -> [Span]
    }

    /// What a column needs some target to have before it is shown.
    enum Need: Sendable {
        case nothing, runtimeQueue, slo
    }

    let rows: [TargetSnapshot]
    let ui: UIState

    /// The table for an area of `width` by `height` (header line included).
    ///
    /// Only the rows that will be on
    /// screen get cells: with hundreds of targets, formatting the rest would dominate the frame.
    func table(width: Int, height: Int, selected: Int?, glyphs: GlyphSet) -> Table {
        let columns = fitted(width: width)
        let sortIndex = columns.firstIndex { $0.sort != nil && $0.sort == ui.sortColumn }
        var table = Table(
            columns: columns.map(\.column), rows: Array(repeating: [], count: rows.count),
            selected: selected, sortColumn: sortIndex, sortAscending: ui.sortAscending)
        let first = table.offset(bodyHeight: height - 1)
        let targetColumn = columns.firstIndex { $0.sort == .target }
        let targetWidth = targetColumn.map { table.columnWidths(for: width)[$0] } ?? 0
        let goodputColumn = columns.firstIndex { $0.needs == .slo }
        for index in first..<min(rows.count, first + max(0, height - 1)) {
            let target = rows[index]
            let stats = target.stats(ui.window)
            table.rows[index] = columns.map { $0.cell(target, stats, glyphs) }
            if let targetColumn {
                let id = FleetTable.middleTruncated(target.id, width: targetWidth, ellipsis: glyphs.ellipsis)
                table.rows[index][targetColumn] = [Span(id, .text, attributes: .bold)]
            }
            if let goodputColumn {
                let share = target.goodput[ui.window]?.share
                table.rows[index][goodputColumn] = [
                    share.map { Span(Figures.percent($0), .text) } ?? Span(Figures.missing, .muted)
                ]
            }
            if target.stale { table.rows[index] = FleetTable.dimmed(table.rows[index], stateColumn: 0) }
        }
        return table
    }

    /// A row whose probe stopped answering: every figure muted, and the state says so.
    static func dimmed(_ cells: [[Span]], stateColumn: Int) -> [[Span]] {
        cells.enumerated().map { index, spans in
            index == stateColumn
                ? [Span("stale", .muted, attributes: .dim)]
                : spans.map { Span($0.text, .muted, attributes: .dim) }
        }
    }

    /// Cuts the middle out of a long id: variants of one model differ at the end ("llama8b-q4_0" and
    /// "llama8b-q4_k_m"), so cutting the end would make them read the same.
    static func middleTruncated(_ text: String, width: Int, ellipsis: String) -> String {
        guard DisplayWidth.of(text) > width, width > 2 else { return text }
        // The end gets the larger share: that is where quantization suffixes live.
        let head = (width - 1) * 2 / 5
        let tail = width - 1 - head
        var start = ""
        var used = 0
        for character in text {
            let next = DisplayWidth.of(character)
            if used + next > head { break }
            start.append(character)
            used += next
        }
        var end = ""
        used = 0
        for character in text.reversed() {
            let next = DisplayWidth.of(character)
            if used + next > tail { break }
            end.insert(character, at: end.startIndex)
            used += next
        }
        return start + ellipsis + end
    }

    /// Columns in display order, after dropping the lowest priorities until they fit.
    private func fitted(width: Int) -> [Column] {
        let hasQueue = rows.contains { $0.runtime?.hasQueue == true }
        let hasSLO = rows.contains { $0.slo != nil }
        var columns = FleetTable.all.filter { column in
            switch column.needs {
            case .nothing: true
            case .runtimeQueue: hasQueue
            case .slo: hasSLO
            }
        }
        func needed(_ list: [Column]) -> Int { list.reduce(0) { $0 + $1.column.width } + max(0, list.count - 1) }
        while needed(columns) > width, let lowest = columns.map(\.priority).min(), lowest < 100 {
            if let index = columns.lastIndex(where: { $0.priority == lowest }) { columns.remove(at: index) }
        }
        return columns
    }

    static let all: [Column] = [
        Column(column: TableColumn("state", width: 6), sort: .state, priority: 100) { target, _, glyphs in
            [Span(stateWord(target.state, glyphs), .state(target.state))]
        },
        Column(column: TableColumn("target", width: 10, flexible: true), sort: .target, priority: 100) { target, _, _ in
            [Span(target.id, .text, attributes: .bold)]
        },
        Column(column: TableColumn("backend", width: 8), sort: nil, priority: 10) { target, _, _ in
            [Span(target.backend.rawValue, .muted)]
        },
        Column(column: TableColumn("quant", width: 7), sort: nil, priority: 60) { target, _, _ in
            [Span(target.quant, .text)]
        },
        Column(column: TableColumn("p50", width: 5, alignment: .right), sort: .p50, priority: 30) { _, stats, _ in
            [latency(stats.e2e.p50, count: stats.e2e.count, reliableAt: 1)]
        },
        Column(column: TableColumn("p95", width: 5, alignment: .right), sort: .p95, priority: 90) { _, stats, _ in
            [latency(stats.e2e.p95, count: stats.e2e.count, reliableAt: 20)]
        },
        Column(column: TableColumn("p99", width: 5, alignment: .right), sort: .p99, priority: 80) { _, stats, _ in
            [latency(stats.e2e.p99, count: stats.e2e.count, reliableAt: 100)]
        },
        Column(column: TableColumn("ttft95", width: 6, alignment: .right), sort: .ttft, priority: 20) { _, stats, _ in
            [latency(stats.ttft.p95, count: stats.ttft.count, reliableAt: 20)]
        },
        Column(column: TableColumn("err%", width: 5, alignment: .right), sort: .errors, priority: 85) { _, stats, _ in
            guard stats.requests > 0 else { return [Span(Figures.missing, .muted)] }
            return [Span(Figures.percent(stats.errorRate), severityRole(stats.errorSeverity))]
        },
        Column(column: TableColumn("tok/s", width: 5, alignment: .right), sort: .tokens, priority: 40) { _, stats, _ in
            guard let speed = stats.decodeTokensPerSecond else { return [Span(Figures.missing, .muted)] }
            return [Span(Figures.rate(speed), .text)]
        },
        Column(
            column: TableColumn("queue", width: 5, alignment: .right), sort: nil, priority: 65, needs: .runtimeQueue
        ) { target, _, _ in
            // Waiting/running as the runtime reports them; the gap between client and server time is on the detail.
            guard let runtime = target.runtime, runtime.hasQueue, runtime.scrapeError == nil else {
                return [Span(Figures.missing, .muted)]
            }
            let waiting = runtime.requestsWaiting.map { String(Int($0.rounded())) } ?? "?"
            let running = runtime.requestsRunning.map { String(Int($0.rounded())) } ?? "?"
            return [
                Span(waiting, .text, attributes: runtime.requestsWaiting ?? 0 > 0 ? .bold : []),
                Span("/\(running)", .muted),
            ]
        },
        Column(column: TableColumn("good", width: 4, alignment: .right), sort: nil, priority: 45, needs: .slo) {
            _, _, _ in
            []  // filled by `table` for the window on screen (cells see stats, not the window)
        },
        Column(column: TableColumn("acc", width: 4, alignment: .right), sort: .accuracy, priority: 70) { target, _, _ in
            let accuracy = target.overall.accuracy
            guard let rate = accuracy.rate else { return [Span(Figures.missing, .muted)] }
            return [Span(Figures.percent(rate), accuracy.total < 10 ? .muted : .text)]
        },
        Column(column: TableColumn("Δpts", width: 5, alignment: .right), sort: .delta, priority: 75) { target, _, _ in
            guard let delta = target.overall.deltaPoints else { return [Span(Figures.missing, .muted)] }
            return [Span(Figures.points(delta), severityRole(target.overall.deltaSeverity))]
        },
        Column(column: TableColumn("agree", width: 5, alignment: .right), sort: .agreement, priority: 50) {
            target, _, _ in
            guard let agreement = target.overall.answerAgreement else { return [Span(Figures.missing, .muted)] }
            return [Span(Figures.percent(agreement), severityRole(target.overall.agreementSeverity))]
        },
        Column(column: TableColumn("p95 trend", width: 10, flexible: true), sort: nil, priority: 35) { _, _, _ in
            []  // drawn as a sparkline over the cell by DashboardView
        },
    ]

    /// Index of the trend column among the fitted columns, if it survived.
    func trendColumn(width: Int) -> Int? {
        fitted(width: width).firstIndex { $0.column.title == "p95 trend" }
    }

    static func stateWord(_ state: AlertState, _ glyphs: GlyphSet) -> String {
        switch state {
        case .ok: return "\(glyphs.ok) ok"
        case .warning: return "\(glyphs.warning) warn"
        case .critical: return "\(glyphs.critical) crit"
        case .unknown: return "\(glyphs.unknown) n/a"
        }
    }

    static func latency(_ value: Double, count: Int, reliableAt minimum: Int) -> Span {
        guard count > 0 else { return Span(Figures.missing, .muted) }
        return Span(Figures.milliseconds(value), count < minimum ? .muted : .text)
    }

    /// A figure's colour from the severity Core gave it (the TUI holds no thresholds): muted while there is too
    /// little evidence to judge it.
    static func severityRole(_ severity: AlertState) -> ThemeRole {
        switch severity {
        case .warning, .critical: .state(severity)
        case .ok: .text
        case .unknown: .muted
        }
    }
}
