import QuantWatchDomain

extension UIState {
    /// Targets of the fleet table after the filter and the sort, in display order.
    public func visibleTargets(in snapshot: Snapshot) -> [TargetSnapshot] {
        let needle = filter.lowercased()
        let filtered =
            needle.isEmpty
            ? snapshot.targets
            : snapshot.targets.filter { target in
                [target.id, target.model, target.quant, target.backend.rawValue].contains {
                    $0.lowercased().contains(needle)
                }
            }
        guard let sortColumn else { return filtered }
        let window = self.window
        let ascending = sortAscending
        let keyed = filtered.map { ($0, UIState.sortValue($0, sortColumn, window)) }
        return keyed.sorted { lhs, rhs in
            switch (lhs.1, rhs.1) {
            case (nil, nil): return lhs.0.id < rhs.0.id
            case (nil, _): return false  // targets without a value go last either way
            case (_, nil): return true
            case (let left?, let right?):
                if left == right { return lhs.0.id < rhs.0.id }
                return ascending ? left < right : left > right
            }
        }.map(\.0)
    }

    /// Index of the selected target among the visible rows.
    public func selectedIndex(in rows: [TargetSnapshot]) -> Int? {
        guard let selectedID else { return rows.isEmpty ? nil : 0 }
        return rows.firstIndex { $0.id == selectedID } ?? (rows.isEmpty ? nil : 0)
    }

    private static func sortValue(_ target: TargetSnapshot, _ column: SortColumn, _ window: MetricWindow) -> SortValue?
    {
        let stats = target.stats(window)
        let hasLatency = stats.e2e.count > 0
        switch column {
        case .target: return .text(target.id)
        case .state: return .number(Double(target.state.rawValue))
        case .p50: return hasLatency ? .number(stats.e2e.p50) : nil
        case .p95: return hasLatency ? .number(stats.e2e.p95) : nil
        case .p99: return hasLatency ? .number(stats.e2e.p99) : nil
        case .ttft: return stats.ttft.count > 0 ? .number(stats.ttft.p95) : nil
        case .errors: return stats.requests > 0 ? .number(stats.errorRate) : nil
        case .tokens: return stats.decodeTokensPerSecond.map { .number($0) }
        case .accuracy: return target.overall.accuracy.rate.map { .number($0) }
        case .delta: return target.overall.deltaPoints.map { .number($0) }
        case .agreement: return target.overall.answerAgreement.map { .number($0) }
        }
    }
}

/// A comparable sort key: text or number.
enum SortValue: Comparable {
    case text(String)
    case number(Double)
}
