/// Fleet table columns the `s` key cycles through.
public enum SortColumn: String, Sendable, Equatable, CaseIterable {
    case target
    case state
    case p50
    case p95
    case p99
    case ttft
    case errors
    case tokens
    case accuracy
    case delta
    case agreement

    /// Worst first: high latency and errors descending, low accuracy and agreement ascending.
    public var defaultAscending: Bool {
        switch self {
        case .target, .accuracy, .delta, .agreement, .tokens: true
        case .state, .p50, .p95, .p99, .ttft, .errors: false
        }
    }

    public var next: SortColumn {
        let all = Self.allCases
        let index = all.firstIndex(of: self) ?? 0
        return all[(index + 1) % all.count]
    }
}
