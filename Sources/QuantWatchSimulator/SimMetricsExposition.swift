/// Writes a simulated runtime's `/metrics` text in llama.cpp's or vLLM's naming, from its load books.
enum SimMetricsExposition {
    /// - Parameter extraWaiting: requests a `queue` fault puts in front of the model's own ones.
    static func text(
        _ naming: SimMetricsNaming, load: SimRuntimeLoad, extraWaiting: Int, modelName: String
    ) -> String {
        load.read { state in
            let running = state.running.count
            let waiting = state.waiting.count + extraWaiting
            // A made-up but monotone cache model: each request in the engine holds about 8% of the cache.
            let cache = min(1, Double(running + waiting) * 0.08)
            switch naming {
            case .llamacpp, .off:
                return llamaCpp(state, running: running, waiting: waiting)
            case .vllm, .vllmLegacy:
                return vllm(
                    state, running: running, waiting: waiting, cache: cache, legacy: naming == .vllmLegacy,
                    model: modelName)
            }
        }
    }

    /// As llama-server's `/metrics` handler writes it (counters, then gauges, each with HELP and TYPE).
    private static func llamaCpp(_ state: SimRuntimeLoad.State, running: Int, waiting: Int) -> String {
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ value: Double) {
            lines += [
                "# HELP llamacpp:\(name) \(help)", "# TYPE llamacpp:\(name) \(type)", "llamacpp:\(name) \(value)",
            ]
        }
        metric("prompt_tokens_total", "counter", "Number of prompt tokens processed.", Double(state.promptTokens))
        metric("prompt_seconds_total", "counter", "Prompt process time", state.ttft.sum)
        metric(
            "tokens_predicted_total", "counter", "Number of generation tokens processed.",
            Double(state.generationTokens))
        metric(
            "tokens_predicted_seconds_total", "counter", "Predict process time", max(0, state.e2e.sum - state.ttft.sum))
        metric("n_decode_total", "counter", "Total number of llama_decode() calls", Double(state.generationTokens))
        metric("requests_processing", "gauge", "Number of requests processing.", Double(running))
        metric("requests_deferred", "gauge", "Number of requests deferred.", Double(waiting))
        return lines.joined(separator: "\n") + "\n"
    }

    /// As vLLM's prometheus_client registry writes it: labelled series, `_total` counters, histograms.
    private static func vllm(
        _ state: SimRuntimeLoad.State, running: Int, waiting: Int, cache: Double, legacy: Bool, model: String
    ) -> String {
        let labels = "engine=\"0\",model_name=\"\(escape(model))\""
        var lines: [String] = []
        func gauge(_ name: String, _ help: String, _ value: Double) {
            lines += ["# HELP vllm:\(name) \(help)", "# TYPE vllm:\(name) gauge", "vllm:\(name){\(labels)} \(value)"]
        }
        func counter(_ name: String, _ help: String, _ value: Double) {
            lines += [
                "# HELP vllm:\(name) \(help)", "# TYPE vllm:\(name) counter", "vllm:\(name)_total{\(labels)} \(value)",
            ]
        }
        func histogram(_ name: String, _ help: String, _ histogram: SimRuntimeLoad.Histogram) {
            lines += ["# HELP vllm:\(name) \(help)", "# TYPE vllm:\(name) histogram"]
            var cumulative = 0
            for (index, bound) in SimRuntimeLoad.buckets.enumerated() {
                cumulative += histogram.counts[index]
                lines.append("vllm:\(name)_bucket{\(labels),le=\"\(bound)\"} \(Double(cumulative))")
            }
            lines.append("vllm:\(name)_bucket{\(labels),le=\"+Inf\"} \(Double(histogram.count))")
            lines.append("vllm:\(name)_count{\(labels)} \(Double(histogram.count))")
            lines.append("vllm:\(name)_sum{\(labels)} \(histogram.sum)")
        }
        gauge("num_requests_running", "Number of requests in model execution batches.", Double(running))
        gauge("num_requests_waiting", "Number of requests waiting to be processed.", Double(waiting))
        gauge(
            legacy ? "gpu_cache_usage_perc" : "kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", cache
        )
        counter("num_preemptions", "Cumulative number of preemption from the engine.", 0)
        counter("prompt_tokens", "Number of prefill tokens processed.", Double(state.promptTokens))
        counter("generation_tokens", "Number of generation tokens processed.", Double(state.generationTokens))
        histogram("time_to_first_token_seconds", "Histogram of time to first token in seconds.", state.ttft)
        histogram("e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", state.e2e)
        histogram("request_queue_time_seconds", "Histogram of time spent in WAITING phase for request.", state.queue)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
