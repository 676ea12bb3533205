/// Deployment verdict from the accuracy drop against the baseline.
public enum Verdict: String, Sendable, Equatable, Codable {
    case ok
    /// Drop of 2 to 5 points.
    case caution
    /// Drop of more than 5 points.
    case doNotDeploy = "do_not_deploy"

    /// Verdict for a drop in points (positive = worse than baseline).
    public init(dropPoints: Double, warning: Double = 2, critical: Double = 5) {
        if dropPoints > critical {
            self = .doNotDeploy
        } else if dropPoints >= warning {
            self = .caution
        } else {
            self = .ok
        }
    }
}
