import Foundation
import QuantWatchDomain

/// What one report logs to MLflow: params (what was compared), metrics (every figure of both sides and the
/// delta) and tags (the verdict).
public struct MLflowRunRecord: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    public struct Metric: Sendable, Equatable {
        public var key: String
        public var value: Double
    }

    public var runName: String
    public var params: [Entry]
    public var metrics: [Metric]
    public var tags: [Entry]

    /// - Parameters:
    ///   - backends: backend kind per target id; models: model name per target id (both as configured).
    ///   - suitesHash: content hash of the suites the canaries came from.
    public init(
        report: QuantizationReport, backends: [String: String], models: [String: String], suitesHash: String,
        quantwatchVersion: String
    ) {
        runName = "\(report.targetID) vs \(report.baselineID)"
        var params = [
            Entry(key: "baseline", value: report.baselineID),
            Entry(key: "target", value: report.targetID),
            Entry(key: "baseline_quant", value: report.baselineQuant),
            Entry(key: "target_quant", value: report.targetQuant),
            Entry(key: "rounds", value: String(report.rounds)),
            Entry(key: "suites_hash", value: suitesHash),
            Entry(key: "quantwatch_version", value: quantwatchVersion),
        ]
        for (side, id) in [("baseline", report.baselineID), ("target", report.targetID)] {
            if let backend = backends[id] { params.append(Entry(key: "\(side)_backend", value: backend)) }
            if let model = models[id], !model.isEmpty { params.append(Entry(key: "\(side)_model", value: model)) }
        }
        if let method = report.perplexity.method { params.append(Entry(key: "perplexity_method", value: method)) }
        self.params = params

        var metrics: [Metric] = []
        func add(_ key: String, _ value: Double?) {
            guard let value, value.isFinite else { return }
            metrics.append(Metric(key: key, value: value))
        }
        for row in report.rows {
            let key = Self.slug(row.metric, unit: row.unit)
            add("baseline.\(key)", row.baseline)
            add("target.\(key)", row.target)
            add("delta.\(key)", row.delta)
        }
        add("drop_points", report.dropPoints)
        self.metrics = metrics

        tags = [
            Entry(key: "quantwatch.verdict", value: report.verdict.rawValue),
            Entry(key: "quantwatch.accuracy_verdict", value: report.accuracyVerdict.rawValue),
            Entry(key: "quantwatch.evidence", value: report.evidence),
        ]
        if let verdict = report.perplexity.verdict {
            tags.append(Entry(key: "quantwatch.perplexity_verdict", value: verdict.rawValue))
        }
    }

    /// `accuracy: general` + `%` -> `accuracy_general_pct`; MLflow keys allow letters, digits, `_ - . /` and
    /// spaces, and a stable key reads the same in every run.
    static func slug(_ metric: String, unit: String) -> String {
        let suffix: String =
            switch unit {
            case "%": "_pct"
            case "": ""
            case "tok/s": "_tok_s"
            default: "_" + unit.lowercased()
            }
        var slug = ""
        for character in metric.lowercased() {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.hasSuffix("_") {
                slug.append("_")
            }
        }
        while slug.hasSuffix("_") { slug.removeLast() }
        return slug + suffix
    }
}
