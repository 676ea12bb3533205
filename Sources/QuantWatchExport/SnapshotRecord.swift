import Foundation
import QuantWatchDomain

/// A fleet summary as a JSON line (`"type": "snapshot"`), also the body of `once --json`.
public struct SnapshotRecord: Codable, Sendable, Equatable {
    public struct Latency: Codable, Sendable, Equatable {
        public var count: Int
        public var p50: Double
        public var p95: Double
        public var p99: Double

        init(_ summary: LatencySummary) {
            count = summary.count
            p50 = summary.p50
            p95 = summary.p95
            p99 = summary.p99
        }
    }

    public struct Window: Codable, Sendable, Equatable {
        public var requests: Int
        public var errors: [String: Int]
        public var errorRate: Double
        public var retries: Int
        public var e2eMs: Latency
        public var ttftMs: Latency
        public var tpotMs: Latency
        public var requestsPerSecond: Double
        public var tokensPerSecond: Double
        public var decodeTokensPerSecond: Double?
        public var errorSeverity: String
        public var p99Severity: String

        enum CodingKeys: String, CodingKey {
            case requests, errors, retries
            case errorSeverity = "error_severity"
            case p99Severity = "p99_severity"
            case errorRate = "error_rate"
            case e2eMs = "e2e_ms"
            case ttftMs = "ttft_ms"
            case tpotMs = "tpot_ms"
            case requestsPerSecond = "requests_per_second"
            case tokensPerSecond = "tokens_per_second"
            case decodeTokensPerSecond = "decode_tps"
        }

        init(_ stats: WindowStats) {
            requests = stats.requests
            errors = Dictionary(uniqueKeysWithValues: stats.errors.map { ($0.key.rawValue, $0.value) })
            errorRate = stats.errorRate
            retries = stats.retries
            e2eMs = Latency(stats.e2e)
            ttftMs = Latency(stats.ttft)
            tpotMs = Latency(stats.tpot)
            requestsPerSecond = stats.requestsPerSecond.finiteOrNil ?? 0
            tokensPerSecond = stats.tokensPerSecond.finiteOrNil ?? 0
            decodeTokensPerSecond = stats.decodeTokensPerSecond.finiteOrNil
            errorSeverity = stats.errorSeverity.name
            p99Severity = stats.p99Severity.name
        }
    }

    public struct Quality: Codable, Sendable, Equatable {
        public var category: String
        public var correct: Int
        public var total: Int
        public var accuracy: Double?
        public var wilsonLow: Double
        public var wilsonHigh: Double
        public var baselineAccuracy: Double?
        public var deltaPoints: Double?
        public var agreement: Double?
        public var top1Agreement: Double?
        public var kld: Double?
        public var pairs: Int
        /// The paired table (nil without a baseline): scored pairs, right on both, worse, better, wrong on both.
        public var paired: PairedCounts?
        public var deltaLow: Double?
        public var deltaHigh: Double?
        public var worsePValue: Double?
        public var deltaSeverity: String
        public var agreementSeverity: String
        public var kldSeverity: String

        enum CodingKeys: String, CodingKey {
            case category, correct, total, accuracy, agreement, kld, pairs, paired
            case deltaLow = "delta_low"
            case deltaHigh = "delta_high"
            case worsePValue = "worse_p"
            case deltaSeverity = "delta_severity"
            case agreementSeverity = "agreement_severity"
            case kldSeverity = "kld_severity"
            case wilsonLow = "wilson_low"
            case wilsonHigh = "wilson_high"
            case baselineAccuracy = "baseline_accuracy"
            case deltaPoints = "delta_points"
            case top1Agreement = "top1_agreement"
        }

