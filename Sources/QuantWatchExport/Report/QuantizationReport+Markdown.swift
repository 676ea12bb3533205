import QuantWatchDomain

extension QuantizationReport {
    /// The report as a Markdown table with the verdict underneath.
    public func markdown() -> String {
        var lines = [
            "## Quantization loss: \(targetID) (\(targetQuant)) vs \(baselineID) (\(baselineQuant))",
            "",
            "\(rounds) round(s) of every canary on both targets.",
            "",
            "| metric | \(baselineID) | \(targetID) | delta | note |",
            "|---|---:|---:|---:|---|",
        ]
        for row in rows {
            let unit = row.unit.isEmpty ? "" : " \(row.unit)"
            lines.append(
                "| \(row.metric)\(unit.isEmpty ? "" : " (\(row.unit))") | \(Self.cell(row.baseline, row.unit)) | "
                    + "\(Self.cell(row.target, row.unit)) | \(Self.delta(row.delta, row.unit)) | \(row.note ?? "") |")
        }
        let sentence: String =
            switch verdict {
            case .ok: "ok"
            case .caution: "caution"
            case .doNotDeploy: "do not deploy"
            case .inconclusive: "inconclusive"
            }
        lines.append("")
        let ppl =
            perplexity.deltaPercent.map {
                "; perplexity \(Figures.points($0))% (> 5% do not deploy, 2-5% caution)"
            } ?? ""
        lines.append(
            "**Verdict: \(sentence)** (accuracy drop \(Figures.points(dropPoints)) points; a significant drop "
                + "> 5 do not deploy, 2-5 caution; inconclusive: past a threshold without the evidence\(ppl))")
        lines.append("")
        lines.append("Evidence: \(evidence).")
        return lines.joined(separator: "\n")
    }

    private static func cell(_ value: Double?, _ unit: String) -> String {
        guard let value else { return Figures.missing }
        if unit == "PPL" { return Figures.fixed(value, decimals: 3) }
        return unit == "nats" ? Figures.small(value) : Figures.fixed(value, decimals: unit == "MB" ? 2 : 1)
    }

    private static func delta(_ value: Double?, _ unit: String) -> String {
        guard let value else { return "" }
        if unit == "PPL" { return Figures.points(value) + "%" }
        if unit == "nats" { return Figures.small(value) }
        if unit == "MB" { return (value > 0 ? "+" : "") + Figures.fixed(value, decimals: 2) }
        return Figures.points(value)
    }
}
