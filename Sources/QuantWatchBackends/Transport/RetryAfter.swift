import Foundation
import NIOHTTP1

/// How long a server asked us to wait: `retry-after-ms` (milliseconds), else `Retry-After` (seconds or date).
enum RetryAfter {
    /// The requested wait, or nil when the headers ask for none (or say nothing parseable).
    static func delay(from headers: HTTPHeaders, now: Date = Date()) -> Duration? {
        if let text = headers.first(name: "retry-after-ms"), let ms = Double(text.trimmingCharacters(in: .whitespaces)),
            ms.isFinite, ms >= 0
        {
            return .microseconds(Int64(min(ms, 86_400_000) * 1000))
        }
        guard let text = headers.first(name: "retry-after")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(text), seconds.isFinite, seconds >= 0 {
            return .milliseconds(Int64(min(seconds, 86_400) * 1000))
        }
        if let date = HTTPDate.parse(text) {
            let seconds = max(0, date.timeIntervalSince(now))
            return .milliseconds(Int64(min(seconds, 86_400) * 1000))
        }
        return nil
    }
}
