import Histogram

/// The one HdrHistogram layout every rolling distribution uses: integer values, 3 significant digits.
enum HistogramLayout {
    /// An empty histogram used only for its bucket arithmetic (equivalence ranges), never recorded into.
    static let reference = Histogram<UInt32>(numberOfSignificantValueDigits: .three)

    /// Largest value kept (one hour in microseconds); larger values are clamped to it.
    static let maximumValue: UInt32 = 3_600_000_000

    /// The lowest value in the HdrHistogram bucket of `value`: samples are stored at this value once compacted.
    @inline(__always)
    static func bucketFloor(_ value: UInt32) -> UInt32 {
        UInt32(truncatingIfNeeded: reference.lowestEquivalentForValue(UInt64(value)))
    }
}

extension Duration {
    /// Whole microseconds, rounded to nearest, clamped to 0...one hour (the histograms' range).
    var clampedMicroseconds: UInt32 {
        let parts = components
        if parts.seconds < 0 { return 0 }
        if parts.seconds >= 3600 { return HistogramLayout.maximumValue }
        let micros = parts.seconds * 1_000_000 + (parts.attoseconds + 500_000_000_000) / 1_000_000_000_000
        return UInt32(Swift.min(Swift.max(micros, 0), Int64(HistogramLayout.maximumValue)))
    }
}
