import QuantWatchDomain

/// A JSON-line record that can carry the name of the probe that wrote it (`run --probe NAME`).
public protocol ProbeNamedRecord: Encodable, Sendable {
    var probe: String? { get set }
}

extension ProbeNamedRecord {
    /// The record with its probe field set (nil leaves it out of the line).
    public func probed(_ name: String?) -> Self {
        var record = self
        record.probe = name
        return record
    }
}

extension ResultRecord: ProbeNamedRecord {}
extension EventRecord: ProbeNamedRecord {}
extension SnapshotRecord: ProbeNamedRecord {}
