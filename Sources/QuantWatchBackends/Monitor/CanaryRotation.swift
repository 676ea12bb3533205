import QuantWatchDomain

/// The order a probe loop walks its canaries in: one canary of each category in turn, in suite order within
/// a category.
///
/// Walking the suites file by file would leave the later categories without a single answer for minutes (56
/// canaries at a 5 s interval is almost five minutes per pass), so the per-category accuracy and drift panels
/// would show gaps exactly when someone looks. Interleaving gives every category an answer within the first
/// few probes, and a target and its baseline still ask the same canaries in the same order.
public enum CanaryRotation {
    public static func interleavedByCategory(_ canaries: [Canary]) -> [Canary] {
        var categories: [String] = []
        var byCategory: [String: [Canary]] = [:]
        for canary in canaries {
            if byCategory[canary.category] == nil { categories.append(canary.category) }
            byCategory[canary.category, default: []].append(canary)
        }
        let longest = byCategory.values.map(\.count).max() ?? 0
        var order: [Canary] = []
        order.reserveCapacity(canaries.count)
        for round in 0..<longest {
            for category in categories {
                if let group = byCategory[category], round < group.count { order.append(group[round]) }
            }
        }
        return order
    }
}
