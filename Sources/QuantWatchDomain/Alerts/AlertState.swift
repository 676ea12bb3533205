/// Health of a target or rule.
///
/// Ordered: a worse state compares greater.
public enum AlertState: Int, Sendable, Equatable, Hashable, Comparable, CaseIterable, Codable {
    case unknown = -1
    case ok = 0
    case warning = 1
    case critical = 2

    public static func < (lhs: AlertState, rhs: AlertState) -> Bool { lhs.rawValue < rhs.rawValue }

    public var name: String {
        switch self {
        case .unknown: "unknown"
        case .ok: "ok"
        case .warning: "warning"
        case .critical: "critical"
        }
    }
}
