import Foundation
import QuantWatchDomain

extension SnapshotRecord {
    /// A target's runtime figures in a snapshot line (`server`): what the runtime says about itself.
    public struct Server: Codable, Sendable, Equatable {
        public var naming: String?
        public var requestsRunning: Double?
        public var requestsWaiting: Double?
        public var kvCacheUsage: Double?
        public var generationTokensPerSecond: Double?
        public var promptTokensPerSecond: Double?
        public var preemptions: Double?
        public var serverTTFTP95Ms: Double?
        public var serverE2EP95Ms: Double?
        public var serverQueueP95Ms: Double?
        /// From the responses' own timings (llama.cpp `timings`, Ollama durations).
        public var responseServerTTFTP95Ms: Double?
        public var clientMinusServerTTFTP95Ms: Double?
        public var loadMs: Double?
        public var coldLoads: Int?
        public var lastScrapeAt: Date?
        public var scrapeError: String?

        enum CodingKeys: String, CodingKey {
            case naming, preemptions
            case requestsRunning = "requests_running"
            case requestsWaiting = "requests_waiting"
            case kvCacheUsage = "kv_cache_usage"
            case generationTokensPerSecond = "generation_tokens_per_second"
            case promptTokensPerSecond = "prompt_tokens_per_second"
            case serverTTFTP95Ms = "server_ttft_p95_ms"
            case serverE2EP95Ms = "server_e2e_p95_ms"
            case serverQueueP95Ms = "server_queue_p95_ms"
            case responseServerTTFTP95Ms = "response_server_ttft_p95_ms"
            case clientMinusServerTTFTP95Ms = "client_minus_server_ttft_p95_ms"
            case loadMs = "load_ms"
            case coldLoads = "cold_loads"
            case lastScrapeAt = "last_scrape_at"
            case scrapeError = "scrape_error"
        }

        init(_ runtime: RuntimeSnapshot) {
            naming = runtime.naming?.rawValue
            requestsRunning = runtime.requestsRunning.finiteOrNil
            requestsWaiting = runtime.requestsWaiting.finiteOrNil
            kvCacheUsage = runtime.kvCacheUsage.finiteOrNil
            generationTokensPerSecond = runtime.generationTokensPerSecond.finiteOrNil
            promptTokensPerSecond = runtime.promptTokensPerSecond.finiteOrNil
            preemptions = runtime.preemptions.finiteOrNil
            // Server TTFT: the histogram where the runtime has one (vLLM), else the responses' own timings.
            serverTTFTP95Ms = (runtime.serverTTFT?.p95 ?? runtime.timings?.serverTTFTP95).finiteOrNil
            serverE2EP95Ms = runtime.serverE2E?.p95.finiteOrNil
            serverQueueP95Ms = runtime.serverQueue?.p95.finiteOrNil
            responseServerTTFTP95Ms = runtime.timings?.serverTTFTP95.finiteOrNil
            clientMinusServerTTFTP95Ms = runtime.timings?.clientGapP95.finiteOrNil
            loadMs = runtime.timings?.lastLoad.finiteOrNil
            coldLoads = runtime.timings.flatMap { $0.lastLoad == nil ? nil : $0.coldLoads }
            lastScrapeAt = runtime.lastScrapeAt
            scrapeError = runtime.scrapeError?.description
        }
    }

    /// Goodput of one window in a snapshot line.
    public struct GoodputWindow: Codable, Sendable, Equatable {
        public var requests: Int
        public var good: Int
        public var share: Double?
        public var perSecond: Double

        enum CodingKeys: String, CodingKey {
            case requests, good, share
            case perSecond = "per_second"
        }

        init(_ goodput: Goodput) {
            requests = goodput.requests
            good = goodput.good
            share = goodput.share
            perSecond = goodput.perSecond.finiteOrNil ?? 0
        }
    }
}
