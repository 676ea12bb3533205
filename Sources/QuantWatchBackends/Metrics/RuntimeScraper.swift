import Foundation
import QuantWatchDomain

/// Scrapes one target's metrics endpoint on its own schedule, in its own task, and hands each outcome on.
///
/// It never takes a probe permit and shares nothing with the probe loop but the HTTP client, so a slow or
/// hanging endpoint delays only its own next scrape (each is cut at `timeout`).
public struct RuntimeScraper: Sendable {
    /// The fastest schedule allowed (the fleet file's check uses the same figure).
    public static let minimumInterval = MetricsEndpoint.minimumInterval

    public let targetID: String
    public let url: String
    public let interval: Duration
    public let timeout: Duration
    private let fetcher: any MetricsFetcher
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - interval: time between scrape starts, raised to `minimumInterval`.
    ///   - timeout: the whole scrape, head and body; at most the interval, so scrapes never pile up.
    public init(
        targetID: String, url: String, interval: Duration, timeout: Duration, fetcher: any MetricsFetcher,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.targetID = targetID
        self.url = url
        self.interval = max(interval, Self.minimumInterval)
        self.timeout = min(max(timeout, .milliseconds(50)), max(interval, Self.minimumInterval))
        self.fetcher = fetcher
        self.now = now
    }

    /// How often an endpoint that answered 501 or 404 is asked again.
    public static let lastingFailureInterval = Duration.seconds(60)

    static func isLasting(_ outcome: ScrapeOutcome) -> Bool {
        switch outcome {
        case .failure(.notEnabled, _), .failure(.httpStatus(404), _): true
        default: false
        }
    }

    /// One scrape, parsed.
    public func scrape() async -> ScrapeOutcome {
        let started = now()
        switch await fetcher.fetch(url, timeout: timeout) {
        case .failure(let failure):
            return .failure(failure, at: started)
        case .success(let body):
            do throws(PrometheusParseError) {
                return .reading(RuntimeReading(try PrometheusTextParser.parse(body), at: started))
            } catch {
                return .failure(.malformed(error), at: started)
            }
        }
    }

    /// Scrapes until the task is cancelled; each outcome goes to `deliver` before the next scrape is due.
    public func run(deliver: @Sendable (ScrapeOutcome) async -> Void) async {
        let clock = ContinuousClock()
        var due = clock.now
        while !Task.isCancelled {
            let outcome = await scrape()
            if Task.isCancelled { return }
            await deliver(outcome)
            // Fixed-rate from the first scrape; a scrape that ran long skips the ticks it missed. An endpoint that
            // is switched off or absent is asked again only once a minute: it will not change by the second.
            due += Self.isLasting(outcome) ? max(interval, Self.lastingFailureInterval) : interval
            let current = clock.now
            if due < current { due = current }
            do {
                try await Task.sleep(until: due, clock: clock)
            } catch {
                return
            }
        }
    }
}

extension RuntimeScraper {
    /// One scraper per target of `config` that has a metrics endpoint, all fetching through `httpClient`.
    ///
    /// Each scrapes at the target's `metrics_interval`, else its probe interval (at most once a second), and
    /// gives up after the target's connect timeout plus a second, at most the interval.
    public static func scrapers(
        for config: FleetConfig, fetcher: any MetricsFetcher, now: @escaping @Sendable () -> Date = { Date() }
    ) -> [RuntimeScraper] {
        config.targets.compactMap { target in
            guard let url = target.metricsURL else { return nil }
            let interval = target.metricsInterval ?? target.interval
            return RuntimeScraper(
                targetID: target.id, url: url, interval: interval, timeout: target.timeouts.connect + .seconds(1),
                fetcher: fetcher, now: now)
        }
    }
}
