import Foundation
import QuantWatchDomain

/// Accuracy per category against the baseline, token drift figures, throughput and cost of one target.
struct DetailQualityPanel: Widget {
    let target: TargetSnapshot
    let stats: WindowStats

    /// Panel height that shows every line: "all" and each category, the drift line, the speed line.
    static func height(_ target: TargetSnapshot) -> Int {
        let drift =
            target.overall.answerAgreement != nil || target.overall.top1Agreement != nil
            || target.overall.meanKLD != nil || target.baselineNoiseFloor != nil || !target.unpaired.isEmpty
        return 1 + target.categories.count + (drift ? 1 : 0) + 1 + 2
    }

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let panel = Panel(
            title: [Span("Quality & cost", .title)],
            rightTitle: [Span(target.baselineName.map { "vs \($0)" } ?? "no baseline", .muted)])
        panel.render(in: area, into: &buffer, theme: theme)
        let inner = panel.inner(area)
        guard !inner.isEmpty else { return }
        var lines: [[Span]] = []
        for quality in [target.overall] + target.categories {
            var line: [Span] = [Span(quality.category.padding(toLength: 10, withPad: " ", startingAt: 0), .muted)]
            let accuracy = quality.accuracy
            line.append(Span(Figures.percent(accuracy.rate), accuracy.total < 10 ? .muted : .text))
            if accuracy.total > 0 {
                // Half the Wilson interval, in points: how far the figure may be off.
                let margin = (accuracy.wilsonHigh - accuracy.wilsonLow) / 2 * 100
                line.append(Span(" ±" + Figures.fixed(margin, decimals: 0), .muted))
            }
            if let base = quality.baselineAccuracy?.rate {
                line.append(Span(" base \(Figures.percent(base))", .muted))
            }
            if let delta = quality.deltaPoints {
                line.append(Span(" \(Figures.points(delta))", FleetTable.severityRole(quality.deltaSeverity)))
                // The evidence: canaries flipped of the pairs, then the interval (cut first on narrow screens).
                if let counts = quality.paired {
                    line.append(Span(" \(counts.discordant)/\(counts.scored)", .muted))
                }
                if let low = quality.deltaLow, let high = quality.deltaHigh {
                    line.append(Span(" [\(Figures.points(low)),\(Figures.points(high))]", .muted))
                }
            }
            lines.append(line)
        }
        let overall = target.overall
        var drift: [Span] = []
        if let agreement = overall.answerAgreement {
            drift += [
                Span("agreement ", .muted),
                Span(Figures.percent(agreement), FleetTable.severityRole(overall.agreementSeverity)),
            ]
        }
        if let top1 = overall.top1Agreement { drift += [Span("  top-1 ", .muted), Span(Figures.percent(top1), .text)] }
        if let kld = overall.meanKLD {
            drift += [
                Span("  KLD ", .muted), Span(Figures.small(kld), FleetTable.severityRole(overall.kldSeverity)),
            ]
        }
        // A recording's own run-to-run agreement beside the target's: agreement below it is drift, not noise.
        if let floor = target.baselineNoiseFloor {
            drift += [Span("  noise floor ", .muted), Span(Figures.percent(floor.agreement), .text)]
        }
        if !drift.isEmpty {
            drift.append(Span("  (\(overall.pairs) pairs)", .muted))
            if !target.unpaired.isEmpty { drift.append(Span("  \(target.unpaired.count) unpaired", .state(.warning))) }
            lines.append(drift)
        }
        var speed: [Span] = [
            Span("tok/s ", .muted),
            Span(Figures.rate(stats.decodeTokensPerSecond), .text),
            Span("  req/s ", .muted), Span(Figures.rate(stats.requestsPerSecond), .text),
        ]
        if let price = target.price {
            let perHour = stats.tokensPerSecond * 3600 / 1_000_000 * price.output
            speed += [
                Span("  $/Mtok out ", .muted), Span(Figures.money(price.output), .text),
                Span("  canary $/h ", .muted), Span(Figures.money(perHour), .text),
            ]
        }
        lines.append(speed)
        Text(lines: lines).render(in: inner, into: &buffer, theme: theme)
    }
}
