/// Which runtime's `/metrics` a simulated model imitates.
public enum SimMetricsNaming: String, Sendable, Equatable, CaseIterable {
    /// llama.cpp started with `--metrics`: `llamacpp:requests_processing`, `requests_deferred`, token counters.
    case llamacpp
    /// vLLM (V1 names): `vllm:num_requests_running`, `num_requests_waiting`, `kv_cache_usage_perc`, histograms.
    case vllm
    /// vLLM before V1: `vllm:gpu_cache_usage_perc` instead of `kv_cache_usage_perc`.
    case vllmLegacy = "vllm-legacy"
    /// llama.cpp started without `--metrics`: `/metrics` answers 501.
    case off
}
