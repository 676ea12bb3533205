/// Expositions as the runtimes write them (shapes taken from llama-server's and vLLM's `/metrics` handlers).
package enum RuntimeExpositions {
    /// llama-server started with `--metrics`: unlabelled counters and gauges, each with HELP and TYPE.
    package static let llamaCpp = """
        # HELP llamacpp:prompt_tokens_total Number of prompt tokens processed.
        # TYPE llamacpp:prompt_tokens_total counter
        llamacpp:prompt_tokens_total 1200
        # HELP llamacpp:prompt_seconds_total Prompt process time
        # TYPE llamacpp:prompt_seconds_total counter
        llamacpp:prompt_seconds_total 0.412
        # HELP llamacpp:tokens_predicted_total Number of generation tokens processed.
        # TYPE llamacpp:tokens_predicted_total counter
        llamacpp:tokens_predicted_total 480
        # HELP llamacpp:n_busy_slots_per_decode Average number of busy slots per llama_decode() call
        # TYPE llamacpp:n_busy_slots_per_decode gauge
        llamacpp:n_busy_slots_per_decode nan
        # HELP llamacpp:requests_processing Number of requests processing.
        # TYPE llamacpp:requests_processing gauge
        llamacpp:requests_processing 2
        # HELP llamacpp:requests_deferred Number of requests deferred.
        # TYPE llamacpp:requests_deferred gauge
        llamacpp:requests_deferred 3

        """

    /// vLLM V1: labelled series, `_total` counters from prometheus_client, histograms.
    package static func vllm(
        running: Double = 4, waiting: Double = 6, cache: Double = 0.42, generated: Double = 1000,
        ttftBuckets: [(String, Double)] = [("0.1", 10), ("0.5", 90), ("1.0", 100), ("+Inf", 100)],
        cacheName: String = "vllm:kv_cache_usage_perc"
    ) -> String {
        let labels = #"engine="0",model_name="meta-llama/Llama-3.1-8B""#
        var text = """
            # HELP vllm:num_requests_running Number of requests in model execution batches.
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{\(labels)} \(running)
            # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
            # TYPE vllm:num_requests_waiting gauge
            vllm:num_requests_waiting{\(labels)} \(waiting)
            # HELP \(cacheName) KV-cache usage. 1 means 100 percent usage.
            # TYPE \(cacheName) gauge
            \(cacheName){\(labels)} \(cache)
            # HELP vllm:num_preemptions_total Cumulative number of preemption from the engine.
            # TYPE vllm:num_preemptions_total counter
            vllm:num_preemptions_total{\(labels)} 2.0
            # HELP vllm:prompt_tokens_total Number of prefill tokens processed.
            # TYPE vllm:prompt_tokens_total counter
            vllm:prompt_tokens_total{\(labels)} 5000.0
            # HELP vllm:generation_tokens_total Number of generation tokens processed.
            # TYPE vllm:generation_tokens_total counter
            vllm:generation_tokens_total{\(labels)} \(generated)
            # HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.
            # TYPE vllm:time_to_first_token_seconds histogram

            """
        for (bound, count) in ttftBuckets {
            text += "vllm:time_to_first_token_seconds_bucket{\(labels),le=\"\(bound)\"} \(count)\n"
        }
        text += "vllm:time_to_first_token_seconds_count{\(labels)} \(ttftBuckets.last?.1 ?? 0)\n"
        text += "vllm:time_to_first_token_seconds_sum{\(labels)} 31.5\n"
        return text
    }
}
