/// One screen on the navigation stack.
public enum Route: Sendable, Equatable, Hashable {
    case dashboard
    case detail(targetID: String)
    case drift
    case alerts
    case help

    /// The breadcrumb word for this screen.
    public var title: String {
        switch self {
        case .dashboard: "Fleet"
        case .detail(let targetID): targetID
        case .drift: "Drift"
        case .alerts: "Alerts"
        case .help: "Help"
        }
    }
}
