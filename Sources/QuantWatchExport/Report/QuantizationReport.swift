import QuantWatchDomain

/// The quantization-loss table: a baseline and a quantized target side by side, with the delta and a verdict.
public struct QuantizationReport: Sendable, Equatable, Encodable {
    /// One measured figure of both targets.
    public struct Row: Sendable, Equatable, Encodable {
        public var metric: String
        public var unit: String
        public var baseline: Double?
        public var target: Double?
        /// target - baseline (points for accuracies).
        public var delta: Double?
        /// Why a figure is missing, when it is.
        public var note: String?
    }

    public var baselineID: String
    public var targetID: String
    public var baselineQuant: String
    public var targetQuant: String
    public var rounds: Int
    public var rows: [Row]
    public var verdict: Verdict
    public var dropPoints: Double
    /// The paired evidence behind the verdict, as the accuracy_drop alert words it.
    public var evidence: String

    enum CodingKeys: String, CodingKey {
        case rows, verdict, rounds, evidence
        case baselineID = "baseline"
        case targetID = "target"
        case baselineQuant = "baseline_quant"
        case targetQuant = "target_quant"
        case dropPoints = "drop_points"
    }

    /// Builds the report from a snapshot holding both targets (the quantized one paired with the baseline).
    /// - Parameters:
    ///   - fileSizes: model file size in bytes per target id, where it could be found.
    ///   - perplexityNote: why perplexity is not reported, when it is not.
    public init?(
        snapshot: Snapshot, baseline baselineID: String, target targetID: String, rounds: Int,
        fileSizes: [String: Int64] = [:], perplexityNote: String, thresholds: AlertThresholds = AlertThresholds()
    ) {
        guard let baseline = snapshot.targets.first(where: { $0.id == baselineID }),
            let target = snapshot.targets.first(where: { $0.id == targetID })
        else { return nil }
        self.baselineID = baselineID
        self.targetID = targetID
        self.baselineQuant = baseline.quant
        self.targetQuant = target.quant
        self.rounds = rounds

        let window = MetricWindow.oneHour
        let b = baseline.stats(window)
        let t = target.stats(window)
        var rows: [Row] = []
        func add(
            _ metric: String, _ unit: String, _ base: Double?, _ quant: Double?, scale: Double = 1, note: String? = nil
        ) {
            let delta = base.flatMap { base in quant.map { ($0 - base) * scale } }
            rows.append(Row(metric: metric, unit: unit, baseline: base, target: quant, delta: delta, note: note))
        }
        func latency(_ summary: LatencySummary, _ pick: (LatencySummary) -> Double) -> Double? {
            summary.count == 0 ? nil : pick(summary)
        }
        let sizeNote =
            fileSizes[baselineID] == nil || fileSizes[targetID] == nil
            ? "model file not readable from here" : nil
        add(
            "model file size", "MB", fileSizes[baselineID].map { Double($0) / 1_000_000 },
            fileSizes[targetID].map { Double($0) / 1_000_000 }, note: sizeNote)
        add("E2E p50", "ms", latency(b.e2e, \.p50), latency(t.e2e, \.p50))
        add("E2E p95", "ms", latency(b.e2e, \.p95), latency(t.e2e, \.p95))
        add("E2E p99", "ms", latency(b.e2e, \.p99), latency(t.e2e, \.p99))
        add("TTFT p50", "ms", latency(b.ttft, \.p50), latency(t.ttft, \.p50))
        add("TTFT p95", "ms", latency(b.ttft, \.p95), latency(t.ttft, \.p95))
        add("TPOT p50", "ms", latency(b.tpot, \.p50), latency(t.tpot, \.p50))
        add("decode speed", "tok/s", b.decodeTokensPerSecond, t.decodeTokensPerSecond)
        add("error rate", "%", b.errorRate * 100, t.errorRate * 100)
        // Accuracy against the baseline is paired: the target's canaries the baseline also answered, latest
        // answers of both sides, so identical answers read as no loss.
        func paired(_ quality: CategoryQuality) -> (base: Double?, quant: Double?) {
            guard let counts = quality.paired, counts.scored > 0 else { return (nil, nil) }
            let scored = Double(counts.scored)
            return (
                Double(counts.bothRight + counts.regressions) / scored * 100,
                Double(counts.bothRight + counts.improvements) / scored * 100
            )
        }
        for quality in target.categories {
            let figures = paired(quality)
            let flipped = quality.paired.map { "\($0.regressions) worse, \($0.improvements) better of \($0.scored)" }
            add("accuracy: \(quality.category)", "%", figures.base, figures.quant, note: flipped)
        }
        let overall = paired(target.overall)
        add(
            "accuracy: overall", "%", overall.base, overall.quant,
            note: target.overall.paired.map {
                "\($0.regressions) worse, \($0.improvements) better of \($0.scored) paired canaries"
            })
        add("answer agreement", "%", 100, target.overall.answerAgreement.map { $0 * 100 })
        add(
            "top-1 token agreement", "%", 100, target.overall.top1Agreement.map { $0 * 100 },
            note: target.overall.top1Agreement == nil ? "backend returned no logprobs" : nil)
        add(
            "mean KLD vs baseline", "nats", 0, target.overall.meanKLD,
            note: target.overall.meanKLD == nil ? "backend returned no logprobs" : nil)
        add("perplexity", "", nil, nil, note: perplexityNote)
        self.rows = rows

        dropPoints = -(target.overall.deltaPoints ?? 0)
        verdict = Verdict(quality: [target.overall] + target.categories, thresholds: thresholds)
        evidence = AlertRules.qualitySentence(target.overall, baseline: baselineID, thresholds: thresholds)
    }
}
