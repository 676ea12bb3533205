import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Fetches the text of a metrics endpoint; the scraper's only I/O, so tests can hand it canned text.
public protocol MetricsFetcher: Sendable {
    /// The body of a 2xx answer, or why there is none, within `timeout` (the whole exchange, body included).
    func fetch(_ url: String, timeout: Duration) async -> Result<[UInt8], ScrapeFailure>
}

/// Fetches over HTTP with AsyncHTTPClient, under a total deadline that covers the body as well as the head.
public struct HTTPMetricsFetcher: MetricsFetcher {
    private let client: HTTPClient
    private let headers: [String: String]

    /// - Parameter headers: sent with every scrape (the target's extra headers; never a key).
    public init(client: HTTPClient, headers: [String: String] = [:]) {
        self.client = client
        self.headers = headers
    }

    public func fetch(_ url: String, timeout: Duration) async -> Result<[UInt8], ScrapeFailure> {
        // A watchdog beside the request: AsyncHTTPClient's deadline only covers the response head, and a
        // server that sends the head and then stalls must not hold the scraper past its timeout.
        await withTaskGroup(of: Result<[UInt8], ScrapeFailure>?.self) { group in
            group.addTask { await self.exchange(url, timeout: timeout) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : .failure(.timeout(timeout))
            }
            var outcome: Result<[UInt8], ScrapeFailure> = .failure(.timeout(timeout))
            for await result in group {
                if let result {
                    outcome = result
                    break
                }
            }
            group.cancelAll()
            return outcome
        }
    }

    private func exchange(_ url: String, timeout: Duration) async -> Result<[UInt8], ScrapeFailure> {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "accept", value: "text/plain; version=0.0.4")
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.milliseconds * 1e6)))
            let status = Int(response.status.code)
            let body = try await response.body.collect(upTo: PrometheusTextParser.maximumBytes)
            if status == 501 { return .failure(.notEnabled) }
            guard (200..<300).contains(status) else { return .failure(.httpStatus(status)) }
            return .success(Array(buffer: body))
        } catch is NIOTooManyBytesError {
            return .failure(.tooLarge(PrometheusTextParser.maximumBytes))
        } catch is CancellationError {
            return .failure(.timeout(timeout))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            return .failure(.timeout(timeout))
        } catch {
            return .failure(.unreachable(Self.reason(error)))
        }
    }

    /// A short reason without the URL (it is on screen already) and without any header value.
    private static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("connectTimeout") { return "connect timeout" }
        return String(text.prefix(120))
    }
}
