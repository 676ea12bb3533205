import Foundation
import NIOHTTP1
@testable import QuantWatchBackends
@testable import QuantWatchDomain
import Testing

@Suite struct RetryAfterTests {
    @Test func retryAfterSecondsMillisecondsAndDates() {
        #expect(RetryAfter.delay(from: ["Retry-After": "2"]) == .seconds(2))
        #expect(RetryAfter.delay(from: ["retry-after": "0.5"]) == .milliseconds(500))
        #expect(RetryAfter.delay(from: ["retry-after-ms": "150", "retry-after": "9"]) == .milliseconds(150))
        #expect(RetryAfter.delay(from: ["retry-after": "soon"]) == nil)
        #expect(RetryAfter.delay(from: [:]) == nil)
        let now = Date(timeIntervalSince1970: 784_111_767)  // Sun, 06 Nov 1994 08:49:27 GMT
        #expect(RetryAfter.delay(from: ["retry-after": "Sun, 06 Nov 1994 08:49:37 GMT"], now: now) == .seconds(10))
        #expect(RetryAfter.delay(from: ["retry-after": "Sunday, 06-Nov-94 08:49:37 GMT"], now: now) == .seconds(10))
        #expect(RetryAfter.delay(from: ["retry-after": "Sun Nov  6 08:49:37 1994"], now: now) == .seconds(10))
        // A date in the past means "now".
        #expect(RetryAfter.delay(from: ["retry-after": "Sun, 06 Nov 1994 08:00:00 GMT"], now: now) == .zero)
    }

    @Test func httpDateRejectsNonsense() {
        #expect(HTTPDate.parse("Sun, 32 Nov 1994 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("Sun, 06 Foo 1994 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("") == nil)
        #expect(HTTPDate.parse("Thu, 01 Jan 1970 00:00:00 GMT") == Date(timeIntervalSince1970: 0))
    }

    @Test func backoffIsFullJitterCappedAndHonoursRetryAfter() {
        let policy = RetryPolicy(maxRetries: 5, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        #expect(Backoff.delay(retry: 0, policy: policy, retryAfter: nil, unit: 1) == .milliseconds(100))
        #expect(Backoff.delay(retry: 2, policy: policy, retryAfter: nil, unit: 1) == .milliseconds(400))
        #expect(Backoff.delay(retry: 2, policy: policy, retryAfter: nil, unit: 0.5) == .milliseconds(200))
        #expect(Backoff.delay(retry: 2, policy: policy, retryAfter: nil, unit: 0) == .zero)
        #expect(Backoff.delay(retry: 9, policy: policy, retryAfter: nil, unit: 1) == .seconds(1))
        #expect(Backoff.delay(retry: 0, policy: policy, retryAfter: .milliseconds(700), unit: 0) == .milliseconds(700))
        #expect(Backoff.delay(retry: 0, policy: policy, retryAfter: .seconds(30), unit: 0) == .seconds(1))
    }

    @Test func redactorScrubsKeys() {
        let redactor = Redactor(secrets: ["sk-secret-123", nil, "ab"])
        #expect(redactor.clean("bad key sk-secret-123 given") == "bad key [redacted] given")
        #expect(redactor.clean("about ab") == "about ab")
    }
}
