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
        lines.append(
            "**Verdict: \(sentence)** (accuracy drop \(Formatting.points(dropPoints)) points; a significant drop "
                + "> 5 do not deploy, 2-5 caution; inconclusive: past a threshold without the evidence)")
        lines.append("")
        lines.append("Evidence: \(evidence).")
        return lines.joined(separator: "\n")
    }

    private static func cell(_ value: Double?, _ unit: String) -> String {
        guard let value else { return "n/a" }
        return unit == "nats" ? Formatting.small(value) : String(fixed: value, decimals: unit == "MB" ? 2 : 1)
    }

    private static func delta(_ value: Double?, _ unit: String) -> String {
        guard let value else { return "" }
        if unit == "nats" { return Formatting.small(value) }
        return (value >= 0 ? "+" : "") + String(fixed: value, decimals: unit == "MB" ? 2 : 1)
    }
}
