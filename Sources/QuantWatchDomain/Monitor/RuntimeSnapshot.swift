import Foundation

/// What the runtime itself says about one target, frozen at one moment: its queue and cache from `/metrics`,
/// token rates from its counters, its own latency quantiles, and the timings its responses carry.
public struct RuntimeSnapshot: Sendable, Equatable {
    /// The server's own latency quantiles over the last minute of its histogram, in milliseconds.
    public struct Quantiles: Sendable, Equatable {
        public var p50: Double
        public var p95: Double
        /// Observations in the interval.
        public var count: Double

        public init(p50: Double, p95: Double, count: Double) {
            self.p50 = p50
            self.p95 = p95
            self.count = count
        }
    }

    /// Figures from the `timings` (llama.cpp) or `*_duration` (Ollama) fields of recent probe responses.
    public struct ResponseTimings: Sendable, Equatable {
        /// Probes the figures come from (the most recent ones, up to `RuntimeSeries.timingsKept`).
        public var samples: Int
        /// The server's own time to first token (prompt processing, plus the model load for Ollama), p95.
        public var serverTTFTP95: Double?
        /// Client TTFT minus server TTFT, p95: network, HTTP and any queue in front of the engine.
        public var clientGapP95: Double?
        /// Ollama's `load_duration` of the latest probe and the largest among the recent ones.
        public var lastLoad: Double?
        public var maxLoad: Double?
        /// Recent probes whose load took over `RuntimeSeries.coldLoadMilliseconds` (a model loaded cold).
        public var coldLoads: Int
        /// Median decode and prompt-evaluation speeds the server measured, tokens/s.
        public var evalTokensPerSecond: Double?
        public var promptTokensPerSecond: Double?

        public init(
            samples: Int = 0, serverTTFTP95: Double? = nil, clientGapP95: Double? = nil, lastLoad: Double? = nil,
            maxLoad: Double? = nil, coldLoads: Int = 0, evalTokensPerSecond: Double? = nil,
            promptTokensPerSecond: Double? = nil
        ) {
            self.samples = samples
            self.serverTTFTP95 = serverTTFTP95
            self.clientGapP95 = clientGapP95
            self.lastLoad = lastLoad
            self.maxLoad = maxLoad
            self.coldLoads = coldLoads
            self.evalTokensPerSecond = evalTokensPerSecond
            self.promptTokensPerSecond = promptTokensPerSecond
        }
    }

    /// One scrape on the time axis of the detail view.
    public struct Point: Sendable, Equatable {
        public var at: Date
        public var running: Double?
        public var waiting: Double?

        public init(at: Date, running: Double?, waiting: Double?) {
            self.at = at
            self.running = running
            self.waiting = waiting
        }
    }

    /// The endpoint scraped; nil when only response timings are known.
    public var metricsURL: String?
    public var naming: RuntimeReading.Naming?
    /// When the latest successful scrape started.
    public var lastScrapeAt: Date?
    /// Why the latest scrape failed; nil after a success.
    public var scrapeError: ScrapeFailure?
    public var requestsRunning: Double?
    public var requestsWaiting: Double?
    /// 0...1.
    public var kvCacheUsage: Double?
    public var promptTokensPerSecond: Double?
    public var generationTokensPerSecond: Double?
    /// Preemptions over the last minute of scrapes.
    public var preemptions: Double?
    public var serverTTFT: Quantiles?
    public var serverE2E: Quantiles?
    public var serverQueue: Quantiles?
    public var timings: ResponseTimings?
    /// Oldest first, one point per successful scrape, bounded.
    public var history: [Point]

    public init(
        metricsURL: String? = nil, naming: RuntimeReading.Naming? = nil, lastScrapeAt: Date? = nil,
        scrapeError: ScrapeFailure? = nil, requestsRunning: Double? = nil, requestsWaiting: Double? = nil,
        kvCacheUsage: Double? = nil, promptTokensPerSecond: Double? = nil, generationTokensPerSecond: Double? = nil,
        preemptions: Double? = nil, serverTTFT: Quantiles? = nil, serverE2E: Quantiles? = nil,
        serverQueue: Quantiles? = nil, timings: ResponseTimings? = nil, history: [Point] = []
    ) {
        self.metricsURL = metricsURL
        self.naming = naming
        self.lastScrapeAt = lastScrapeAt
        self.scrapeError = scrapeError
        self.requestsRunning = requestsRunning
        self.requestsWaiting = requestsWaiting
        self.kvCacheUsage = kvCacheUsage
        self.promptTokensPerSecond = promptTokensPerSecond
        self.generationTokensPerSecond = generationTokensPerSecond
        self.preemptions = preemptions
        self.serverTTFT = serverTTFT
        self.serverE2E = serverE2E
        self.serverQueue = serverQueue
        self.timings = timings
        self.history = history
    }

    /// Whether any figure came from a scrape (the fleet table's queue column shows only then).
    public var hasQueue: Bool { requestsRunning != nil || requestsWaiting != nil }

    /// The queue now against a minute before, for alert messages: `queue 6, was 0`; nil without scrapes.
    public func queueNote(at now: Date) -> String? {
        guard let waiting = requestsWaiting else { return nil }
        let before = history.last { $0.at <= now.addingTimeInterval(-60) } ?? history.first
        let was = before?.waiting ?? waiting
        return "queue \(Self.count(waiting)), was \(Self.count(was))"
    }

    static func count(_ value: Double) -> String {
        Figures.fixed(value, decimals: value == value.rounded() ? 0 : 1)
    }
}
