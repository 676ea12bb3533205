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
        scan(over: windows, at: now).counts
    }

    /// The counts of `counts(over:at:)` and the start of the oldest bucket with probes, in one pass over the ring
    /// (the monitor reads both on every result, so the pass is kept free of closures and dictionary work).
    func scan(over windows: [Int64], at now: Date) -> (counts: [ErrorWindowCounts], oldest: Int64?) {
        var result = [ErrorWindowCounts](repeating: ErrorWindowCounts(), count: windows.count)
        guard !stamps.isEmpty else { return (result, nil) }
        let nowBucket = Self.bucket(now)
        var lowers = [Int64](repeating: 0, count: windows.count)
        for position in 0..<windows.count {
            lowers[position] = nowBucket - Swift.max(windows[position] / Self.bucketSeconds, 1)
        }
        let ringLower = nowBucket - Int64(Self.bucketCount)
        var oldest = Int64.max
        stamps.withUnsafeBufferPointer { stamps in
            requests.withUnsafeBufferPointer { requests in
                errors.withUnsafeBufferPointer { errors in
                    for slot in 0..<Self.bucketCount {
                        let stamp = stamps[slot]
                        guard stamp > ringLower, requests[slot] > 0 else { continue }
                        if stamp < oldest { oldest = stamp }
                        for position in 0..<lowers.count where stamp > lowers[position] {
                            result[position].requests += Int(requests[slot])
                            result[position].errors += Int(errors[slot])
                        }
                    }
                }
            }
        }
        return (result, oldest == .max ? nil : oldest)
    }

    /// Seconds from the start of `oldest` (a bucket from `scan`) to `now`; 0 without probes.
    static func covered(from oldest: Int64?, to now: Date) -> Int64 {
        guard let oldest else { return 0 }
        return Swift.max(0, Int64(now.timeIntervalSince1970.rounded(.down)) - oldest * bucketSeconds)
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
