import Foundation

/// Request and error counts in 10-second buckets over the last 6 hours, for SLO burn rates.
///
/// A fixed ring of 2160 buckets (about 26 KB, allocated on first use) indexed by time; a bucket is reused when
/// its time comes round again. Queries sum the buckets of a window in one pass, so windows are exact to 10 s:
/// a window of length W at `now` holds the buckets in `(nowBucket − W/10 s, nowBucket]` plus any stamped later.
public struct ErrorBudgetRing: Sendable, Equatable {
    public static let bucketSeconds: Int64 = 10
    /// Buckets kept: 6 hours.
    public static let bucketCount = 2160

    private var stamps: [Int64] = []
    private var requests: [Int32] = []
    private var errors: [Int32] = []

    public init() {}

    /// Counts one probe that started at `date`. Probes older than the ring are dropped.
    public mutating func record(at date: Date, isError: Bool) {
        if stamps.isEmpty {
            stamps = [Int64](repeating: .min, count: Self.bucketCount)
            requests = [Int32](repeating: 0, count: Self.bucketCount)
            errors = [Int32](repeating: 0, count: Self.bucketCount)
        }
        let bucket = Self.bucket(date)
        let slot = Int(bucket.modulo(Int64(Self.bucketCount)))
        if stamps[slot] < bucket {
            stamps[slot] = bucket
            requests[slot] = 0
            errors[slot] = 0
        } else if stamps[slot] > bucket {
            return
        }
        requests[slot] &+= 1
        if isError { errors[slot] &+= 1 }
    }

    /// Requests and errors over each window (in seconds) ending at `now`, in one pass.
    public func counts(over windows: [Int64], at now: Date) -> [ErrorWindowCounts] {
        var result = [ErrorWindowCounts](repeating: ErrorWindowCounts(), count: windows.count)
        guard !stamps.isEmpty else { return result }
        let nowBucket = Self.bucket(now)
        let lowers = windows.map { nowBucket - Swift.max($0 / Self.bucketSeconds, 1) }
        for slot in 0..<Self.bucketCount {
            let stamp = stamps[slot]
            guard stamp != .min else { continue }
            for (position, lower) in lowers.enumerated() where stamp > lower {
                result[position].requests += Int(requests[slot])
                result[position].errors += Int(errors[slot])
            }
        }
        return result
    }

    private static func bucket(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(bucketSeconds)).rounded(.down))
    }
}

extension Int64 {
    /// Remainder in 0..<divisor, also for negative numbers.
    fileprivate func modulo(_ divisor: Int64) -> Int64 {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
