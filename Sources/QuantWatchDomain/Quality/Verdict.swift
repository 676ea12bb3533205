/// Deployment verdict from the paired accuracy drop against the baseline.
public enum Verdict: String, Sendable, Equatable, Codable {
    case ok
    /// A significant drop above the warning threshold (2 points by default).
    case caution
    /// A significant drop above the critical threshold (5 points by default).
    case doNotDeploy = "do_not_deploy"
    /// The drop is past a threshold but not significant, or there are too few pairs to say.
    case inconclusive

    /// Verdict for a drop in points (positive = worse than baseline) taken as settled (no evidence test).
    public init(dropPoints: Double, warning: Double = 2, critical: Double = 5) {
        if dropPoints > critical {
            self = .doNotDeploy
        } else if dropPoints > warning {
            self = .caution
        } else {
            self = .ok
        }
    }

    /// Verdict from the paired quality, overall first then per category: the worst significant finding, else
    /// inconclusive when a drop past the warning threshold lacks evidence or no scope has enough pairs.
    public init(quality: [CategoryQuality], thresholds: AlertThresholds) {
        let worst = quality.map(\.deltaSeverity).max() ?? .unknown
        switch worst {
        case .critical: self = .doNotDeploy
        case .warning: self = .caution
        case .unknown: self = .inconclusive
        case .ok:
            let unsettled = quality.contains { ($0.deltaPoints.map { -$0 } ?? 0) > thresholds.accuracyDropWarning }
            self = unsettled ? .inconclusive : .ok
        }
    }

    /// The alert state a verdict stands for.
    public var state: AlertState {
        switch self {
        case .ok: .ok
        case .caution: .warning
        case .doNotDeploy: .critical
        case .inconclusive: .unknown
        }
    }
}
