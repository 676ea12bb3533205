#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The part of a fleet one probe watches (`run --targets GLOB[,GLOB...]`): targets whose id matches any of the
/// shell globs (`*`, `?`, `[a-z]`), plus the live baselines they are compared against, which the comparison needs.
public struct TargetSelection: Sendable, Equatable {
    public var patterns: [String]

    /// Patterns from a comma-separated list; empty entries are dropped.
    public init(parsing list: String) {
        patterns = list.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    public init(patterns: [String]) {
        self.patterns = patterns
    }

    /// Whether a target id matches any pattern.
    public func matches(_ id: String) -> Bool {
        patterns.contains { fnmatch($0, id, 0) == 0 }
    }

    /// `config` with only the selected targets (and their live baselines, in fleet order); fails when a pattern
    /// matches no target, naming it and the ids there are.
    public func apply(to config: FleetConfig) throws(TargetSelectionError) -> FleetConfig {
        let ids = config.targets.map(\.id)
        let unmatched = patterns.filter { pattern in !ids.contains { fnmatch(pattern, $0, 0) == 0 } }
        guard unmatched.isEmpty else {
            throw TargetSelectionError(unmatched: unmatched, available: ids)
        }
        let chosen = Set(ids.filter(matches))
        let byID = Dictionary(config.targets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let baselines = Set(
            chosen.compactMap { id in
                byID[id].flatMap { $0.recordedBaseline == nil ? $0.baseline : nil }
            })
        var selected = config
        selected.targets = config.targets.filter { chosen.contains($0.id) || baselines.contains($0.id) }
        return selected
    }
}

/// A `--targets` pattern that matches no target of the fleet.
public struct TargetSelectionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var unmatched: [String]
    public var available: [String]

    public var description: String {
        let quoted = unmatched.map { "'\($0)'" }.joined(separator: ", ")
        return "--targets: \(quoted) matches no target (targets: \(available.joined(separator: ", ")))"
    }
}
