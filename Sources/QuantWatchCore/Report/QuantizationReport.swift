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

    enum CodingKeys: String, CodingKey {
        case rows, verdict, rounds
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
        let categories = Set(baseline.categories.map(\.category)).union(target.categories.map(\.category)).sorted()
        for category in categories {
            let base = baseline.categories.first { $0.category == category }?.accuracy.rate
            let quant = target.categories.first { $0.category == category }?.accuracy.rate
            add("accuracy: \(category)", "%", base.map { $0 * 100 }, quant.map { $0 * 100 })
        }
        add(
            "accuracy: overall", "%", baseline.overall.accuracy.rate.map { $0 * 100 },
            target.overall.accuracy.rate.map { $0 * 100 })
        add("answer agreement", "%", 100, target.overall.answerAgreement.map { $0 * 100 })
        add(
            "top-1 token agreement", "%", 100, target.overall.top1Agreement.map { $0 * 100 },
            note: target.overall.top1Agreement == nil ? "backend returned no logprobs" : nil)
        add(
            "mean KLD vs baseline", "nats", 0, target.overall.meanKLD,
            note: target.overall.meanKLD == nil ? "backend returned no logprobs" : nil)
        add("perplexity", "", nil, nil, note: perplexityNote)
        self.rows = rows

        let baseAccuracy = baseline.overall.accuracy.rate ?? 0
        let quantAccuracy = target.overall.accuracy.rate ?? 0
        dropPoints = (baseAccuracy - quantAccuracy) * 100
        verdict = Verdict(
            dropPoints: dropPoints, warning: thresholds.accuracyDropWarning, critical: thresholds.accuracyDropCritical)
    }
}
