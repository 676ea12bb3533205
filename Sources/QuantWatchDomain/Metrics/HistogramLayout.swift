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

extension HistogramLayout {
    /// Bucket floors numbered densely in value order (HdrHistogram's counts index for 3 significant digits:
    /// 2,048 sub-buckets, half of them per power of two above the first), so a batch of bucket entries can be
    /// tallied into a flat array instead of sorted.
    static let denseIndexCount = 23 << 10

    @inline(__always)
    static func denseIndex(ofFloor floor: UInt32) -> Int {
        let value = UInt64(floor)
        let bucket = 53 - (value | 2047).leadingZeroBitCount
        let subBucket = Int(value >> UInt64(bucket))
        return ((bucket + 1) << 10) + (subBucket - 1024)
    }

    @inline(__always)
    static func floor(ofDenseIndex index: Int) -> UInt32 {
        var bucket = (index >> 10) - 1
        var subBucket = (index & 1023) + 1024
        if bucket < 0 {
            subBucket -= 1024
            bucket = 0
        }
        return UInt32(truncatingIfNeeded: subBucket << bucket)
    }
}
