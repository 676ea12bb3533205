import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import QuantWatchDomain
import Synchronization

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
        // A watchdog races the exchange, and the first to finish answers: AsyncHTTPClient's deadline only covers
        // the response head, and a connect that retries or a body that stalls may not end at once when cancelled,
        // so the answer must not wait for the cancelled exchange to wind down (it does so in the background).
        let race = FetchRace()
        let exchange = Task { await self.exchange(url, timeout: timeout) }
        let watchdog = Task {
            try? await Task.sleep(for: timeout)
            race.finish(.failure(.timeout(timeout)))
            exchange.cancel()
        }
        Task {
            let result = await exchange.value
            race.finish(result)
            watchdog.cancel()
        }
        return await withTaskCancellationHandler {
            await race.result()
        } onCancel: {
            exchange.cancel()
            race.finish(.failure(.timeout(timeout)))
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

/// The first outcome of a fetch, handed to the one waiter whichever side (exchange, watchdog, cancellation)
/// gets there first; later ones are dropped.
private final class FetchRace: Sendable {
    private struct State {
        var outcome: Result<[UInt8], ScrapeFailure>?
        var waiter: CheckedContinuation<Result<[UInt8], ScrapeFailure>, Never>?
    }

    private let state = Mutex(State())

    func finish(_ outcome: Result<[UInt8], ScrapeFailure>) {
        let waiter = state.withLock { state -> CheckedContinuation<Result<[UInt8], ScrapeFailure>, Never>? in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: outcome)
    }

    func result() async -> Result<[UInt8], ScrapeFailure> {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Result<[UInt8], ScrapeFailure>? in
                if let outcome = state.outcome { return outcome }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
