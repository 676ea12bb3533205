import QuantWatchDomain
import QuantWatchExport

/// The table `once` prints: one row per target, then failures with their class.
enum OnceTable {
    static func render(snapshot: Snapshot, results: [ProbeResult], thresholds: AlertThresholds) -> String {
        var table = TextTable(
            headers: [
                "target", "backend", "quant", "state", "ok", "e2e p50", "e2e p99", "ttft p50", "tpot p50", "tok/s",
                "acc", "Δ pts", "agree", "kld", "verdict",
            ],
            alignments: [.left, .left, .left, .left] + Array(repeating: .right, count: 10) + [.left])
        for target in snapshot.targets {
            let stats = target.stats(.oneHour)
            let mine = results.filter { $0.targetID == target.id }
            let succeeded = mine.filter { $0.generation != nil }.count
            table.append([
                target.id, target.backend.rawValue, target.quant, target.state.name,
                "\(succeeded)/\(mine.count)",
                Figures.milliseconds(stats.e2e.count > 0 ? stats.e2e.p50 : nil),
                Figures.milliseconds(stats.e2e.count > 0 ? stats.e2e.p99 : nil),
                Figures.milliseconds(stats.ttft.count > 0 ? stats.ttft.p50 : nil),
                Figures.milliseconds(stats.tpot.count > 0 ? stats.tpot.p50 : nil),
                Figures.rate(stats.decodeTokensPerSecond),
                Figures.percent(target.overall.accuracy.rate, decimals: 1),
                Figures.points(target.overall.deltaPoints),
                Figures.percent(target.overall.answerAgreement, decimals: 1),
                Figures.small(target.overall.meanKLD),
                target.verdict?.rawValue ?? Figures.missing,
            ])
        }
        var lines = [table.render()]
        let failures = results.compactMap { result in result.failure.map { (result, $0) } }
        if !failures.isEmpty {
            lines.append("")
            lines.append("failures:")
            for (result, failure) in failures.prefix(20) {
                lines.append(
                    "  \(result.targetID) \(result.canaryID): \(failure.errorClass.rawValue): \(failure.message)")
            }
            if failures.count > 20 { lines.append("  … and \(failures.count - 20) more") }
        }
        let evidence = snapshot.targets.compactMap { target -> String? in
            guard let baseline = target.baseline, target.overall.paired != nil else { return nil }
            let sentence = AlertRules.qualitySentence(target.overall, baseline: baseline, thresholds: thresholds)
            return "  \(target.id): \(sentence), verdict \(target.verdict?.rawValue ?? Figures.missing)"
        }
        if !evidence.isEmpty {
            lines.append("")
            lines.append("quality (paired, latest answers):")
            lines.append(contentsOf: evidence)
        }
        let reasons = snapshot.targets.flatMap { target in target.reasons.map { "  \(target.id): \($0)" } }
        if !reasons.isEmpty {
            lines.append("")
            lines.append("alerts:")
            lines.append(contentsOf: reasons)
        }
        lines.append("")
        lines.append("fleet: \(snapshot.fleetState.name)")
        return lines.joined(separator: "\n")
    }
}
