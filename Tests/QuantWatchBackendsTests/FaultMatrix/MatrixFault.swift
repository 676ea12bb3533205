import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchTestSupport

/// One fault of the matrix: what the server (or the network) does to the first request, and what must follow.
enum MatrixFault: String, CaseIterable, Sendable, CustomStringConvertible {
    case stallMidStream
    case resetMidStream
    case garbageChunk
    case tooManyRequestsRetryAfterSeconds
    case tooManyRequestsRetryAfterDate
    case serverErrorThenSuccess
    case slowHead
    case refused
    case unknownHost
    case fiftyMegabyteBody
    case truncatedJSON

    var description: String { rawValue }

    /// What the probe that meets the fault must end in.
    enum Outcome: Equatable {
        case fails(ErrorClass)
        case succeedsAfterOneRetry
    }

    /// The retry budget of every matrix target.
    static let retry = RetryPolicy(maxRetries: 2, baseDelay: .milliseconds(1), maxDelay: .seconds(5))

    /// Short deadlines, so the timeouts come quickly, but far above what a good answer needs on loopback: 44 cases
    /// at once on two cores (four of them pumping 50 MB) starved a 400 ms read-idle timeout, and with another
    /// session's suite on the machine a good answer and a reset both took over 6 s (a 2 s read-idle timeout fired
    /// before a reset 20 ms after the last byte was read).
    static let timeouts = Timeouts(connect: .seconds(2), readIdle: .seconds(5), total: .seconds(20))

    /// The deadlines of this fault's target. The 50 MB body gets more, since framing 8 MB in a debug build on a
    /// loaded machine (two busy cores besides the matrix) took over 6 s; so do refused and unknown host, whose
    /// three attempts ran into the 6 s total deadline while the whole suite ran (alone they take milliseconds).
    var timeouts: Timeouts {
        switch self {
        case .fiftyMegabyteBody, .refused, .unknownHost:
            Timeouts(connect: .seconds(2), readIdle: .seconds(10), total: .seconds(30))
        default: Self.timeouts
        }
    }

    var outcome: Outcome {
        switch self {
        case .stallMidStream, .slowHead: .fails(.timeout)
        case .resetMidStream, .refused, .unknownHost: .fails(.connect)
        case .garbageChunk, .fiftyMegabyteBody, .truncatedJSON: .fails(.protocol)
        case .tooManyRequestsRetryAfterSeconds, .tooManyRequestsRetryAfterDate, .serverErrorThenSuccess:
            .succeedsAfterOneRetry
        }
    }

    /// Retries the faulted probe must report: refused connections are retried (nothing reached the server),
    /// a broken or slow answer is not (the server had the request), a 429 or 5xx once before the good answer.
    var retries: Int {
        switch self {
        case .refused, .unknownHost: Self.retry.maxRetries
        case .tooManyRequestsRetryAfterSeconds, .tooManyRequestsRetryAfterDate, .serverErrorThenSuccess: 1
        default: 0
        }
    }

    /// The shortest time the first request can take to fail (timeouts), or the least wait between the first
    /// request and its retry (Retry-After).
    var leastDelay: Duration {
        switch self {
        case .stallMidStream, .slowHead: Self.timeouts.readIdle
        case .tooManyRequestsRetryAfterSeconds: .seconds(1)
        // A date has whole seconds: two seconds ahead, cut to the second, is more than one second away.
        case .tooManyRequestsRetryAfterDate: .milliseconds(900)
        default: .zero
        }
    }

    /// Whether a scripted server plays the fault (refused and unknown host happen before any server).
    var isScripted: Bool { self != .refused && self != .unknownHost }

    /// The response to the first request.
    func script(_ stream: DialectStream) -> ScriptedResponse {
        let opening = stream.opening.map { ScriptedResponse.Step.text($0) }
        switch self {
        case .stallMidStream:
            return stream.response(opening + [.stall])
        case .resetMidStream:
            return stream.response(opening + [.sleep(.milliseconds(20)), .reset])
        case .garbageChunk:
            return stream.response(opening + [.send(stream.garbage)] + stream.good.map { .text($0) })
        case .truncatedJSON:
            return stream.response(opening + [.text(stream.truncated)])
        case .fiftyMegabyteBody:
            let megabyte = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
            return stream.response([.text(stream.endlessPrefix)] + Array(repeating: .send(megabyte), count: 50))
        case .tooManyRequestsRetryAfterSeconds:
            return .body(#"{"error":{"message":"slow down"}}"#, status: 429, headers: [("Retry-After", "1")])
        case .tooManyRequestsRetryAfterDate:
            let date = Self.httpDate(Date().addingTimeInterval(2))
            return .body(#"{"error":{"message":"slow down"}}"#, status: 429, headers: [("Retry-After", date)])
        case .serverErrorThenSuccess:
            return .body(#"{"error":{"message":"boom"}}"#, status: 503)
        case .slowHead:
            var script = stream.goodResponse
            script.headDelay = .seconds(60)
            return script
        case .refused, .unknownHost:
            return stream.goodResponse
        }
    }

    /// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
