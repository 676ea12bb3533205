import Prometheus
import QuantWatchDomain

/// The runtime and goodput families: what the scraped runtime says about itself, re-exported per target.
extension MetricFamilies {
    static var runtimeRunning: MetricNameDescriptor {
        family("runtime_requests_running", "", "Requests the runtime is processing, from its own /metrics.")
    }
    static var runtimeWaiting: MetricNameDescriptor {
        family("runtime_requests_waiting", "", "Requests queued in the runtime (vLLM waiting, llama.cpp deferred).")
    }
    static var runtimeKVCache: MetricNameDescriptor {
        family("runtime_kv_cache_usage", "ratio", "KV-cache usage the runtime reports (0..1).")
    }
    static var runtimeGenerationRate: MetricNameDescriptor {
        family(
            "runtime_generation_tokens_per_second", "", "Output tokens per second, from the runtime's counter.")
    }
    static var runtimePromptRate: MetricNameDescriptor {
        family("runtime_prompt_tokens_per_second", "", "Prompt tokens per second, from the runtime's counter.")
    }
    static var runtimeServerTTFT: MetricNameDescriptor {
        family(
            "runtime_server_ttft_p95", "seconds",
            "The runtime's own p95 time to first token (its histogram over the last minute, else response timings).")
    }
    static var runtimeServerQueue: MetricNameDescriptor {
        family("runtime_server_queue_p95", "seconds", "The runtime's own p95 queue time over the last minute.")
    }
    static var runtimeClientGap: MetricNameDescriptor {
        family(
            "runtime_client_minus_server_ttft_p95", "seconds",
            "Client TTFT minus the server's own, p95 over recent probes: network and queueing in front of the engine.")
    }
    static var runtimeScrapeUp: MetricNameDescriptor {
        family("runtime_scrape_up", "", "1 when the latest scrape of the runtime's metrics endpoint succeeded, else 0.")
    }
    static var goodputRatio: MetricNameDescriptor {
        family("goodput", "ratio", "Share of probes meeting every SLO objective of the target, per window.")
    }
    static var goodputRate: MetricNameDescriptor {
        family("goodput_requests_per_second", "", "Probes meeting every SLO objective per second, per window.")
    }
}

extension MetricsExporter {
    /// The runtime and goodput gauge values of one target (absent figures give no series).
    static func runtimeGauges(_ target: TargetSnapshot, labels: [(String, String)]) -> [GaugeKey: Double] {
        var values: [GaugeKey: Double] = [:]
        if let runtime = target.runtime {
            let pairs: [(MetricNameDescriptor, Double?)] = [
                (MetricFamilies.runtimeRunning, runtime.requestsRunning),
                (MetricFamilies.runtimeWaiting, runtime.requestsWaiting),
                (MetricFamilies.runtimeKVCache, runtime.kvCacheUsage),
                (MetricFamilies.runtimeGenerationRate, runtime.generationTokensPerSecond),
                (MetricFamilies.runtimePromptRate, runtime.promptTokensPerSecond),
                (
                    MetricFamilies.runtimeServerTTFT,
                    (runtime.serverTTFT?.p95 ?? runtime.timings?.serverTTFTP95).map { $0 / 1000 }
                ),
                (MetricFamilies.runtimeServerQueue, runtime.serverQueue.map { $0.p95 / 1000 }),
                (MetricFamilies.runtimeClientGap, runtime.timings?.clientGapP95.map { $0 / 1000 }),
            ]
            for case (let family, let value?) in pairs where value.isFinite {
                values[GaugeKey(family, labels)] = value
            }
            if runtime.metricsURL != nil, runtime.lastScrapeAt != nil || runtime.scrapeError != nil {
                values[GaugeKey(MetricFamilies.runtimeScrapeUp, labels)] = runtime.scrapeError == nil ? 1 : 0
            }
        }
        for (window, goodput) in target.goodput {
            let windowLabels = labels + [("window", window.rawValue)]
            if let share = goodput.share { values[GaugeKey(MetricFamilies.goodputRatio, windowLabels)] = share }
            values[GaugeKey(MetricFamilies.goodputRate, windowLabels)] = goodput.perSecond
        }
        return values
    }
}
