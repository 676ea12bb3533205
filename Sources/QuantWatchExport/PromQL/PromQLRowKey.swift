import QuantWatchDomain

/// One row of `top`: a target as one probe sees it, or (probe nil) the target summed over its probes.
struct PromQLRowKey: Sendable, Hashable, Comparable {
    var target: String
    var probe: String?

    init(target: String, probe: String?) {
        self.target = target
        self.probe = probe
    }

    /// The row of a sample at a level, nil without a target label.
    init?(_ sample: PromQLSample, level: RecordedSeries.Level) {
        guard let target = sample["target"] else { return nil }
        self.target = target
        probe = level == .probeTarget ? (sample["probe"] ?? "") : nil
    }

    /// The row id on screen: `target@probe`, or the target alone for the aggregate.
    var id: String { probe.map { "\(target)@\($0)" } ?? target }

    static func < (lhs: PromQLRowKey, rhs: PromQLRowKey) -> Bool {
        (lhs.target, lhs.probe ?? "") < (rhs.target, rhs.probe ?? "")
    }
}
