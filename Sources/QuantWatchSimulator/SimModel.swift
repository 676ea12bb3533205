/// One simulated model served on its own port: a name, a quantization profile and where to listen.
public struct SimModel: Sendable, Equatable {
    /// Short id that fault scripts and flags name (for example `q4_0`).
    public var id: String
    /// Model name the server reports and accepts in request bodies (for example `sim-llama-3.1-8b:q4_0`).
    public var modelName: String
    public var profile: QuantProfile
    /// Port to bind; 0 picks an ephemeral one.
    public var port: Int
    /// Which runtime's `/metrics` it imitates.
    public var metrics: SimMetricsNaming
    /// Requests served at once (llama.cpp `--parallel`, a vLLM batch); nil: unlimited, nothing ever waits.
    public var slots: Int?

    public init(
        id: String, modelName: String? = nil, profile: QuantProfile, port: Int = 0,
        metrics: SimMetricsNaming = .llamacpp, slots: Int? = nil
    ) {
        self.id = id
        self.metrics = metrics
        self.slots = slots
        self.modelName = modelName ?? "sim-llama-3.1-8b:\(id)"
        self.profile = profile
        self.port = port
    }
}
