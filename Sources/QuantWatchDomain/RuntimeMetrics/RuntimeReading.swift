import Foundation

/// The figures quantwatch reads from one scrape of a runtime's `/metrics`, in either naming scheme.
///
/// Names are matched as the runtimes define them: llama.cpp's `llamacpp:*` (server `--metrics`), vLLM's
/// `vllm:*` with the current name first and deprecated ones after (`gpu_cache_usage_perc` became
/// `kv_cache_usage_perc` in V1). Counters stay cumulative here; `RuntimeSeries` turns them into rates.
public struct RuntimeReading: Sendable, Equatable {
    /// Which runtime the names came from.
    public enum Naming: String, Sendable, Equatable, Codable {
        case llamacpp, vllm
        /// A Prometheus endpoint with none of the names we know (another server behind the same port).
        case unknown
    }

    public var at: Date
    public var naming: Naming
    public var requestsRunning: Double?
    public var requestsWaiting: Double?
    /// 0...1.
    public var kvCacheUsage: Double?
    public var promptTokensTotal: Double?
    public var generationTokensTotal: Double?
    public var preemptionsTotal: Double?
    /// Seconds, cumulative since the server started.
    public var ttft: PrometheusHistogram?
    public var e2e: PrometheusHistogram?
    public var queue: PrometheusHistogram?

    public init(
        at: Date, naming: Naming, requestsRunning: Double? = nil, requestsWaiting: Double? = nil,
        kvCacheUsage: Double? = nil, promptTokensTotal: Double? = nil, generationTokensTotal: Double? = nil,
        preemptionsTotal: Double? = nil, ttft: PrometheusHistogram? = nil, e2e: PrometheusHistogram? = nil,
        queue: PrometheusHistogram? = nil
    ) {
        self.at = at
        self.naming = naming
        self.requestsRunning = requestsRunning
        self.requestsWaiting = requestsWaiting
        self.kvCacheUsage = kvCacheUsage
        self.promptTokensTotal = promptTokensTotal
        self.generationTokensTotal = generationTokensTotal
        self.preemptionsTotal = preemptionsTotal
        self.ttft = ttft
        self.e2e = e2e
        self.queue = queue
    }

    /// The names of each figure, current first.
    enum Names {
        static let running = ["vllm:num_requests_running", "llamacpp:requests_processing"]
        static let waiting = ["vllm:num_requests_waiting", "llamacpp:requests_deferred"]
        static let kvCache = ["vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "llamacpp:kv_cache_usage_ratio"]
        static let promptTokens = ["vllm:prompt_tokens_total", "llamacpp:prompt_tokens_total"]
        static let generationTokens = ["vllm:generation_tokens_total", "llamacpp:tokens_predicted_total"]
        // prometheus_client names a counter's sample `<family>_total`; some vLLM versions declared the family
        // with `_total` already, others without.
        static let preemptions = ["vllm:num_preemptions_total", "vllm:num_preemptions"]
        static let ttft = ["vllm:time_to_first_token_seconds"]
        static let e2e = ["vllm:e2e_request_latency_seconds"]
        static let queue = ["vllm:request_queue_time_seconds"]
    }

    /// Reads the figures out of an exposition taken at `at`.
    public init(_ exposition: PrometheusExposition, at: Date) {
        let hasVLLM = exposition.samples.contains { $0.name.hasPrefix("vllm:") }
        let hasLlama = exposition.samples.contains { $0.name.hasPrefix("llamacpp:") }
        self.init(
            at: at, naming: hasVLLM ? .vllm : hasLlama ? .llamacpp : .unknown,
            requestsRunning: exposition.sum(anyOf: Names.running),
            requestsWaiting: exposition.sum(anyOf: Names.waiting),
            kvCacheUsage: exposition.mean(anyOf: Names.kvCache).map { min(max($0, 0), 1) },
            promptTokensTotal: exposition.sum(anyOf: Names.promptTokens),
            generationTokensTotal: exposition.sum(anyOf: Names.generationTokens),
            preemptionsTotal: exposition.sum(anyOf: Names.preemptions),
            ttft: exposition.histogram(anyOf: Names.ttft), e2e: exposition.histogram(anyOf: Names.e2e),
            queue: exposition.histogram(anyOf: Names.queue))
    }
}