        init(_ quality: CategoryQuality) {
            category = quality.category
            correct = quality.accuracy.correct
            total = quality.accuracy.total
            accuracy = quality.accuracy.rate
            wilsonLow = quality.accuracy.wilsonLow
            wilsonHigh = quality.accuracy.wilsonHigh
            baselineAccuracy = quality.baselineAccuracy?.rate
            deltaPoints = quality.deltaPoints.finiteOrNil
            agreement = quality.answerAgreement.finiteOrNil
            top1Agreement = quality.top1Agreement.finiteOrNil
            kld = quality.meanKLD.finiteOrNil
            pairs = quality.pairs
            paired = quality.paired
            deltaLow = quality.deltaLow.finiteOrNil
            deltaHigh = quality.deltaHigh.finiteOrNil
            worsePValue = quality.worsePValue.finiteOrNil
            deltaSeverity = quality.deltaSeverity.name
            agreementSeverity = quality.agreementSeverity.name
            kldSeverity = quality.kldSeverity.name
        }
    }

    public struct Target: Codable, Sendable, Equatable {
        public var id: String
        public var backend: String
        public var model: String
        public var quant: String
        public var baseline: String?
        /// "recorded llama-f16, 2026-11-20" when the baseline is a recording.
        public var baselineLabel: String?
        /// The recording's run-to-run agreement with itself (its noise floor); absent with one round or none.
        public var baselineNoiseFloor: NoiseFloor?
        /// Canaries the recording cannot pair, with why; absent when none.
        public var unpaired: [UnpairedCanary]?
        public var state: String
        public var reasons: [String]
        public var verdict: String?
        public var consecutiveFailures: Int
        /// Scheduled probes skipped since start because the loop had fallen behind.
        public var skippedTicks: Int
        public var lastError: String?
        public var windows: [String: Window]
        public var overall: Quality
        public var categories: [Quality]
        /// The runtime's own figures; absent when it publishes none.
        public var server: Server?
        public var slo: ServiceLevelObjective?
        /// Per window; absent without an SLO.
        public var goodput: [String: GoodputWindow]?

        enum CodingKeys: String, CodingKey {
            case id, backend, model, quant, baseline, state, reasons, verdict, windows, overall, categories
            case server, slo, goodput, unpaired
            case baselineLabel = "baseline_label"
            case baselineNoiseFloor = "baseline_noise_floor"
            case consecutiveFailures = "consecutive_failures"
            case skippedTicks = "skipped_ticks"
            case lastError = "last_error"
        }

        init(_ target: TargetSnapshot) {
            id = target.id
            backend = target.backend.rawValue
            model = target.model
            quant = target.quant
            baseline = target.baseline
            baselineLabel = target.baselineLabel
            baselineNoiseFloor = target.baselineNoiseFloor
            unpaired = target.unpaired.isEmpty ? nil : target.unpaired
            state = target.state.name
            reasons = target.reasons
            verdict = target.verdict?.rawValue
            consecutiveFailures = target.consecutiveFailures
            skippedTicks = target.skippedTicks
            lastError = target.lastError.map { "\($0.errorClass.rawValue): \($0.message)" }
            windows = Dictionary(uniqueKeysWithValues: target.windows.map { ($0.key.rawValue, Window($0.value)) })
            overall = Quality(target.overall)
            categories = target.categories.map(Quality.init)
            server = target.runtime.map(Server.init)
            slo = target.slo
            goodput =
                target.goodput.isEmpty
                ? nil
                : Dictionary(uniqueKeysWithValues: target.goodput.map { ($0.key.rawValue, GoodputWindow($0.value)) })
        }
    }

    public var type = "snapshot"
    public var at: Date
    public var state: String
    public var counts: [String: Int]
    public var probesPerSecond: Double
    public var paused: Bool
    public var targets: [Target]

    enum CodingKeys: String, CodingKey {
        case type, at, state, counts, paused, targets
        case probesPerSecond = "probes_per_second"
    }

    public init(_ snapshot: Snapshot) {
        at = snapshot.takenAt
        state = snapshot.fleetState.name
        counts = Dictionary(uniqueKeysWithValues: AlertState.allCases.map { ($0.name, snapshot.count($0)) })
        probesPerSecond = snapshot.probesPerSecond.finiteOrNil ?? 0
        paused = snapshot.paused
        targets = snapshot.targets.map(Target.init)
    }
}
